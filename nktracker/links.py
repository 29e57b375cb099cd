"""Links: which URLs may become links (http and https only), and permalinks to a view."""

from __future__ import annotations

from collections.abc import Iterable
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
