"""HTTP(S) inputs: a feed or a page named by URL, fetched once with a timeout and a size cap.

Only what the user names (a feed URL, a feed item's link) is fetched; nothing else leaves the
machine. Every failure is an InputError with one line saying why.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass

from faultline.errors import InputError

USER_AGENT = "faultline (news event extraction; fetches only the URLs it is given)"


@dataclass
class Fetched:
    url: str  # after redirects
    data: bytes
    content_type: str  # lower-cased media type without parameters, "" if none
    charset: str | None


def is_url(path: str) -> bool:
    return path.lower().startswith(("http://", "https://"))


def fetch(url: str, *, timeout: float, max_bytes: int) -> Fetched:
    """The body of `url`; InputError for a refused connection, an HTTP error or an oversize body."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT,
                                                   "Accept": "*/*"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            data = response.read(max_bytes + 1)
            final = response.geturl()
            content_type = response.headers.get_content_type() or ""
            charset = response.headers.get_content_charset()
    except urllib.error.HTTPError as e:
        raise InputError(f"HTTP {e.code} {e.reason}", source=url) from e
    except urllib.error.URLError as e:
        raise InputError(f"cannot fetch: {e.reason}", source=url) from e
    except (TimeoutError, OSError, ValueError) as e:
        raise InputError(f"cannot fetch: {e}", source=url) from e
    if len(data) > max_bytes:
        raise InputError(f"response is over the cap of {max_bytes} bytes", source=url)
    if not data:
        raise InputError("empty response", source=url)
    return Fetched(url=final, data=data, content_type=content_type.lower(), charset=charset)
