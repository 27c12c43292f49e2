"""The reference build of the benchmark: one icalendar Calendar per feed, made from scratch.

This is how most publishers write feeds: for every feed a new Calendar, a new
Event object for each of its blocks, the library's own time zone handling
(`add_missing_timezones`) and `to_ical()`.
"""

from __future__ import annotations

from datetime import datetime

import pytz
from icalendar import Calendar, Event

from feeds import ical
from feeds.feedlist import Feed, meeting_feeds
from feeds.model import Meeting


def feed_bytes(meeting: Meeting, lang: str, feed: Feed, stamp: datetime) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", ical.PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", feed.title)
    zone = pytz.timezone(meeting.timezone)
    for block in feed.blocks:
        fields = ical.event_fields(meeting, block, lang)
        event = Event()
        event.add("uid", fields.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", zone.localize(datetime.combine(block.date, block.start)))
        event.add("dtend", zone.localize(datetime.combine(block.date, block.end)))
        event.add("summary", fields.summary)
        event.add("description", fields.description)
        event.add("location", fields.location)
        if fields.url:
            event.add("url", fields.url)
        if fields.categories:
            event.add("categories", list(fields.categories))
        event.add("status", fields.status)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def build(meetings: list[Meeting], stamp: datetime) -> tuple[int, int]:
    """Every feed of every meeting; returns (published events, bytes)."""
    events = size = 0
    for meeting in meetings:
        for lang in meeting.languages:
            for feed in meeting_feeds(meeting, lang):
                size += len(feed_bytes(meeting, lang, feed, stamp))
                events += len(feed.blocks)
    return events, size
