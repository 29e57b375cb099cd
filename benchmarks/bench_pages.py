"""Rerun time of every page with Streamlit's AppTest at 1x, 10x, 100x the shipped data.

Usage: python benchmarks/bench_pages.py [--scales 1,10,100] [--repeat N] [--huge] [--write]

For each scale, synth.py writes a data folder K times the size of data/. Each page in pages/*.py
is opened once through app.py with NKTRACKER_DATA pointing at that folder, then N further
`at.run()` calls are timed; a bare two-element script (st.title + st.write) is timed the same
way in the same process. The table gives each page's median rerun, its ratio to the bare
script's, and its cost at Kx over its own cost at 1x. Memory: M more sessions of a heavy page
at 100x, against M of the bare script, as the growth of the process's RSS and of the Python
heap (tracemalloc) per session.

The harness knows only app.py, pages/ and NKTRACKER_DATA, so it measures whatever the app does.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import streamlit
from streamlit.testing.v1 import AppTest
from synth import DATA, MARKER, generate

REPO = Path(__file__).resolve().parent.parent
APP = REPO / "app.py"
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
BARE = "bare script"
BARE_SCRIPT = 'import streamlit as st\n\nst.title("Bare")\nst.write("Two elements.")\n'
TIMEOUT_S = 1800.0  # one AppTest run; a page that takes longer is reported as an error
# A filter change over all the data: every stance selected keeps every claim but is not the
# default (no stance), so a page computes afresh what it cached for the default view. The
# parameter and its values are the dashboard's documented URL (README, "Links").
FILTER_CHANGE = "stance=asserts&stance=denies&stance=doubts"


@dataclass
class Timing:
    """One page (or the bare script) at one scale: the first run and the timed reruns."""

    name: str
    scale: int
    first_ms: float
    runs_ms: list[float] = field(default_factory=list)
    repeat: int = 0  # asked for; len(runs_ms) is less when the time budget capped it
    errors: list[str] = field(default_factory=list)
    changed_ms: float | None = None  # a new session opened with other filters (FILTER_CHANGE)

    @property
    def median_ms(self) -> float:
        return statistics.median(self.runs_ms) if self.runs_ms else float("nan")

    @property
    def capped(self) -> bool:
        return len(self.runs_ms) < self.repeat


@dataclass
class Memory:
    """Growth per extra session: RSS and the Python heap (tracemalloc), in MiB."""

    name: str
    scale: int
    sessions: int
    rss_mib: float
    heap_mib: float


@dataclass
class Report:
    scales: list[int]
    repeat: int
    change: str = ""
    timings: list[Timing] = field(default_factory=list)
    memory: list[Memory] = field(default_factory=list)
    data_s: dict[int, float] = field(default_factory=dict)  # generating each folder
    check: dict[int, str] = field(default_factory=dict)  # `nktracker check` line and time

    def timing(self, name: str, scale: int) -> Timing | None:
        return next((t for t in self.timings if t.name == name and t.scale == scale), None)

    def pages(self) -> list[str]:
        return list(dict.fromkeys(t.name for t in self.timings if t.name != BARE))


def page_scripts(repo: Path = REPO) -> list[str]:
    """Every page script, as app.py's navigation names it: 'pages/x.py'."""
    return [f"pages/{p.name}" for p in sorted((repo / "pages").glob("*.py"))]


@contextmanager
def data_env(folder: Path | None) -> Iterator[None]:
    """NKTRACKER_DATA set to folder for the block (unset when None), then restored."""
    before = os.environ.get("NKTRACKER_DATA")
    if folder is None:
        os.environ.pop("NKTRACKER_DATA", None)
    else:
        os.environ["NKTRACKER_DATA"] = str(folder)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("NKTRACKER_DATA", None)
        else:
            os.environ["NKTRACKER_DATA"] = before


def rss_mib() -> float:
    """The process's resident set size now (Linux /proc), else its peak (getrusage)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _errors(at: AppTest) -> list[str]:
    out = []
    for element in at.exception:
        proto = element.proto
        trace = "".join(f"\n    {line}" for line in proto.stack_trace)
        out.append(f"{proto.type}: {proto.message}{trace}")
    return out


def open_app(page: str | None, script: Path = APP, query: str = "") -> AppTest:
    """A new session: the script (app.py switched to page, or a bare script) opened with the
    query string, as a link does, and run once."""
    at = AppTest.from_file(str(script), default_timeout=TIMEOUT_S)
    for key, values in urllib.parse.parse_qs(query).items():
        at.query_params[key] = values if len(values) > 1 else values[0]
    if page is not None:
        at.switch_page(page)
    return at.run()


def time_session(
    name: str,
    scale: int,
    opener: Callable[[], AppTest],
    repeat: int,
    budget_s: float = float("inf"),
    min_runs: int = 3,
) -> Timing:
    """Open once, then time `repeat` reruns; stop early (at least min_runs) past budget_s."""
    start = time.perf_counter()
    try:
        at = opener()
    except RuntimeError as err:  # AppTest's timeout
        return Timing(name, scale, _ms(start), repeat=repeat, errors=[f"first run: {err}"])
    timing = Timing(name, scale, _ms(start), repeat=repeat, errors=_errors(at))
    spent = 0.0
    for i in range(repeat):
        if spent > budget_s and i >= min(min_runs, repeat):
            break
        start = time.perf_counter()
        try:
            at.run()
        except RuntimeError as err:
            timing.errors.append(f"rerun {i + 1}: {err}")
            break
        timing.runs_ms.append(_ms(start))
        spent += timing.runs_ms[-1] / 1000
        timing.errors += [e for e in _errors(at) if e not in timing.errors]
    return timing


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def measure_page(
    page: str,
    data: Path,
    scale: int,
    repeat: int,
    budget_s: float = float("inf"),
    change: str = FILTER_CHANGE,
) -> Timing:
    """A page of app.py on one data folder: opened, rerun, then (when `change` is a query
    string) opened in a new session with those filters, timed once."""
    with data_env(data):
        timing = time_session(page, scale, lambda: open_app(page), repeat, budget_s)
        if change and timing.runs_ms:
            start = time.perf_counter()
            try:
                at = open_app(page, query=change)
                timing.changed_ms = _ms(start)
                timing.errors += [f"with ?{change}: {e}" for e in _errors(at)]
            except RuntimeError as err:
                timing.errors.append(f"with ?{change}: {err}")
        return timing


def measure_bare(script: Path, scale: int, repeat: int) -> Timing:
    return time_session(BARE, scale, lambda: open_app(None, script), repeat)


def write_bare_script(folder: Path) -> Path:
    path = folder / "bare.py"
    path.write_text(BARE_SCRIPT, encoding="utf-8")
    return path


def session_memory(name: str, scale: int, opener: Callable[[], AppTest], sessions: int) -> Memory:
    """Growth per extra session once the caches are warm: RSS, and the Python heap traced by
    tracemalloc (the sessions are opened a second time for that, as tracing slows them)."""
    warm = opener()  # fills the process-wide caches; not counted
    gc.collect()
    before = rss_mib()
    kept = [opener() for _ in range(sessions)]
    gc.collect()
    rss = (rss_mib() - before) / sessions
    del kept
    gc.collect()
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        kept = [opener() for _ in range(sessions)]
        gc.collect()
        heap = (tracemalloc.get_traced_memory()[0] - base) / sessions / 2**20
    finally:
        tracemalloc.stop()
    del kept, warm
    gc.collect()
    return Memory(name, scale, sessions, rss, heap)


def make_data(scale: int, root: Path, seed: int) -> tuple[Path, float]:
    """The data folder for a scale under root, reused when synth.py wrote it with this seed."""
    folder = root / f"x{scale}"
    marker = folder / MARKER
    if marker.is_file():
        made = json.loads(marker.read_text())
        if (made.get("k"), made.get("seed"), made.get("from")) == (scale, seed, str(DATA)):
            return folder, 0.0
    start = time.perf_counter()
    generate(scale, folder, seed, force=True)
    return folder, time.perf_counter() - start


def run_check(folder: Path) -> str:
    """`nktracker check` on the folder (the app's command line): its last line and time."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "nktracker", "check", str(folder)],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    last = (done.stdout.strip().splitlines() or ["(no output)"])[-1]
    return f"{last.replace(str(folder), folder.name)} ({time.perf_counter() - start:.1f} s)"


def run(
    scales: list[int],
    repeat: int,
    pages: list[str] | None = None,
    seed: int = 0,
    data_root: Path | None = None,
    budget_s: float = 120.0,
    sessions: int = 0,
    memory_scale: int | None = None,
    memory_page: str | None = None,
    check: bool = False,
    change: str = FILTER_CHANGE,
    log: Callable[[str], None] = lambda _: None,
) -> Report:
    """Time every page at every scale (and the bare script beside each scale); then, when
    sessions > 0, the memory per extra session of memory_page (default: the slowest page) at
    memory_scale (default: 100 when measured, else the largest scale)."""
    pages = page_scripts() if pages is None else pages
    report = Report(sorted(scales), repeat, change)
    with tempfile.TemporaryDirectory(prefix="nk-bench-") as tmp:
        root = data_root or Path(tmp)
        bare = write_bare_script(Path(tmp))
        folders: dict[int, Path] = {}
        for scale in report.scales:
            folders[scale], report.data_s[scale] = make_data(scale, root, seed)
            log(f"{scale}x: data in {report.data_s[scale]:.1f} s")
            if check:
                report.check[scale] = run_check(folders[scale])
                log(f"{scale}x: {report.check[scale]}")
            report.timings.append(measure_bare(bare, scale, repeat))
            for page in pages:
                log(f"{scale}x {page}: opening")
                timing = measure_page(page, folders[scale], scale, repeat, budget_s, change)
                report.timings.append(timing)
                log(
                    f"{scale}x {page}: first {timing.first_ms:.0f} ms, median "
                    f"{timing.median_ms:.0f} ms over {len(timing.runs_ms)}, filter change "
                    f"{_ms_text(timing.changed_ms)}"
                    + (f", {len(timing.errors)} error(s)" if timing.errors else "")
                )
        if sessions > 0:
            scale = memory_scale or (100 if 100 in folders else max(folders))
            page = memory_page or _slowest(report, scale)
            report.memory.append(
                session_memory(BARE, scale, lambda: open_app(None, bare), sessions)
            )
            with data_env(folders[scale]):
                report.memory.append(session_memory(page, scale, lambda: open_app(page), sessions))
            log(f"memory: {report.memory}")
    return report


def report_json(report: Report) -> dict:
    """The numbers for benchmarks/targets.py: median rerun, first run and filter change per
    page and scale (ms), and memory per extra session (MiB)."""
    return {
        "scales": report.scales,
        "pages": {
            name: {
                str(t.scale): {
                    "median_ms": t.median_ms if t.runs_ms else None,
                    "runs": len(t.runs_ms),
                    "first_ms": t.first_ms,
                    "changed_ms": t.changed_ms,
                    "errors": t.errors,
                }
                for t in report.timings
                if t.name == name
            }
            for name in [BARE, *report.pages()]
        },
        "memory": [vars(m) for m in report.memory],
    }


def _slowest(report: Report, scale: int) -> str:
    timed = [t for t in report.timings if t.scale == scale and t.name != BARE and t.runs_ms]
    return max(timed, key=lambda t: t.median_ms).name


# --- output ----------------------------------------------------------------------------------


def machine() -> str:
    return (
        f"{os.cpu_count()} CPUs (nproc), Python {platform.python_version()}, "
        f"Streamlit {streamlit.__version__}, {platform.system()} {platform.machine()}"
    )


def load_average() -> str:
    """The 1-minute load average now: other work on the machine makes the times noisy."""
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except OSError:
        return "unknown"


def app_version() -> str:
    """The commit measured, '-dirty' when the working tree has changes ('unknown' off git)."""
    try:
        done = subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            capture_output=True,
            text=True,
            check=False,
            cwd=REPO,
        )
    except OSError:
        return "unknown"
    return done.stdout.strip() or "unknown"


def format_report(report: Report) -> str:
    """Markdown: the rerun table, the first runs, memory, errors."""
    scales = report.scales
    base = scales[0]
    head = ["page"]
    for scale in scales:
        head += [f"{scale}x ms", f"{scale}x / bare"]
        if scale != base:
            head.append(f"{scale}x / {base}x")
    rows = [head, ["---"] + ["---:"] * (len(head) - 1)]
    for name in [BARE, *report.pages()]:
        row = [name]
        for scale in scales:
            t, bare = report.timing(name, scale), report.timing(BARE, scale)
            own = report.timing(name, base)
            row.append(_cell(t))
            row.append(_ratio(t, bare))
            if scale != base:
                row.append(_ratio(t, own))
        rows.append(row)
    lines = ["| " + " | ".join(r) + " |" for r in rows]
    change = f"a new session opened with `?{report.change}`" if report.change else "not run"
    lines += [
        "",
        f"Median of {report.repeat} reruns after the first (`*`: fewer, capped by the time "
        "budget, count in brackets). Below, in ms: each page's first run (the first page at a "
        "scale also pays the data load; later pages find it cached) and a filter change over "
        f"all the data ({change}: every claim kept, nothing cached for that view yet):",
        "",
    ]
    head = ["page"] + [f"{s}x {what}" for s in scales for what in ("first", "filter change")]
    first = [head, ["---"] + ["---:"] * (len(head) - 1)]
    for name in [BARE, *report.pages()]:
        row = [name]
        for s in scales:
            t = report.timing(name, s)
            row += [_first(t), "" if t is None else _ms_text(t.changed_ms)]
        first.append(row)
    lines += ["| " + " | ".join(r) + " |" for r in first]
    if report.data_s or report.check:
        lines += ["", "Data folders (synth.py, then `nktracker check`):", ""]
        for scale in scales:
            made = report.data_s.get(scale)
            made_text = "reused" if made == 0 else f"written in {made:.1f} s"
            lines.append(f"- {scale}x: {made_text}; {report.check.get(scale, 'not checked')}")
    if report.memory:
        lines += ["", "Memory per extra session (warm caches):", ""]
        for m in report.memory:
            lines.append(
                f"- {m.name} at {m.scale}x, {m.sessions} sessions: RSS +{m.rss_mib:.2f} MiB, "
                f"Python heap +{m.heap_mib:.2f} MiB per session"
            )
    errors = [t for t in report.timings if t.errors]
    if errors:
        lines += ["", "Errors:", ""]
        for t in errors:
            for error in t.errors:
                lines.append(f"- {t.name} at {t.scale}x: {error}")
    return "\n".join(lines)


def _cell(t: Timing | None) -> str:
    if t is None or not t.runs_ms:
        return "error" if t is not None else ""
    text = f"{t.median_ms:.0f}" if t.median_ms >= 10 else f"{t.median_ms:.1f}"
    return f"{text}*({len(t.runs_ms)})" if t.capped else text


def _ms_text(ms: float | None) -> str:
    return "" if ms is None else f"{ms:.0f}"


def _first(t: Timing | None) -> str:
    return "" if t is None else f"{t.first_ms:.0f}"


def _ratio(t: Timing | None, base: Timing | None) -> str:
    if t is None or base is None or not t.runs_ms or not base.runs_ms:
        return ""
    return f"{t.median_ms / base.median_ms:.1f}x"


def append_results(report: Report, command: str, context: str, path: Path = RESULTS) -> None:
    """A dated section at the end of RESULTS.md: the command, the machine, the tables."""
    section = (
        f"\n## {time.strftime('%Y-%m-%d')}, pages at scale (bench_pages.py)\n\n"
        f"`{command}` on {machine()}; {context}.\n\n{format_report(report)}\n"
    )
    with path.open("a", encoding="utf-8") as out:
        out.write(section)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", default="1,10,100", help="comma-separated K (default 1,10,100)")
    parser.add_argument("--repeat", type=int, default=5, help="timed reruns per page (default 5)")
    parser.add_argument("--huge", action="store_true", help="add 1000x")
    parser.add_argument("--pages", help="comma-separated page scripts (default pages/*.py)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--budget",
        type=float,
        default=120.0,
        help="seconds of reruns per page and scale before "
        "the repeat is capped (at least 3 runs; default 120)",
    )
    parser.add_argument("--sessions", type=int, default=10, help="for memory; 0 skips it")
    parser.add_argument("--memory-scale", type=int, help="default 100 (else the largest)")
    parser.add_argument("--memory-page", help="default: the slowest page at that scale")
    parser.add_argument("--data-root", type=Path, help="keep (and reuse) the data folders here")
    parser.add_argument("--no-check", action="store_true", help="skip `nktracker check`")
    parser.add_argument(
        "--change",
        default=FILTER_CHANGE,
        help=f"query string of the filter-change run ('' skips it; default {FILTER_CHANGE!r})",
    )
    parser.add_argument("--write", action="store_true", help=f"append to {RESULTS.name}")
    parser.add_argument("--json", type=Path, help="also write the numbers here as JSON")
    args = parser.parse_args(argv)
    version = app_version()  # before the run: the code the pages import
    load_before = load_average()
    scales = [int(s) for s in args.scales.split(",") if s.strip()]
    if args.huge and 1000 not in scales:
        scales.append(1000)
    if max(scales) >= 1000 and not os.environ.get("NKTRACKER_MAX_FILE_MB"):
        # a 62,000-claim claims.yaml is about 64 MB: above the loader's 20 MB default, which a
        # curator of a data folder that large raises the same way (docs/data.md#limits)
        os.environ["NKTRACKER_MAX_FILE_MB"] = "200"
    report = run(
        scales,
        args.repeat,
        pages=args.pages.split(",") if args.pages else None,
        seed=args.seed,
        data_root=args.data_root,
        budget_s=args.budget,
        sessions=args.sessions,
        memory_scale=args.memory_scale,
        memory_page=args.memory_page,
        check=not args.no_check,
        change=args.change,
        log=lambda line: print(line, file=sys.stderr, flush=True),
    )
    load = f"load average {load_before} before, {load_average()} after"
    print(f"{time.strftime('%Y-%m-%d')}, {machine()}, app at {version}, {load}\n")
    print(format_report(report))
    if args.json:
        args.json.write_text(json.dumps(report_json(report), indent=2) + "\n")
    if args.write:
        command = "python benchmarks/bench_pages.py " + " ".join(argv or sys.argv[1:])
        append_results(report, command.strip(), f"app at `{version}`, {load}")
        print(f"\nappended to {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
