"""Command line: `nktracker check [DATA_DIR]` and `nktracker export --out DIR [filters]`."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from nktracker.filters import Filters, filter_options, raw_params
from nktracker.load import data_dir, load_dataset
from nktracker.model import Dataset


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date: use YYYY-MM-DD") from err


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="nktracker", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate a data folder; exit 1 on any problem")
    check.add_argument(
        "data_dir", nargs="?", help="data folder (default: $NKTRACKER_DATA or the bundled data/)"
    )
    export = commands.add_parser(
        "export",
        help="write every chart (PNG and SVG) and the filtered data (CSV, JSON, GeoJSON)",
        description="Charts are rendered by kaleido with the system Chromium "
        "(BROWSER_PATH, default /usr/bin/chromium). Filters match the dashboard's.",
    )
    export.add_argument("--out", required=True, type=Path, help="folder to write into")
    export.add_argument("--data", help="data folder (default: $NKTRACKER_DATA or data/)")
    export.add_argument("--region", action="append", default=[], help="repeatable")
    export.add_argument("--source", action="append", default=[], help="source id; repeatable")
    export.add_argument("--topic", action="append", default=[], help="repeatable")
    export.add_argument("--stance", action="append", default=[], help="repeatable")
    export.add_argument("--reported-from", type=_date, help="YYYY-MM-DD")
    export.add_argument("--reported-to", type=_date, help="YYYY-MM-DD")
    export.add_argument("--as-of", type=_date, help="as known on YYYY-MM-DD")
    export.add_argument("--q", default="", help="free-text search")
    export.add_argument("--no-images", action="store_true", help="write only the data files")
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


def export_filters(args: argparse.Namespace, dataset: Dataset) -> tuple[Filters, list[str]]:
    """The export's filters through the same URL codec the dashboard uses."""
    options = filter_options(dataset)
    reported: tuple[dt.date, ...] = ()
    if args.reported_from or args.reported_to:
        reported = (
            args.reported_from or options.first_reported,
            args.reported_to or options.last_reported,
        )
    params = raw_params(
        regions=args.region,
        sources=args.source,
        topics=args.topic,
        stances=args.stance,
        reported=reported,
        as_of=args.as_of,
        text=args.q,
    )
    return Filters.from_params(params, options)


def run_export(args: argparse.Namespace) -> int:
    from nktracker.export import export_all  # plotly and kaleido load only for an export

    root = data_dir(args.data)
    dataset, problems = load_dataset(root)
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    filters, notes = export_filters(args, dataset)
    if notes:
        for note in notes:
            print(f"error: {note.replace('Ignored', 'unknown value')}", file=sys.stderr)
        return 2
    try:
        result = export_all(dataset, filters, args.out, root, images=not args.no_images)
    except RuntimeError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for path in result.written:
        print(path)
    print(f"wrote {len(result.written)} files for {result.claims} claims into {args.out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "check":
        return run_check(args.data_dir)
    if args.command == "export":
        return run_export(args)
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
