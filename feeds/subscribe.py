"""Every way to add a feed or a session to a calendar, in one place.

The services change their URL schemes from time to time; when one does, this
is the only file to edit (and tests/test_subscribe.py the only test).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit, urlunsplit

from . import icsformat

GOOGLE_SUBSCRIBE = "https://calendar.google.com/calendar/render"
GOOGLE_EVENT = "https://calendar.google.com/calendar/render"
OUTLOOK_COM = "https://outlook.live.com/calendar/0/addfromweb"
MICROSOFT_365 = "https://outlook.office.com/calendar/0/addfromweb"


#: Each byte as a query's value writes it: RFC 3986's unreserved characters as they are,
#: every other byte percent-encoded.
_UNRESERVED = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
_WRITTEN = tuple(chr(byte) if byte in _UNRESERVED else f"%{byte:02X}" for byte in range(256))


def query(fields: dict[str, str], space: str = "+") -> str:
    """`fields` as a URL's query string, each value's UTF-8 bytes percent-encoded and a
    space written `space`: what urllib's urlencode writes (with `quote_via=quote` for
    "%20"), in half its time; a meeting page holds a few hundred of them."""
    return "&".join(
        f"{key}={''.join(map(_WRITTEN.__getitem__, value.encode())).replace('%20', space)}"
        for key, value in fields.items()
    )


def webcal(url: str) -> str:
    """The webcal:// form of an http(s) feed address: Apple, Outlook desktop, Thunderbird."""
    parts = urlsplit(url)
    return urlunsplit(("webcal", *parts[1:]))


@dataclass(frozen=True)
class Link:
    key: str  # stable name, used for the button's label and in tests
    href: str


def feed_links(url: str, name: str) -> list[Link]:
    """Buttons to subscribe to the feed at `url` (absolute https), in display order."""
    return [
        Link("subscribe", webcal(url)),
        Link("google", f"{GOOGLE_SUBSCRIBE}?{query({'cid': webcal(url)})}"),
        Link("outlook", f"{OUTLOOK_COM}?{query({'url': url, 'name': name})}"),
        Link("office365", f"{MICROSOFT_365}?{query({'url': url, 'name': name})}"),
    ]


def google_event(title: str, start: datetime, end: datetime, details: str, location: str) -> str:
    """Google Calendar's page to add one event (times must be UTC)."""
    dates = f"{icsformat.utc(start)}/{icsformat.utc(end)}"
    fields = {
        "action": "TEMPLATE",
        "text": title,
        "dates": dates,
        "details": details,
        "location": location,
    }
    return f"{GOOGLE_EVENT}?{query(fields, space='%20')}"
