"""Command line: `nktracker check [DATA_DIR]`."""

from __future__ import annotations

import argparse
import sys

from nktracker.load import data_dir, load_dataset


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="nktracker", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate a data folder; exit 1 on any problem")
    check.add_argument(
        "data_dir", nargs="?", help="data folder (default: $NKTRACKER_DATA or the bundled data/)"
    )
    return parser


def run_check(folder: str | None) -> int:
    root = data_dir(folder)
    dataset, problems = load_dataset(root)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {root}")
        return 1
    print(f"OK {root}: {dataset.summary()}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "check":
        return run_check(args.data_dir)
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
