"""Command line: check, export, and the curator's tools archive, draft and place add.

`nktracker check [DATA_DIR]`; `nktracker export --out DIR [filters]`;
`nktracker archive FILE|- --id ID --outlet SOURCE --published DATE`;
`nktracker draft ARTICLE [--published DATE] [--out FILE]`;
`nktracker place add ID --name N --lon X --lat Y --region R --kind K`.

Exit codes: 0 OK; 1 problems in the data (check) or nothing could be exported (export);
2 a usage error (argparse, an unknown filter value); 3 an internal error, reported in one line
with the traceback written to a log file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

from nktracker.filters import Filters, filter_options, raw_params
from nktracker.load import data_dir, load_dataset
from nktracker.model import Dataset
from nktracker.problems import clean

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


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
    add_curation_commands(commands)
    return parser


def add_curation_commands(commands: argparse._SubParsersAction) -> None:
    """archive, draft and place add: the curator's path from a new text to checked claims."""
    archive = commands.add_parser(
        "archive",
        help="archive a document byte for byte as data/articles/ID.txt with its .yaml skeleton",
    )
    archive.add_argument("file", help="the document's text file, or - for standard input")
    archive.add_argument("--id", required=True, help="article id (a slug), e.g. ap-2024-11-04")
    archive.add_argument("--outlet", required=True, help="the publishing outlet's source id")
    archive.add_argument("--published", required=True, type=_date, help="YYYY-MM-DD")
    archive.add_argument("--precision", choices=("day", "week", "month"), default="day")
    archive.add_argument("--url", help="the document's address (http or https)")
    archive.add_argument("--title", help="the document's title")
    archive.add_argument("--data", help="data folder (default: $NKTRACKER_DATA or data/)")

    draft = commands.add_parser(
        "draft",
        help="propose draft claims (draft: true) from an archived article or a text file",
    )
    draft.add_argument("article", help="an archived article id, or a path to a text file")
    draft.add_argument("--published", type=_date, help="the text's date (YYYY-MM-DD)")
    draft.add_argument("--out", type=Path, help="write the YAML here (default: standard output)")
    draft.add_argument("--data", help="data folder (default: $NKTRACKER_DATA or data/)")

    place = commands.add_parser("place", help="places in data/locations.geojson")
    place_commands = place.add_subparsers(dest="place_command", required=True)
    add = place_commands.add_parser("add", help="append one place without reformatting the rest")
    add.add_argument("id", help="place id (a slug)")
    add.add_argument("--name", required=True)
    add.add_argument("--lon", required=True, type=float)
    add.add_argument("--lat", required=True, type=float)
    add.add_argument("--region", required=True, help="a region id or label from regions.yaml")
    add.add_argument("--kind", required=True)
    add.add_argument("--country", help="country name")
    add.add_argument("--theatre", choices=("present", "historical", "none"), default="none")
    add.add_argument("--source-url", help="public reference for the coordinates (http or https)")
    add.add_argument("--source-title", help="title of that reference")
    add.add_argument("--data", help="data folder (default: $NKTRACKER_DATA or data/)")


def run_check(folder: str | None) -> int:
    root = data_dir(folder)
    dataset, problems = load_dataset(root)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {clean(str(root))}")
        return EXIT_PROBLEMS
    print(f"OK {clean(str(root))}: {dataset.summary()}")
    return EXIT_OK


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
            print(clean(f"error: {note.replace('Ignored', 'unknown value')}"), file=sys.stderr)
        return EXIT_USAGE
    try:
        result = export_all(
            dataset, filters, args.out, root, images=not args.no_images, progress=report_file
        )
    except RuntimeError as err:  # no Chromium: said in one line, nothing to debug
        print(clean(f"error: {err}"), file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError as err:  # the output folder cannot be written
        print(clean(f"error: cannot write into {args.out}: {err}"), file=sys.stderr)
        return EXIT_PROBLEMS
    print(clean(f"wrote {len(result.written)} files for {result.claims} claims into {args.out}"))
    return EXIT_OK


BAR_WIDTH = 30


def progress_bar(done: int, total: int, width: int = BAR_WIDTH) -> str:
    """'[#########---------------------]  9/30': how far an export has got."""
    filled = width * done // max(total, 1)
    digits = len(str(total))
    return f"[{'#' * filled}{'-' * (width - filled)}] {done:>{digits}}/{total}"


def report_file(path: Path, done: int, total: int) -> None:
    """Each file on stdout the moment it is written; the bar on stderr (redrawn in place on a
    terminal, a line per file otherwise, so a log keeps it)."""
    bar = progress_bar(done, total)
    if not sys.stderr.isatty():
        print(clean(str(path)), flush=True)
        print(bar, file=sys.stderr, flush=True)
        return
    print("\r\033[K", end="", file=sys.stderr, flush=True)  # the bar gives way to the line
    print(clean(str(path)), flush=True)
    print(bar, end="\n" if done == total else "", file=sys.stderr, flush=True)


def log_dir() -> Path:
    """Where internal errors are logged: $XDG_CACHE_HOME/nktracker, else ~/.cache/nktracker."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "nktracker"


def write_log(details: str) -> Path:
    """Write details to a new log file in log_dir(), or in the temp folder if that fails."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    folders: list[Path] = []
    try:
        folders.append(log_dir())
    except (OSError, RuntimeError):  # no home folder
        pass
    folders.append(Path(tempfile.gettempdir()))
    error: OSError | None = None
    for folder in folders:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(
                prefix=f"internal-error-{stamp}-", suffix=".log", dir=folder
            )
            with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as log:
                log.write(details)
            return Path(name)
        except OSError as err:
            error = err
    raise error or OSError("no folder to write the log into")


def internal_error(err: BaseException, argv: list[str]) -> int:
    """One line on stderr for a bug, the traceback in a log file: exit code 3."""
    details = " ".join(["nktracker", *argv]) + "\n" + "".join(traceback.format_exception(err))
    message = str(err)
    if len(message) > 300:
        message = message[:300] + "…"
    try:
        where = f"details written to {write_log(details)}"
    except OSError as log_err:
        where = f"details could not be written ({log_err})"
    print(clean(f"internal error: {type(err).__name__}: {message}; {where}"), file=sys.stderr)
    return EXIT_INTERNAL


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)  # a usage error exits with 2 (argparse)
    try:
        if args.command == "check":
            return run_check(args.data_dir)
        if args.command == "export":
            return run_export(args)
        if args.command == "archive":
            from nktracker.curate import run_archive  # curator's tools load only when used

            return run_archive(args)
        if args.command == "draft":
            from nktracker.draft import run_draft  # the drafter's libraries load only when used

            return run_draft(args)
        if args.command == "place":
            from nktracker.curate import run_place_add  # curator's tools load only when used

            return run_place_add(args)
    except BrokenPipeError:  # `nktracker check | head`: the reader has gone, say nothing more
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return EXIT_PROBLEMS
    except Exception as err:  # a bug: one line on stderr, the traceback in a log file
        return internal_error(err, sys.argv[1:] if argv is None else argv)
    return EXIT_USAGE  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
