"""Every way to add a feed or a session to a calendar, in one place.

The services change their URL schemes from time to time; when one does, this
is the only file to edit (and tests/test_subscribe.py the only test).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

from . import icsformat

GOOGLE_SUBSCRIBE = "https://calendar.google.com/calendar/render"
GOOGLE_EVENT = "https://calendar.google.com/calendar/render"
OUTLOOK_COM = "https://outlook.live.com/calendar/0/addfromweb"
MICROSOFT_365 = "https://outlook.office.com/calendar/0/addfromweb"


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
        Link("google", f"{GOOGLE_SUBSCRIBE}?{urlencode({'cid': webcal(url)})}"),
        Link("outlook", f"{OUTLOOK_COM}?{urlencode({'url': url, 'name': name})}"),
        Link("office365", f"{MICROSOFT_365}?{urlencode({'url': url, 'name': name})}"),
    ]


def google_event(title: str, start: datetime, end: datetime, details: str, location: str) -> str:
    """Google Calendar's page to add one event (times must be UTC)."""
    dates = f"{icsformat.utc(start)}/{icsformat.utc(end)}"
    query = urlencode(
        {
            "action": "TEMPLATE",
            "text": title,
            "dates": dates,
            "details": details,
            "location": location,
        },
        quote_via=quote,
    )
    return f"{GOOGLE_EVENT}?{query}"
