"""Time zones: the only module that talks to pytz.

Local times are localized with the zone's own rules, and each calendar gets a
VTIMEZONE written as yearly rules (RRULE) rather than a list of dates, which
Outlook, Thunderbird (ical.js) and vobject all read correctly.
"""

from __future__ import annotations

import calendar
import difflib
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from functools import cache, lru_cache

import pytz
from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


#: The time zones of UN duty stations and other cities that host UN meetings, by city.
CITY_ZONES = {
    "new york": "America/New_York",
    "geneva": "Europe/Zurich",
    "vienna": "Europe/Vienna",
    "nairobi": "Africa/Nairobi",
    "addis ababa": "Africa/Addis_Ababa",
    "bangkok": "Asia/Bangkok",
    "beirut": "Asia/Beirut",
    "santiago": "America/Santiago",
    "the hague": "Europe/Amsterdam",
    "bonn": "Europe/Berlin",
    "rome": "Europe/Rome",
    "paris": "Europe/Paris",
    "montreal": "America/Toronto",
    "washington": "America/New_York",
    "beijing": "Asia/Shanghai",
}


def is_known(zone: str) -> bool:
    return zone in pytz.all_timezones_set


def suggest(zone: str) -> str | None:
    """The zone a misspelt or made-up name most likely means, if one is close."""
    matches = difflib.get_close_matches(zone, pytz.all_timezones, n=1, cutoff=0.8)
    if matches:
        return matches[0]
    city = zone.rsplit("/", 1)[-1].replace("_", " ").strip().lower()
    return CITY_ZONES.get(city)


def local_time_problem(zone: str, day: date, at: time) -> str | None:
    """Why a wall-clock time cannot be placed in a zone on a day, or None if it can."""
    naive = datetime.combine(day, at)
    try:
        pytz.timezone(zone).localize(naive, is_dst=None)
    except pytz.NonExistentTimeError:
        return f"{at:%H:%M} does not exist on {day} in {zone} (the clocks go forward)"
    except pytz.AmbiguousTimeError:
        return f"{at:%H:%M} happens twice on {day} in {zone} (the clocks go back)"
    return None


@lru_cache(maxsize=65536)
def to_utc(zone: str, day: date, at: time) -> datetime:
    """The UTC instant of a wall-clock time in a zone (the time must be valid there)."""
    local = pytz.timezone(zone).localize(datetime.combine(day, at), is_dst=None)
    return local.astimezone(UTC)


@lru_cache(maxsize=65536)
def to_local(zone: str, day: date, at: time) -> datetime:
    """A wall-clock time in a zone as an aware datetime with a fixed UTC offset."""
    local = pytz.timezone(zone).localize(datetime.combine(day, at), is_dst=None)
    return datetime.combine(day, at, tzinfo=timezone(local.utcoffset()))


@lru_cache(maxsize=4096)
def abbreviation(zone: str, day: date, at: time) -> str:
    """What the zone's rules call its time at a wall-clock time: `EDT`, `CEST`; a zone
    whose rules name no abbreviation gets its offset, `UTC+7`, `UTC-3`, `UTC+5:30`."""
    name = pytz.timezone(zone).localize(datetime.combine(day, at), is_dst=None).tzname() or ""
    if name[:1] not in "+-" or not name[1:].isdigit():
        return name
    hours, minutes = name[1:3].lstrip("0") or "0", name[3:5]
    return f"UTC{name[0]}{hours}" + (f":{minutes}" if minutes and minutes != "00" else "")


@dataclass(frozen=True)
class _Onset:
    """A change of UTC offset: when it happens on the wall clock, and what it changes to."""

    local: datetime  # wall-clock time of the change, in the offset before it
    utc: datetime
    offset_from: timedelta
    offset_to: timedelta
    daylight: bool
    name: str

    @property
    def rule_days(self) -> frozenset[str]:
        """The BYDAY values (`2SU`, `-1SU`) that name this onset's day in its month."""
        day = self.local.day
        weekday = _WEEKDAYS[self.local.weekday()]
        days = {f"{(day - 1) // 7 + 1}{weekday}"}
        if day + 7 > calendar.monthrange(self.local.year, self.local.month)[1]:
            days.add(f"-1{weekday}")
        return frozenset(days)

    @property
    def shape(self) -> tuple:
        """What must be equal for two onsets in consecutive years to share one RRULE."""
        return (
            self.offset_from,
            self.offset_to,
            self.name,
            self.local.month,
            self.local.time(),
            self.local.weekday(),
        )


def _onsets(zone: str, first: date, last: date) -> list[_Onset]:
    """Offset changes from the one in force on `first` through the end of `last`'s year."""
    tz = pytz.timezone(zone)
    times = getattr(tz, "_utc_transition_times", None)
    infos = getattr(tz, "_transition_info", None)
    if not times or not infos:
        return []
    begin = datetime(first.year, 1, 1)
    end = datetime(last.year + 1, 1, 1)
    onsets: list[_Onset] = []
    for index in range(1, len(times)):
        moment = times[index]
        if moment >= end:
            break
        before, after = infos[index - 1][0], infos[index][0]
        if before == after and infos[index - 1][2] == infos[index][2]:
            continue
        onset = _Onset(
            local=moment + before,
            utc=moment.replace(tzinfo=UTC),
            offset_from=before,
            offset_to=after,
            daylight=bool(infos[index][1]),
            name=infos[index][2],
        )
        if moment < begin:
            onsets = [onset]  # keep only the last change before the span
        else:
            onsets.append(onset)
    return onsets


def _groups(onsets: list[_Onset]) -> list[list[_Onset]]:
    """Runs of same-kind onsets in consecutive years that one yearly rule describes."""
    groups: list[list[_Onset]] = []
    open_by_kind: dict[bool, list[_Onset]] = {}
    for onset in onsets:
        current = open_by_kind.get(onset.daylight)
        if (
            current
            and onset.local.year == current[-1].local.year + 1
            and onset.shape == current[-1].shape
            and frozenset.intersection(*(o.rule_days for o in current), onset.rule_days)
        ):
            current.append(onset)
            continue
        current = [onset]
        groups.append(current)
        open_by_kind[onset.daylight] = current
    return groups


@cache
def vtimezone(zone: str, first: date, last: date) -> bytes:
    """A VTIMEZONE for `zone` that is right for every time from `first` to `last`.

    It covers the year before `first` through the year after `last`, with one
    STANDARD and one DAYLIGHT yearly rule for each stretch of years that
    share a rule; a rule still in force after the span is left open-ended.
    """
    component = Timezone()
    component.add("tzid", zone)
    onsets = _onsets(zone, date(first.year - 1, 1, 1), date(last.year + 1, 12, 31))
    if not onsets:
        offset = pytz.timezone(zone).localize(datetime.combine(first, time())).utcoffset()
        standard = TimezoneStandard()
        standard.add("dtstart", datetime(1970, 1, 1))
        standard.add("tzoffsetfrom", offset)
        standard.add("tzoffsetto", offset)
        standard.add(
            "tzname", pytz.timezone(zone).localize(datetime.combine(first, time())).tzname()
        )
        component.add_component(standard)
        return component.to_ical()
    groups = _groups(onsets)
    last_of_kind = {group[0].daylight: group for group in groups}
    for group in groups:
        head, tail = group[0], group[-1]
        observance = TimezoneDaylight() if head.daylight else TimezoneStandard()
        observance.add("dtstart", head.local)
        observance.add("tzoffsetfrom", head.offset_from)
        observance.add("tzoffsetto", head.offset_to)
        observance.add("tzname", head.name)
        still_in_force = last_of_kind[head.daylight] is group and tail.local.year == last.year + 1
        if len(group) > 1 or still_in_force:
            days = frozenset.intersection(*(onset.rule_days for onset in group))
            byday = min(days, key=lambda value: (not value.startswith("-"), value))
            rule: dict[str, object] = {"freq": "yearly", "bymonth": head.local.month}
            rule["byday"] = byday
            if not still_in_force:
                rule["until"] = tail.utc
            observance.add("rrule", rule)
        component.add_component(observance)
    return component.to_ical()
