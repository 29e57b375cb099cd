"""Links: which URLs may become links (http and https only), and permalinks to a view."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from urllib.parse import urlencode, urlparse, urlsplit, urlunsplit


def is_web_url(url: str | None) -> bool:
    """Only http(s) URLs with a host may become links."""
    if not isinstance(url, str):
        return False
    try:
        parsed = urlparse(url.strip())
    except ValueError:  # 'https://[example.org': an unclosed IPv6 bracket
        return False
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def web_url_or_empty(url: str | None) -> str:
    """The URL when it may be a link, else '' (tables show nothing rather than a bad link)."""
    return url.strip() if url is not None and is_web_url(url) else ""


def permalink(base_url: str | None, page: str, params: Iterable[tuple[str, str]]) -> str:
    """An absolute link to `page` with the filters, on the server the user is looking at."""
    query = urlencode(list(params))
    if base_url and is_web_url(base_url):
        scheme, netloc, _, _, _ = urlsplit(base_url)
        return urlunsplit((scheme, netloc, f"/{page}", query, ""))
    return f"/{page}" + (f"?{query}" if query else "")


HOST = re.compile(r"^[A-Za-z0-9.-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$")


def request_base(url: str | None, headers: Mapping[str, str]) -> str | None:
    """Where the reader reached the app: the browser's own address (Streamlit's st.context.url,
    so behind the proxy the proxy's name, never the loopback the app listens on), else the host
    and scheme the request names, a proxy's X-Forwarded-Host and -Proto first; None if neither
    is known or well formed."""
    if url and is_web_url(url):
        return url.strip()
    lower = {k.lower(): v for k, v in headers.items()}
    host = (lower.get("x-forwarded-host") or lower.get("host") or "").split(",")[0].strip()
    scheme = (lower.get("x-forwarded-proto") or "http").split(",")[0].strip().lower()
    if scheme not in ("http", "https") or not HOST.match(host):
        return None
    return f"{scheme}://{host}/"


def view_link(base_url: str | None, params: Iterable[tuple[str, str]]) -> str:
    """A link to the page at `base_url` (its path kept) with these query parameters."""
    query = urlencode(list(params))
    if base_url and is_web_url(base_url):
        scheme, netloc, path, _, _ = urlsplit(base_url)
        return urlunsplit((scheme, netloc, path or "/", query, ""))
    return "/" + (f"?{query}" if query else "")
