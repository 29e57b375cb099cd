"""Every speed target of issue 10, measured in one run and judged: `make bench`.

Usage: python benchmarks/targets.py [--huge] [--sessions N] [--runs N] [--data-root DIR]
                                    [--skip load,browser] [--write]

Runs, one after another on this machine:
  1. bench_pages.py at 1x, 10x and 100x (and 1000x with --huge): every page's median AppTest
     rerun against a bare two-element script, first runs, filter changes, and memory per extra
     session at 100x;
  2. the first load at 100x: nktracker's load_dataset (parse, validate, index) against a bare
     libyaml parse (yaml.CSafeLoader; json for the GeoJSON) of the same files, median of 3;
  3. load.py --compare: N websocket sessions running every page against the bare app;
  4. bench_browser.py: time from navigation to a settled page in Chromium, real over bare.
Then prints each target with the number measured and whether it is met, and with --write
appends the table (machine, date, commit) to benchmarks/RESULTS.md. Ratios only compare
numbers taken in this one run. Exit status 0 even when a target is missed: it is a report.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
RESULTS = HERE / "RESULTS.md"
BARE = "bare script"
MB = 1e6 / 2**20  # the target's 1 MB (10^6 bytes) in MiB, the unit the harness reports


@dataclass
class Verdict:
    target: str
    measured: str
    met: bool | None  # None: not measured in this run


def run_json(args: list[str], out: Path) -> dict | None:
    """Run a benchmark script that writes --json OUT; its output streams to our stderr."""
    command = [sys.executable, *args, "--json", str(out)]
    print("$ " + " ".join(command[1:]), file=sys.stderr, flush=True)
    done = subprocess.run(command, cwd=REPO, stdout=sys.stderr, check=False)
    if not out.exists():
        print(f"  (no results: exit {done.returncode})", file=sys.stderr)
        return None
    return json.loads(out.read_text())


def first_load(folder: Path, runs: int = 3) -> tuple[float, float]:
    """Median seconds of load_dataset(folder) and of a bare parse of the same files."""
    import yaml  # only this step parses; the harness otherwise only runs scripts

    sys.path.insert(0, str(REPO))
    from nktracker.load import load_dataset  # the app's loader, as the app calls it

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    files = sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".geojson", ".json"))

    def bare() -> None:
        for path in files:
            text = path.read_text(encoding="utf-8")
            if path.suffix == ".yaml":
                yaml.load(text, Loader=loader)  # noqa: S506 (a safe loader)
            else:
                json.loads(text)

    def timed(fn) -> float:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    return timed(lambda: load_dataset(folder)), timed(bare)


def judge(pages: dict | None, load: dict | None, browser: dict | None, first: tuple | None):
    out: list[Verdict] = []
    if pages:
        timings = pages["pages"]
        bare1 = timings[BARE]["1"]["median_ms"]
        page_names = [n for n in timings if n != BARE]
        heaviest = max(page_names, key=lambda n: timings[n]["1"]["median_ms"] or 0)
        ratio = timings[heaviest]["1"]["median_ms"] / bare1
        out.append(
            Verdict(
                "heaviest page rerun at 1x within 15x a bare script",
                f"{heaviest}: {timings[heaviest]['1']['median_ms']:.1f} ms vs bare "
                f"{bare1:.1f} ms = {ratio:.1f}x",
                ratio <= 15,
            )
        )
        for scale, limit in ((100, 3), (1000, 10)):
            if str(scale) not in timings[BARE]:
                if scale == 1000:
                    out.append(Verdict("1000x: every page renders within 10x its 1x", "", None))
                continue
            worst, worst_ratio, errors = "", 0.0, []
            for name in page_names:
                at, one = timings[name][str(scale)], timings[name]["1"]
                errors += at["errors"]
                if at["median_ms"] is None:
                    continue
                r = at["median_ms"] / one["median_ms"]
                if r > worst_ratio:
                    worst, worst_ratio = name, r
            out.append(
                Verdict(
                    f"{scale}x: every page within {limit}x its own 1x rerun"
                    + (" and renders" if scale == 1000 else ""),
                    f"worst {worst} {worst_ratio:.1f}x"
                    + (f"; {len(errors)} error(s)" if errors else "; no errors"),
                    worst_ratio <= limit and not errors,
                )
            )
        memory = [m for m in pages["memory"] if m["name"] != BARE]
        if memory:
            m = memory[0]
            out.append(
                Verdict(
                    f"memory per extra session at {m['scale']}x under 1 MB",
                    f"{m['name']}: RSS +{m['rss_mib']:.2f} MiB, Python heap "
                    f"+{m['heap_mib']:.2f} MiB per session ({m['sessions']} sessions)",
                    m["rss_mib"] < MB,
                )
            )
    if first:
        app_s, bare_s = first
        out.append(
            Verdict(
                "first load at 100x within 2x a bare libyaml parse",
                f"{app_s:.2f} s vs {bare_s:.2f} s = {app_s / bare_s:.1f}x",
                app_s / bare_s <= 2,
            )
        )
    if load and "ratios" in load:
        r = load["ratios"]
        out.append(
            Verdict(
                "load: throughput at least 0.5x a bare app's",
                f"{r['throughput_ratio']:.2f}x",
                r["throughput_ratio"] >= 0.5,
            )
        )
        p95 = r["p95_ratio"]
        out.append(Verdict("load: p95 within 3x a bare app's", f"{p95:.1f}x", p95 <= 3))
    if browser:
        worst = max(browser["pages"], key=lambda n: browser["pages"][n]["ratio"])
        ratio = browser["pages"][worst]["ratio"]
        out.append(
            Verdict(
                "Chromium: every page settles within 2x a bare page",
                f"worst {worst} {ratio:.1f}x ({browser['pages'][worst]['app_s']:.2f} s vs "
                f"{browser['pages'][worst]['bare_s']:.2f} s)",
                ratio <= 2,
            )
        )
    return out


def table(verdicts: list[Verdict]) -> str:
    lines = ["| target | measured | met |", "| --- | --- | --- |"]
    for v in verdicts:
        mark = "not measured" if v.met is None else ("yes" if v.met else "**no**")
        lines.append(f"| {v.target} | {v.measured} | {mark} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--huge", action="store_true", help="add 1000x to the page reruns")
    parser.add_argument("--sessions", type=int, default=30, help="load.py sessions (30)")
    parser.add_argument("--runs", type=int, default=7, help="bench_browser.py runs (7)")
    parser.add_argument("--repeat", type=int, default=5, help="bench_pages.py reruns (5)")
    parser.add_argument("--data-root", type=Path, help="keep and reuse the synthetic folders")
    parser.add_argument("--skip", default="", help="comma-separated: pages,first,load,browser")
    parser.add_argument("--write", action="store_true", help=f"append to {RESULTS.name}")
    args = parser.parse_args(argv)
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    started = time.strftime("%Y-%m-%d %H:%M")
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="nk-targets-") as tmp:
        work = Path(tmp)
        root = args.data_root or work / "data"
        pages = load = browser = first = None
        if "pages" not in skip:
            command = ["benchmarks/bench_pages.py", "--scales", "1,10,100"]
            command += ["--repeat", str(args.repeat), "--data-root", str(root)]
            pages = run_json(command + (["--huge"] if args.huge else []), work / "pages.json")
        if "first" not in skip:
            folder = root / "x100"
            if not folder.exists():
                subprocess.run(
                    [sys.executable, "benchmarks/synth.py", "100", "--out", str(folder)],
                    cwd=REPO,
                    check=True,
                    stdout=sys.stderr,
                )
            first = first_load(folder)
        if "load" not in skip:
            command = ["benchmarks/load.py", "--sessions", str(args.sessions), "--compare"]
            load = run_json(command, work / "load.json")
        if "browser" not in skip:
            browser = run_json(
                ["benchmarks/bench_browser.py", "--runs", str(args.runs)], work / "browser.json"
            )
    verdicts = judge(pages, load, browser, first)
    commit = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    head = (
        f"{started}, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, app at "
        f"`{commit or 'unknown'}`, load average {load_before:.1f} before, "
        f"{os.getloadavg()[0]:.1f} after"
    )
    text = table(verdicts)
    print(f"\n{head}\n\n{text}")
    if args.write:
        with RESULTS.open("a", encoding="utf-8") as results:
            invocation = "python benchmarks/targets.py " + " ".join(argv or sys.argv[1:])
            results.write(f"\n## {started[:10]}, targets (`{invocation.strip()}`)\n\n{head}\n\n")
            results.write(text + "\n")
        print(f"\nappended to {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
