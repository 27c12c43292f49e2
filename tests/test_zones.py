from __future__ import annotations

from datetime import date, datetime, timedelta

import icalendar
import pytest
import pytz

from feeds import zones
from helpers import offsets_from_vtimezone, utc_from_onsets

ZONES = [
    "America/New_York",
    "Europe/Zurich",
    "Africa/Nairobi",
    "Asia/Shanghai",
    "America/Santiago",
    "Asia/Tehran",
    "Europe/Moscow",
    "Australia/Sydney",
]


def _wrap(vtimezone: bytes) -> bytes:
    return b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n" + vtimezone + b"END:VCALENDAR\r\n"


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize(
    "span", [(date(2022, 3, 28), date(2022, 4, 1)), (date(2023, 12, 30), date(2024, 1, 3))]
)
def test_vtimezone_gives_the_zone_s_offset_throughout_the_span(zone, span):
    # Every fifth hour: over the days this visits each hour of the day, changes included.
    first, last = span
    onsets = offsets_from_vtimezone(_wrap(zones.vtimezone(zone, first, last)))
    tz = pytz.timezone(zone)
    moment = datetime(first.year, 1, 1)
    while moment < datetime(last.year + 1, 1, 1):
        try:
            expected = tz.localize(moment, is_dst=None).utcoffset()
        except (pytz.NonExistentTimeError, pytz.AmbiguousTimeError):
            moment += timedelta(hours=5)
            continue
        found = utc_from_onsets(onsets, moment)
        assert moment - found.replace(tzinfo=None) == expected, (zone, moment)
        moment += timedelta(hours=5)


def test_new_york_vtimezone_has_one_yearly_rule_each_for_standard_and_daylight_time():
    text = zones.vtimezone("America/New_York", date(2022, 3, 28), date(2022, 4, 1)).decode()
    assert text.count("BEGIN:STANDARD") == 1
    assert text.count("BEGIN:DAYLIGHT") == 1
    assert "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3\r\n" in text
    assert "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11\r\n" in text
    assert "RDATE" not in text
    assert "TZID:America/New_York\r\n" in text


def test_a_zone_without_daylight_saving_has_one_fixed_observance():
    component = icalendar.Calendar.from_ical(
        _wrap(zones.vtimezone("Asia/Shanghai", date(2022, 1, 1), date(2022, 1, 2)))
    ).walk("VTIMEZONE")[0]
    (observance,) = component.subcomponents
    assert observance.name == "STANDARD"
    assert observance["TZOFFSETTO"].td == timedelta(hours=8)


def test_ten_in_the_morning_in_new_york_on_28_march_2022_is_14_utc():
    assert (
        zones.to_utc(
            "America/New_York", date(2022, 3, 28), datetime.min.time().replace(hour=10)
        ).isoformat()
        == "2022-03-28T14:00:00+00:00"
    )


def test_local_times_that_do_not_exist_or_happen_twice_are_named():
    spring = zones.local_time_problem(
        "America/New_York", date(2022, 3, 13), datetime.min.time().replace(hour=2, minute=30)
    )
    autumn = zones.local_time_problem(
        "America/New_York", date(2022, 11, 6), datetime.min.time().replace(hour=1, minute=30)
    )
    assert (
        spring == "02:30 does not exist on 2022-03-13 in America/New_York (the clocks go forward)"
    )
    assert autumn == "01:30 happens twice on 2022-11-06 in America/New_York (the clocks go back)"
