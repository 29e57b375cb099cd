"""Served safely on a closed network: the app listens on loopback, a reader sees a short error
(details go to the server's log), and deploy/nginx.conf in front of it sends security headers,
a Content Security Policy no page violates, and refuses any other host name."""

from __future__ import annotations

import base64
import hashlib
import http.client
import re
import tomllib
from urllib.parse import urlparse

import pytest

from browser_support import (
    ARTIFACTS,
    NGINX_CONF,
    REPO,
    Session,
    record_csp_violations,
    require_nginx,
    serve,
    serve_proxy,
)
from nktracker.ui.pages import PAGES

PATHS = ["/" + page.url_path for page in PAGES]
RAISES = REPO / "tests" / "fixtures" / "raises.py"
JAVASCRIPT = ("text/javascript", "application/javascript")
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


def conf_policy() -> str:
    match = re.search(r'add_header Content-Security-Policy "([^"]+)"', NGINX_CONF.read_text())
    assert match, "deploy/nginx.conf sets no Content-Security-Policy"
    return match.group(1)


def directives(policy: str) -> dict[str, list[str]]:
    parts = (d.split() for d in policy.split(";") if d.strip())
    return {d[0]: d[1:] for d in parts}


def get(url: str, host: str | None = None) -> tuple[int, dict[str, list[str]], bytes]:
    """A plain GET (Host header optional): status, every header's values, body."""
    parsed = urlparse(url)
    conn = http.client.HTTPConnection("127.0.0.1", parsed.port, timeout=10)
    try:
        conn.request("GET", parsed.path or "/", headers={"Host": host or parsed.netloc})
        response = conn.getresponse()
        headers: dict[str, list[str]] = {}
        for name, value in response.getheaders():
            headers.setdefault(name.lower(), []).append(value)
        return response.status, headers, response.read()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def proxy_url(request):
    require_nginx()  # before the app is started for nothing
    with serve_proxy(request.getfixturevalue("app_url"), server_name="localhost") as url:
        yield url


def test_the_app_listens_on_loopback_and_hides_error_details():
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text("utf-8"))
    assert config["server"]["address"] == "127.0.0.1"
    assert config["client"]["showErrorDetails"] == "none"
    assert config["client"]["showErrorLinks"] is False


def test_the_policy_frames_nothing_and_loads_only_from_the_app():
    policy = directives(conf_policy())
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    for name, sources in policy.items():
        for source in sources:
            # no other origin, and never JavaScript eval or inline scripts without a hash
            assert not re.match(r"(https?:|wss?:|\*)", source), (name, source)
            assert source not in ("'unsafe-eval'", "'strict-dynamic'"), (name, source)
            assert name == "style-src" or source != "'unsafe-inline'", (name, source)


@pytest.mark.browser
def test_headers_on_the_page_and_a_static_asset(proxy_url):
    status, headers, body = get(proxy_url + "/")
    assert status == 200
    scripts = re.findall(r'src="\./(static/js/[^"]+\.js)"', body.decode("utf-8"))
    assert scripts, "no script in Streamlit's page"
    asset_status, asset_headers, _ = get(f"{proxy_url}/{scripts[0]}")
    assert asset_status == 200
    assert asset_headers["content-type"][0].split(";")[0] in JAVASCRIPT
    for found in (headers, asset_headers):
        assert found["content-security-policy"] == [conf_policy()]
        for name, value in HEADERS.items():
            assert found[name.lower()] == [value], name
        assert found["server"] == ["nginx"]  # no version


@pytest.mark.browser
def test_the_policy_allows_exactly_the_inline_scripts_streamlit_serves(proxy_url):
    _, _, body = get(proxy_url + "/")
    inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", body.decode(), re.S)
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in inline
    ]
    allowed = [s for s in directives(conf_policy())["script-src"] if s.startswith("'sha256-")]
    assert sorted(hashes) == sorted(allowed), (
        "Streamlit's page has other inline scripts than deploy/nginx.conf allows (a Streamlit "
        f"upgrade?): put {' '.join(hashes)} in its script-src"
    )


@pytest.mark.browser
@pytest.mark.parametrize("path", PATHS)
def test_every_page_draws_through_the_proxy_with_no_csp_violation(browser, proxy_url, path):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        page = context.new_page()
        violations = record_csp_violations(page)
        s = Session(page, proxy_url)
        s.open(path)
        if path == "/map":
            page.wait_for_selector('[data-testid="stDeckGlJsonChart"] canvas', timeout=30_000)
            page.wait_for_timeout(2000)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert page.get_by_text(re.compile(r"Showing \d+ of \d+ claims")).count() >= 1
        name = path.strip("/") or "overview"
        page.screenshot(path=str(ARTIFACTS / f"proxy-{name}.png"))
        assert violations == []
        assert s.external == []
    finally:
        context.close()


@pytest.mark.browser
def test_a_chart_downloads_as_png_under_the_policy(browser, proxy_url):
    """A chart's card makes its PNG on the server (kaleido) when the button is clicked; the
    file comes through the proxy as a download, with no policy violation."""
    context = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True)
    try:
        page = context.new_page()
        violations = record_csp_violations(page)
        Session(page, proxy_url).open("/estimates")
        card = page.locator('[data-testid="stExpander"]').first
        card.locator("summary").click()
        card.get_by_role("tab", name="Download").click()
        with page.expect_download(timeout=60_000) as info:
            card.get_by_role("button", name="PNG").click()
        png = ARTIFACTS / "proxy-chart.png"
        info.value.save_as(png)
        assert png.read_bytes().startswith(b"\x89PNG")
        assert violations == []
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1", "localhost.evil.example"])
@pytest.mark.parametrize("path", ["/", "/_stcore/health", "/_stcore/stream"])
def test_a_foreign_host_is_refused(proxy_url, host, path):
    port = urlparse(proxy_url).port
    assert get(proxy_url + path, host=f"localhost:{port}")[0] in (200, 400, 426)
    # 444: nginx closes the connection without an answer
    with pytest.raises((http.client.RemoteDisconnected, ConnectionResetError)):
        get(proxy_url + path, host=f"{host}:{port}")


@pytest.mark.browser
def test_a_page_that_raises_shows_a_short_error_and_logs_the_details(browser):
    secret = re.search(r'SECRET = "([^"]+)"', RAISES.read_text()).group(1)  # type: ignore[union-attr]
    with serve("streamlit-raises.log", script=RAISES) as url:
        context = browser.new_context(viewport={"width": 1440, "height": 900})
        try:
            page = context.new_page()
            page.goto(url + "/")
            error = page.locator('[data-testid="stException"]')
            error.wait_for(timeout=60_000)
            page.screenshot(path=str(ARTIFACTS / "error-details-hidden.png"))
            shown = page.locator("body").inner_text()
            assert "This app has encountered an error" in shown
            assert error.locator("a").count() == 0  # no links out ("Ask Google")
            for detail in (secret, "RuntimeError", "Traceback", "raises.py", str(REPO)):
                assert detail not in shown, detail
                assert detail not in page.content(), detail
        finally:
            context.close()
    log = (ARTIFACTS / "streamlit-raises.log").read_text("utf-8")
    assert secret in log and "Traceback" in log and "raises.py" in log
