"""One spelling per article URL, so an entry seen before is never fetched again."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Parameters that say who sent the reader, not which page it is.
TRACKING_PARAMETERS = frozenset(
    {"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid",
     "_ga", "_gl", "ref_src", "cmpid", "ocid", "rss", "from", "utm"}
)
TRACKING_PREFIXES = ("utm_", "ga_", "hsa_", "pk_", "mtm_", "at_")
DEFAULT_PORTS = {"http": 80, "https": 443}


def is_tracking(name: str) -> bool:
    name = name.lower()
    return name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIXES)


def normalise_url(url: str) -> str:
    """The key an article URL is known by: one scheme, the host in lower case without a default
    port, no fragment, no tracking parameters, the other parameters sorted. `www.` is kept (a
    different host may serve different pages). Raises ValueError for a URL that is not http(s)
    or has no host. The page is still fetched at the URL the feed gave."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise ValueError(f"not an http(s) URL: {url!r}")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise ValueError(f"no host in {url!r}")
    port = parts.port
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    if ":" in host and not host.startswith("["):
        netloc = f"[{host}]" if port in (None, DEFAULT_PORTS[scheme]) else f"[{host}]:{port}"
    query = parse_qsl(parts.query, keep_blank_values=True)
    kept = sorted((name, value) for name, value in query if not is_tracking(name))
    path = parts.path or "/"
    # The same page is served over http and https; keeping the scheme would fetch it twice.
    return urlunsplit(("https", netloc, path, urlencode(kept), ""))


def without_tracking(url: str) -> str:
    """The URL as given, less its fragment and tracking parameters: what an article keeps."""
    parts = urlsplit(url.strip())
    kept = [(name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking(name)]
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", urlencode(kept), ""))
