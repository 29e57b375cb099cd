"""Time to a settled page in headless Chromium: every page of the real app and of the bare app.

Usage: python benchmarks/bench_browser.py [--runs N] [--data DIR] [--json PATH]

Each app is served on loopback (benchmarks/load.py serve_app: the flags of
tests/browser_support.serve) and opened in Debian's Chromium through playwright, with the
CHROMIUM_ARGS of tests/browser_support.py, in one 1440x900 context per app. One visit of every
page first (not timed) fills the server's caches and the browser's HTTP cache; then each page
is loaded --runs times with page.goto from about:blank (a link opened from a briefing or a
bookmark; the blank page idles IDLE_MS first, so no page pays for the previous page's unfinished
work: a page left at its settled moment can still be drawing, and the next navigation waits for
it), and the time counts from the navigation to a settled page:
  - the app's websocket has delivered the run's last `script_finished` (not one that a page's
    own st.rerun() ends: FINISHED_EARLY_FOR_RERUN), and
  - `[data-testid="stApp"][data-test-script-state="notRunning"]` is present, every plotly chart
    has drawn its SVG and no skeleton is left (Session.wait in tests/browser_support.py).
Reported: the median per page for each app, and real/bare per page.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from load import APP, BARE, DATA, PAGES, page_label, rel, serve_app
from playwright.sync_api import Browser, Page, WebSocket, sync_playwright
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
from browser_support import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

SETTLED = """() =>
    !!document.querySelector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
           .every(c => c.querySelector('.main-svg'))
    && !document.querySelector('[data-testid="stSkeleton"]')"""


class Finish:
    """Watches the page's websocket for the run's last script_finished."""

    def __init__(self, page: Page):
        self.done = False
        page.on("websocket", self._websocket)

    def _websocket(self, ws: WebSocket) -> None:
        ws.on("framereceived", self._frame)

    def _frame(self, payload: str | bytes) -> None:
        if isinstance(payload, str) or len(payload) > 1024:  # script_finished is a few bytes
            return
        msg = ForwardMsg()
        msg.ParseFromString(payload)
        if (
            msg.WhichOneof("type") == "script_finished"
            and msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN
        ):
            self.done = True


IDLE_MS = 300  # on about:blank before each timed load


def settle_seconds(page: Page, finish: Finish, url: str, timeout_ms: int = 120_000) -> float:
    page.goto("about:blank")
    page.wait_for_timeout(IDLE_MS)
    finish.done = False
    start = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=timeout_ms)
    deadline = start + timeout_ms / 1000
    while True:
        page.wait_for_function(SETTLED, timeout=timeout_ms, polling="raf")
        if finish.done:
            return time.perf_counter() - start
        if time.perf_counter() > deadline:
            raise TimeoutError(f"{url} did not settle")
        page.wait_for_timeout(10)  # playwright delivers the websocket's frames while it waits


def measure(browser: Browser, app: Path, data: Path, label: str, runs: int) -> dict[str, list]:
    times: dict[str, list] = {page_label(p): [] for p in PAGES}
    with serve_app(app, data, f"bench-browser-{label}.log") as server:
        context = browser.new_context(viewport={"width": 1440, "height": 900})
        try:
            page = context.new_page()
            finish = Finish(page)
            for path in PAGES:  # warm-up, not timed
                settle_seconds(page, finish, f"{server.url}/{path}")
            for _ in range(runs):
                for path in PAGES:
                    times[page_label(path)].append(
                        settle_seconds(page, finish, f"{server.url}/{path}")
                    )
        finally:
            context.close()
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5, help="timed loads of every page")
    parser.add_argument(
        "--data", type=Path, default=DATA, help="the data folder (default $NKTRACKER_DATA or data/)"
    )
    parser.add_argument("--json", type=Path, help="also write the results here as JSON")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing: `make chromium` installs Debian's chromium")
    data = args.data.resolve()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            real = measure(browser, APP, data, "app", args.runs)
            bare = measure(browser, BARE, data, "bare", args.runs)
        finally:
            browser.close()
    print(
        f"time to a settled page, median of {args.runs} loads in headless Chromium, "
        f"data {rel(data)}/ ({time.strftime('%Y-%m-%d %H:%M')})"
    )
    print(f"  {'page':<12} {'app':>9} {'bare':>9} {'app/bare':>9}")
    out: dict[str, Any] = {"runs": args.runs, "data": rel(data), "pages": {}}
    for name in real:
        a, b = statistics.median(real[name]), statistics.median(bare[name])
        print(f"  {name:<12} {a:8.3f}s {b:8.3f}s {a / b:8.1f}x")
        out["pages"][name] = {"app_s": a, "bare_s": b, "ratio": a / b}
        out["pages"][name] |= {"app_all": real[name], "bare_all": bare[name]}
    a = statistics.median(t for ts in real.values() for t in ts)
    b = statistics.median(t for ts in bare.values() for t in ts)
    print(f"  {'all pages':<12} {a:8.3f}s {b:8.3f}s {a / b:8.1f}x")
    out["all_pages"] = {"app_s": a, "bare_s": b, "ratio": a / b}
    if args.json:
        args.json.write_text(json.dumps(out, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
