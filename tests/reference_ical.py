"""The same events and calendar headers, written through the icalendar library's objects.

This is the oracle for feeds/icsformat.py: the bytes must be equal.
"""

from __future__ import annotations

from icalendar import Calendar, Event, vDuration, vText

from feeds import ical, zones
from feeds.model import Revision


def event(fields: ical.EventFields, revision: Revision, utc: bool = False) -> bytes:
    component = Event()
    component.add("uid", fields.uid)
    component.add("dtstamp", revision.modified)
    component.add("last-modified", revision.modified)
    component.add("sequence", revision.sequence)
    for key, local in (("dtstart", fields.dtstart), ("dtend", fields.dtend)):
        if utc:
            component.add(key, zones.to_utc(fields.tzid, local.date(), local.time()))
        else:
            component.add(key, local, parameters={"TZID": fields.tzid})
    component.add("summary", fields.summary)
    component.add("description", fields.description)
    component.add("location", fields.location)
    if fields.url:
        component.add("url", fields.url)
    if fields.categories:
        component.add("categories", list(fields.categories))
    component.add("status", fields.status)
    component.add("transp", "OPAQUE")
    return component.to_ical()


def calendar_header(name: str, about: str, timezone: str) -> bytes:
    header = Calendar()
    header.add("prodid", ical.PRODID)
    header.add("version", "2.0")
    header.add("calscale", "GREGORIAN")
    header.add("method", "PUBLISH")
    header.add("name", vText(name))
    header.add("x-wr-calname", vText(name))
    header.add("x-wr-caldesc", vText(about))
    header.add("x-wr-timezone", vText(timezone))
    header.add("refresh-interval", ical.REFRESH, parameters={"VALUE": "DURATION"})
    header.add("x-published-ttl", vDuration(ical.REFRESH))
    return header.to_ical()[: -len(b"END:VCALENDAR\r\n")]
