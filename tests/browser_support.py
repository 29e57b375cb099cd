"""A served app and headless Chromium (Debian's, driven by playwright) for end-to-end tests."""

from __future__ import annotations

import contextlib
import math
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FROZEN = REPO / "tests" / "fixtures" / "frozen"
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL = (
    "http://127.0.0.1",
    "http://localhost",
    "ws://127.0.0.1",
    "ws://localhost",
    "data:",
    "blob:",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:  # noqa: S310
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError("streamlit did not become healthy")


@contextlib.contextmanager
def serve(log_name: str = "streamlit.log", data_dir: Path = FROZEN):
    """Serve the dashboard on a free loopback port, on the frozen test data unless told other
    data; stop it after."""
    port = free_port()
    env = dict(os.environ)
    env["NKTRACKER_DATA"] = str(data_dir)
    ARTIFACTS.mkdir(exist_ok=True)
    with open(ARTIFACTS / log_name, "w") as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(REPO / "app.py"),
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(url, proc)
            yield url
        finally:
            proc.terminate()
            proc.wait(timeout=20)


@pytest.fixture(scope="session")
def app_url():
    """The dashboard, served once for the whole test session."""
    with serve() as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Session:
    """A page that records every request leaving the machine."""

    def __init__(self, page, base: str):
        self.page = page
        self.base = base
        self.external: list[str] = []
        page.on("request", self._record)

    def _record(self, request) -> None:
        if not request.url.startswith(LOCAL):
            self.external.append(request.url)

    def open(self, path: str = "/"):
        self.page.goto(self.base + path)
        self.wait()
        return self.page

    def wait(self) -> None:
        """Until the script has run and the page shows its title and claim count."""
        self.page.wait_for_selector("h1, h3", timeout=60_000)
        self.page.get_by_text(re.compile(r"Showing \d+ of \d+ claims")).first.wait_for(
            timeout=60_000
        )
        self.page.wait_for_selector(
            '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000
        )
        # Charts paint after the script finishes: wait until each one has drawn its SVG and no
        # placeholder is left, so screenshots show the page as a user sees it.
        self.page.wait_for_function(
            """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
                       .every(c => c.querySelector('.main-svg'))
                  && !document.querySelector('[data-testid="stSkeleton"]')""",
            timeout=60_000,
        )
        self.page.wait_for_timeout(500)  # let the last delta paint


@pytest.fixture
def session(browser, app_url):
    def make(width: int = 1440, height: int = 900) -> Session:
        context = browser.new_context(viewport={"width": width, "height": height})
        made.append(context)
        return Session(context.new_page(), app_url)

    made: list = []
    yield make
    for context in made:
        context.close()


def lonlat_to_pixel(lon: float, lat: float, view, box: dict) -> tuple[float, float]:
    """Where a place appears on a deck canvas (Web Mercator, deck.gl's 512-pixel world)."""
    world = 512 * 2**view.zoom

    def project(lo: float, la: float) -> tuple[float, float]:
        x = (lo + 180) / 360 * world
        y = (1 - math.log(math.tan(math.pi / 4 + math.radians(la) / 2)) / math.pi) / 2 * world
        return x, y

    cx, cy = project(view.longitude, view.latitude)
    px, py = project(lon, lat)
    return box["x"] + box["width"] / 2 + (px - cx), box["y"] + box["height"] / 2 + (py - cy)
