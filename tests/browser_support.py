"""A served app and headless Chromium (Debian's, driven by playwright) for end-to-end tests."""

from __future__ import annotations

import contextlib
import importlib.resources
import math
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FROZEN = REPO / "tests" / "fixtures" / "frozen"
ARTIFACTS = REPO / "test-artifacts"
APP = REPO / "app.py"
NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")
NGINX_CONF = REPO / "deploy" / "nginx.conf"
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
def serve(log_name: str = "streamlit.log", data_dir: Path = FROZEN, script: Path = APP):
    """Serve the dashboard (or another script, run from the repository so its
    .streamlit/config.toml applies) on a free loopback port, on the frozen test data unless
    told other data; stop it after."""
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
                str(script),
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


def nginx_conf(listen: str, server_name: str, upstream: str) -> str:
    """deploy/nginx.conf with its placeholders filled in, as `envsubst` would."""
    text = NGINX_CONF.read_text("utf-8")
    for name, value in [
        ("NK_LISTEN", listen),
        ("NK_SERVER_NAME", server_name),
        ("NK_UPSTREAM", upstream),
    ]:
        assert "${" + name + "}" in text, name
        text = text.replace("${" + name + "}", value)
    assert "${NK_" not in text
    return text


def require_nginx() -> None:
    """Skip without nginx on a developer's machine; in CI (where `make test` installs Debian's
    nginx) its absence is a failure."""
    if Path(NGINX).exists():
        return
    message = f"{NGINX} is missing: `make test` installs Debian's nginx"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@contextlib.contextmanager
def serve_proxy(upstream_url: str, server_name: str = "localhost", log_name: str = "nginx.log"):
    """deploy/nginx.conf in front of a served app, on a free loopback port, from a temporary
    prefix (`nginx -p DIR -c DIR/nginx.conf -g 'daemon off;'`); yields the proxy's URL, named
    by server_name. Stopped after."""
    require_nginx()
    port = free_port()
    upstream = upstream_url.removeprefix("http://")
    prefix = Path(tempfile.mkdtemp(prefix="nk-nginx-"))
    conf = prefix / "nginx.conf"
    conf.write_text(nginx_conf(f"127.0.0.1:{port}", server_name, upstream), "utf-8")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / log_name.replace(".log", ".conf")).write_text(conf.read_text("utf-8"), "utf-8")
    with open(ARTIFACTS / log_name, "w") as log:
        proc = subprocess.Popen(
            [NGINX, "-p", str(prefix), "-c", str(conf), "-e", "stderr", "-g", "daemon off;"],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 20
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"nginx exited with {proc.returncode}: see {log.name}")
                with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port)):
                    break
                if time.monotonic() > deadline:
                    raise TimeoutError("nginx did not start listening")
                time.sleep(0.1)
            yield f"http://{server_name}:{port}"
        finally:
            proc.terminate()
            proc.wait(timeout=20)
            access = prefix / "access.log"
            if access.exists():
                shutil.copyfile(access, ARTIFACTS / log_name.replace(".log", "-access.log"))
            shutil.rmtree(prefix, ignore_errors=True)


def run_axe(page) -> dict:
    """axe-core's results on the page as drawn (violations only). axe.min.js comes bundled in
    the axe-playwright-python wheel, so nothing is fetched."""
    script = importlib.resources.files("axe_playwright_python").joinpath("axe.min.js")
    page.evaluate(script.read_text("utf-8"))
    return page.evaluate("axe.run(document, {resultTypes: ['violations']})")


def axe_report(violations: list[dict]) -> str:
    """One line per violation and element: rule, impact, where, and what axe says to fix."""
    lines = []
    for v in violations:
        for node in v["nodes"]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"{v['id']} ({v['impact']}) {node['target']}: {summary[:300]}")
    return "\n".join(lines)


def record_csp_violations(page) -> list[str]:
    """Every Content Security Policy violation the page reports from now on (call before it
    loads): the document's securitypolicyviolation events, and the console's CSP messages."""
    found: list[str] = []

    def console(message) -> None:
        if "Content Security Policy" in message.text:
            found.append(message.text)

    def page_error(error) -> None:
        if "Content Security Policy" in str(error):
            found.append(str(error))

    def event(text: str) -> None:
        found.append(text)

    page.on("console", console)
    page.on("pageerror", page_error)
    page.expose_function("nkCspViolation", event)
    page.add_init_script(
        """document.addEventListener('securitypolicyviolation', e => window.nkCspViolation(
            `${e.violatedDirective} blocked ${e.blockedURI}`
            + ` at ${e.sourceFile}:${e.lineNumber}`));"""
    )
    return found
