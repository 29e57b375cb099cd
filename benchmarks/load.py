"""Protocol-level load test: N concurrent Streamlit sessions, each running every page R times.

Usage: python benchmarks/load.py --sessions N [--rounds R] [--app app.py] [--data DIR]
                                 [--compare] [--timeout S] [--json PATH]

The app is served by `streamlit run` on a free loopback port (the flags of
tests/browser_support.serve). Each session talks to `/_stcore/stream` the way the frontend
does: GET /_stcore/health and /_stcore/host-config, open the websocket (subprotocol
"streamlit"), then one `rerun_script` BackMsg per page visit. The first visit names the page by
its URL path (`page_name`, as a typed link does); later visits name it by the page script hash
the server's `navigation` message lists (as a click on a page link does). A visit is finished
at the first `script_finished` that is not FINISHED_EARLY_FOR_RERUN (a page's own st.rerun()
ends one run of the chain, not the visit). Sessions send no widget states and no cached message
hashes: every visit is the page with its default filters, and the server sends every message in
full.

Closed loop, no think time: each session asks for its next page as soon as the last one has
finished; session i starts at page i (mod the number of pages), so every page is under load
at once. Before the measured load, one session visits every page once (imports, dataset and
basemap caches), so the numbers are the server's steady state, not its first visit. All
sessions start together, so they move in waves: a run's latency is about N / throughput
(Little's law), and each session's first visit (a new session: its script thread, its first
new_session) is 1 run in 8 at R=1, so it sits in the p95; both are also reported apart.

Reported: runs finished, exceptions (exception elements, compile errors, page-not-found, a
visit that lands on another page), dropped sessions (connection lost, or no finish within
--timeout), latency p50/p95 per run, throughput (runs/s over the load's wall time), and server
memory per session: the server's VmRSS (/proc/<pid>/status) after the warm-up, after the N
sessions have connected, and after the load with the sessions still connected, divided by N.
--compare runs the same load against benchmarks/bare/app.py (a title and a line per page) in
the same invocation and prints real/bare ratios. Exit status 1 on any exception or dropped
session.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import WebSocketException
from websockets.typing import Origin, Subprotocol

REPO = Path(__file__).resolve().parents[1]
APP = REPO / "app.py"
BARE = REPO / "benchmarks" / "bare" / "app.py"
DATA = Path(os.environ.get("NKTRACKER_DATA") or REPO / "data")  # as the app and every tool
ARTIFACTS = REPO / "test-artifacts"
# The URL path of every page, as in nktracker/ui/pages.py ('' is the Overview).
PAGES = ("", "estimates", "map", "timeline", "sources", "claims", "briefing", "methodology")
# No proxy, whatever the environment says: everything here is on loopback.
HTTP = urllib.request.build_opener(urllib.request.ProxyHandler({}))


# ---------------------------------------------------------------------------------------------
# the server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(url: str, timeout: float = 5) -> bytes:
    with HTTP.open(url, timeout=timeout) as response:
        return response.read()


@dataclass
class Server:
    url: str
    pid: int
    log: Path


@contextlib.contextmanager
def serve_app(app: Path = APP, data: Path = DATA, log_name: str = "load.log") -> Iterator[Server]:
    """`streamlit run APP` on a free loopback port with NKTRACKER_DATA=DATA (the flags of
    tests/browser_support.serve, from the repository root so .streamlit/config.toml applies);
    stopped after."""
    port = free_port()
    env = dict(os.environ, NKTRACKER_DATA=str(data))
    ARTIFACTS.mkdir(exist_ok=True)
    log_path = ARTIFACTS / log_name
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(app),
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
                "--browser.serverAddress",
                "localhost",
            ],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"streamlit exited with {proc.returncode}: see {log_path}")
                try:
                    if http_get(f"{url}/_stcore/health", timeout=2) == b"ok":
                        break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    raise TimeoutError(f"streamlit did not become healthy: see {log_path}")
                time.sleep(0.3)
            yield Server(url, proc.pid, log_path)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def proc_status(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM (peak RSS) of a process in MB; NaN once the process is gone."""
    out = {"VmRSS": math.nan, "VmHWM": math.nan}
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in out:
                out[key] = int(value.split()[0]) / 1024
    return out


def rss_mb(pid: int) -> float:
    return proc_status(pid)["VmRSS"]


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process so far; NaN once the process is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return math.nan
    fields = stat[stat.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# ---------------------------------------------------------------------------------------------
# one session, as the frontend drives it


class Dropped(Exception):
    """The session can go no further: connection lost or refused, or no finish in time."""


@dataclass
class Visit:
    page: str
    seconds: float
    messages: int
    bytes: int
    reruns: int  # runs the page's own st.rerun() ended on the way (FINISHED_EARLY_FOR_RERUN)
    first: bool = False  # the session's first visit (a new tab) rather than a page change
    errors: list[str] = field(default_factory=list)


def page_label(page: str) -> str:
    return page or "(overview)"


class Session:
    """One browser tab's worth of protocol: the handshake, then page visits one at a time."""

    def __init__(self, base: str, timeout: float):
        self.base = base
        self.timeout = timeout
        self.ws: ClientConnection | None = None
        self.hashes: dict[str, str] = {}  # URL path -> page script hash, from `navigation`
        self.visits = 0

    async def connect(self) -> None:
        try:
            for path in ("/_stcore/health", "/_stcore/host-config"):
                await asyncio.to_thread(http_get, self.base + path, self.timeout)
            self.ws = await connect(
                self.base.replace("http://", "ws://", 1) + "/_stcore/stream",
                subprotocols=[Subprotocol("streamlit")],
                origin=Origin(self.base),  # same-origin, as from the page
                proxy=None,
                max_size=None,  # a page's figures arrive as one message each
                ping_interval=None,  # a browser sends no pings
                open_timeout=self.timeout,
            )
        except (OSError, TimeoutError, WebSocketException) as e:
            raise Dropped(f"connect: {type(e).__name__}: {e}") from e

    async def close(self) -> None:
        if self.ws is not None:
            with contextlib.suppress(Exception):
                await self.ws.close()

    def rerun_message(self, page: str) -> bytes:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = ""
        if page in self.hashes:
            state.page_script_hash = self.hashes[page]  # a click on a page link
        else:
            state.page_name = page  # a typed URL: /estimates
        info = state.context_info
        info.timezone = "UTC"
        info.timezone_offset = 0
        info.locale = "en-US"
        info.url = f"{self.base}/{page}"
        info.is_embedded = False
        info.color_scheme = "light"
        return msg.SerializeToString()

    async def visit(self, page: str) -> Visit:
        if self.ws is None:
            raise Dropped("not connected")
        visit = Visit(page, 0.0, 0, 0, 0, first=self.visits == 0)
        self.visits += 1
        landed: str | None = None
        start = time.perf_counter()
        deadline = start + self.timeout
        try:
            await self.ws.send(self.rerun_message(page))
            while True:
                data = await asyncio.wait_for(self.ws.recv(), deadline - time.perf_counter())
                visit.messages += 1
                visit.bytes += len(data)
                msg = ForwardMsg()
                msg.ParseFromString(data)
                kind = msg.WhichOneof("type")
                if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                    element = msg.delta.new_element
                    if element.WhichOneof("type") == "exception":
                        exc = element.exception
                        # client.showErrorDetails may redact the message: the log has it
                        visit.errors.append(f"exception {exc.type}: {exc.message}"[:160])
                elif kind == "navigation":
                    pages = {p.page_script_hash: p.url_pathname for p in msg.navigation.app_pages}
                    self.hashes.update({path: h for h, path in pages.items()})
                    landed = pages.get(msg.navigation.page_script_hash)
                elif kind == "page_not_found":
                    visit.errors.append(f"page not found: {msg.page_not_found.page_name!r}")
                elif kind == "session_event":
                    if msg.session_event.WhichOneof("type") == "script_compilation_exception":
                        exc = msg.session_event.script_compilation_exception
                        visit.errors.append(f"compile error {exc.type}: {exc.message}"[:300])
                elif kind == "script_finished":
                    if msg.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                        visit.reruns += 1
                        continue
                    compiled = not any(e.startswith("compile error") for e in visit.errors)
                    if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR and compiled:
                        visit.errors.append("script finished with a compile error")
                    break
        except TimeoutError as e:
            raise Dropped(f"no script_finished within {self.timeout:g} s on {page!r}") from e
        except (OSError, WebSocketException) as e:
            raise Dropped(f"{type(e).__name__} on {page!r}: {e}") from e
        visit.seconds = time.perf_counter() - start
        if landed != page:
            visit.errors.append(f"asked for {page!r}, the server ran {landed!r}")
        return visit


# ---------------------------------------------------------------------------------------------
# the load


@dataclass
class Result:
    label: str
    app: str
    data: str
    sessions: int
    rounds: int
    pages: list[str]
    visits: list[Visit] = field(default_factory=list)
    warmup: list[Visit] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    wall_s: float = 0.0
    server_cpu_s: float = 0.0
    client_cpu_s: float = 0.0
    rss_cold_mb: float = 0.0
    rss_warm_mb: float = 0.0
    rss_connected_mb: float = 0.0
    rss_loaded_mb: float = 0.0
    rss_peak_mb: float = 0.0
    log: str = ""

    @property
    def errors(self) -> list[str]:
        return [f"{page_label(v.page)}: {e}" for v in self.warmup + self.visits for e in v.errors]

    @property
    def latencies(self) -> list[float]:
        return [v.seconds for v in self.visits]

    @property
    def throughput(self) -> float:
        return len(self.visits) / self.wall_s if self.wall_s else 0.0

    @property
    def connected_mb_per_session(self) -> float:
        return (self.rss_connected_mb - self.rss_warm_mb) / self.sessions

    @property
    def mb_per_session(self) -> float:
        return (self.rss_loaded_mb - self.rss_warm_mb) / self.sessions

    @property
    def peak_mb_per_session(self) -> float:
        return (self.rss_peak_mb - self.rss_warm_mb) / self.sessions

    def summary(self) -> dict[str, Any]:
        lat = self.latencies
        first = [v.seconds for v in self.visits if v.first]
        later = [v.seconds for v in self.visits if not v.first]
        return {
            "label": self.label,
            "app": self.app,
            "data": self.data,
            "sessions": self.sessions,
            "rounds": self.rounds,
            "runs_expected": self.sessions * self.rounds * len(self.pages),
            "runs_finished": len(self.visits),
            "exceptions": len(self.errors),
            "dropped_sessions": len(self.dropped),
            "p50_s": percentile(lat, 50),
            "p95_s": percentile(lat, 95),
            "max_s": max(lat, default=math.nan),
            "first_visit_p50_s": percentile(first, 50),
            "first_visit_p95_s": percentile(first, 95),
            "page_change_p50_s": percentile(later, 50),
            "page_change_p95_s": percentile(later, 95),
            "throughput_runs_per_s": self.throughput,
            "wall_s": self.wall_s,
            "server_cpu_ms_per_run": 1000 * self.server_cpu_s / len(lat) if lat else math.nan,
            "client_cpu_s": self.client_cpu_s,
            "rss_cold_mb": self.rss_cold_mb,
            "rss_warm_mb": self.rss_warm_mb,
            "rss_connected_mb": self.rss_connected_mb,
            "rss_loaded_mb": self.rss_loaded_mb,
            "rss_peak_mb": self.rss_peak_mb,
            "connected_mb_per_session": self.connected_mb_per_session,
            "mb_per_session": self.mb_per_session,
            "peak_mb_per_session": self.peak_mb_per_session,
            "kb_per_run": sum(v.bytes for v in self.visits) / 1024 / len(lat) if lat else math.nan,
            "reruns_in_visits": sum(v.reruns for v in self.visits),
            "per_page": {
                page_label(p): {
                    "runs": len(ts := [v.seconds for v in self.visits if v.page == p]),
                    "p50_s": percentile(ts, 50),
                    "p95_s": percentile(ts, 95),
                }
                for p in self.pages
            },
            "server_log": self.log,
            "error_lines": self.errors,
            "dropped_lines": self.dropped,
        }


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile; NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


async def drive(session: Session, pages: list[str], rounds: int, visits: list[Visit]) -> None:
    for _ in range(rounds):
        for page in pages:
            visits.append(await session.visit(page))


async def run_load(server: Server, result: Result, timeout: float) -> None:
    pages = result.pages
    result.rss_cold_mb = rss_mb(server.pid)

    warm = Session(server.url, timeout)
    try:
        await warm.connect()
        await drive(warm, pages, 1, result.warmup)
    except Dropped as e:
        result.dropped.append(f"warm-up session: {e}")
    finally:
        await warm.close()
    await asyncio.sleep(1)
    result.rss_warm_mb = rss_mb(server.pid)

    sessions = [Session(server.url, timeout) for _ in range(result.sessions)]
    connected = await asyncio.gather(*(s.connect() for s in sessions), return_exceptions=True)
    live = []
    for i, (session, outcome) in enumerate(zip(sessions, connected, strict=True)):
        if isinstance(outcome, BaseException):
            result.dropped.append(f"session {i}: {outcome}")
        else:
            live.append((i, session))
    await asyncio.sleep(1)  # the server creates each AppSession after the handshake
    result.rss_connected_mb = rss_mb(server.pid)

    async def one(i: int, session: Session) -> None:
        order = pages[i % len(pages) :] + pages[: i % len(pages)]
        try:
            await drive(session, order, result.rounds, result.visits)
        except Dropped as e:
            result.dropped.append(f"session {i}: {e}")

    cpu0, client0, t0 = cpu_seconds(server.pid), time.process_time(), time.perf_counter()
    await asyncio.gather(*(one(i, s) for i, s in live))
    result.wall_s = time.perf_counter() - t0
    result.server_cpu_s = cpu_seconds(server.pid) - cpu0
    result.client_cpu_s = time.process_time() - client0
    await asyncio.sleep(1)
    status = proc_status(server.pid)
    result.rss_loaded_mb = status["VmRSS"]
    result.rss_peak_mb = status["VmHWM"]
    await asyncio.gather(*(s.close() for s in sessions))


def measure(label: str, app: Path, data: Path, args: argparse.Namespace) -> Result:
    result = Result(label, rel(app), rel(data), args.sessions, args.rounds, list(args.pages))
    with serve_app(app, data, f"load-{label}.log") as server:
        result.log = rel(server.log)
        asyncio.run(run_load(server, result, args.timeout))
    return result


# ---------------------------------------------------------------------------------------------
# the report


def rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(REPO))
    except ValueError:
        return str(path)


def report(s: dict[str, Any]) -> None:
    print(f"== {s['label']}: {s['app']} on {s['data']}/ ==")
    print(
        f"  {s['sessions']} sessions x {s['rounds']} round(s) x {len(s['per_page'])} pages: "
        f"runs finished {s['runs_finished']}/{s['runs_expected']}, "
        f"exceptions {s['exceptions']}, dropped sessions {s['dropped_sessions']}"
    )
    print(
        f"  latency per run: p50 {s['p50_s']:.3f} s, p95 {s['p95_s']:.3f} s, "
        f"max {s['max_s']:.3f} s; first visit of a session p50 {s['first_visit_p50_s']:.3f} s, "
        f"p95 {s['first_visit_p95_s']:.3f} s; page changes p50 {s['page_change_p50_s']:.3f} s, "
        f"p95 {s['page_change_p95_s']:.3f} s"
    )
    print(
        f"  throughput: {s['throughput_runs_per_s']:.2f} runs/s (wall {s['wall_s']:.1f} s); "
        f"server CPU {s['server_cpu_ms_per_run']:.0f} ms/run; "
        f"{s['kb_per_run']:.0f} kB sent per run; load client CPU {s['client_cpu_s']:.1f} s"
    )
    print(
        f"  server RSS: cold {s['rss_cold_mb']:.0f} MB, after warm-up {s['rss_warm_mb']:.0f} MB, "
        f"sessions connected {s['rss_connected_mb']:.0f} MB, after load "
        f"{s['rss_loaded_mb']:.0f} MB, peak {s['rss_peak_mb']:.0f} MB"
    )
    print(
        f"  memory per session: {s['mb_per_session']:.2f} MB after the load "
        f"({s['connected_mb_per_session']:.2f} MB connected and idle, "
        f"{s['peak_mb_per_session']:.2f} MB at the peak)"
    )
    width = max(len(p) for p in s["per_page"])
    for page, p in s["per_page"].items():
        print(
            f"    {page:<{width}}  runs {p['runs']:4d}  "
            f"p50 {p['p50_s']:.3f} s  p95 {p['p95_s']:.3f} s"
        )
    for line in s["error_lines"][:20]:
        print(f"  EXCEPTION {line}")
    if len(s["error_lines"]) > 20:
        print(f"  ... {len(s['error_lines']) - 20} more exceptions")
    if s["error_lines"]:
        print(f"  the tracebacks are in the server's log: {s['server_log']}")
    for line in s["dropped_lines"]:
        print(f"  DROPPED {line}")


def ratio(a: float, b: float) -> float:
    return a / b if b else math.nan


def report_ratios(real: dict[str, Any], bare: dict[str, Any]) -> dict[str, float]:
    out = {
        "throughput_ratio": ratio(real["throughput_runs_per_s"], bare["throughput_runs_per_s"]),
        "p50_ratio": ratio(real["p50_s"], bare["p50_s"]),
        "p95_ratio": ratio(real["p95_s"], bare["p95_s"]),
        "mb_per_session_real": real["mb_per_session"],
        "mb_per_session_bare": bare["mb_per_session"],
        "mb_per_session_ratio": ratio(real["mb_per_session"], bare["mb_per_session"]),
        "page_change_p95_ratio": ratio(real["page_change_p95_s"], bare["page_change_p95_s"]),
    }
    print("== real / bare ==")
    print(
        f"  throughput ratio {out['throughput_ratio']:.3f} "
        f"({real['throughput_runs_per_s']:.2f} vs {bare['throughput_runs_per_s']:.2f} runs/s)"
    )
    print(f"  p50 ratio {out['p50_ratio']:.1f}x ({real['p50_s']:.3f} vs {bare['p50_s']:.3f} s)")
    print(f"  p95 ratio {out['p95_ratio']:.1f}x ({real['p95_s']:.3f} vs {bare['p95_s']:.3f} s)")
    print(
        f"  page-change p95 ratio {out['page_change_p95_ratio']:.1f}x "
        f"({real['page_change_p95_s']:.3f} vs {bare['page_change_p95_s']:.3f} s)"
    )
    print(
        f"  MB/session {out['mb_per_session_real']:.2f} vs {out['mb_per_session_bare']:.2f} "
        f"({out['mb_per_session_ratio']:.1f}x)"
    )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sessions", type=int, required=True, help="concurrent sessions")
    parser.add_argument("--rounds", type=int, default=1, help="visits of every page per session")
    parser.add_argument("--app", type=Path, default=APP, help="the app script (default app.py)")
    parser.add_argument(
        "--data", type=Path, default=DATA, help="the data folder (default $NKTRACKER_DATA or data/)"
    )
    parser.add_argument("--compare", action="store_true", help="also load benchmarks/bare/app.py")
    parser.add_argument("--timeout", type=float, default=120, help="seconds a visit may take")
    parser.add_argument("--json", type=Path, help="also write the results here as JSON")
    parser.add_argument(
        "--pages", nargs="*", default=list(PAGES), help="URL paths to visit ('' is the Overview)"
    )
    args = parser.parse_args(argv)
    if args.sessions < 1 or args.rounds < 1:
        parser.error("--sessions and --rounds must be at least 1")
    app, data = args.app.resolve(), args.data.resolve()

    print(
        f"load test {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPUs "
        f"(load average {os.getloadavg()[0]:.2f} before), "
        f"streamlit {streamlit_version()}; closed loop, no think time, after a one-session "
        f"warm-up",
        flush=True,
    )
    results = {"app": measure("app", app, data, args).summary()}
    report(results["app"])
    if args.compare:
        results["bare"] = measure("bare", BARE, data, args).summary()
        report(results["bare"])
        results["ratios"] = report_ratios(results["app"], results["bare"])
    print(f"load average {os.getloadavg()[0]:.2f} after (other work on the machine skews it all)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    failed = any(
        r["exceptions"] or r["dropped_sessions"] or r["runs_finished"] < r["runs_expected"]
        for key, r in results.items()
        if key != "ratios"
    )
    if failed:
        print("FAILED: exceptions or dropped sessions (see above)")
    return 1 if failed else 0


def streamlit_version() -> str:
    from importlib.metadata import version

    return version("streamlit")


if __name__ == "__main__":
    sys.exit(main())
