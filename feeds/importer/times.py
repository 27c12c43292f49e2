"""A time slot's start and end, read from the start of a line with a language's slot forms."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time

from .language import Period, SlotForm


@dataclass(frozen=True)
class _Written:
    """One end of a slot as written: an hour (None where a word stands for it) and a period."""

    hour: int | None
    minute: int
    period: Period | None


def read_slot(norm: str, forms: tuple[SlotForm, ...]) -> tuple[time, time, int] | None:
    """The start and end of the slot that the folded line `norm` starts with, and the length
    of the matched text; None if no form matches or the first that matches gives no time."""
    for form in forms:
        match = form.pattern.match(norm)
        if match:
            times = _times(match, form)
            return None if times is None else (*times, match.end())
    return None


def _times(match: re.Match[str], form: SlotForm) -> tuple[time, time] | None:
    first, second = _written(match, 1, form), _written(match, 2, form)
    start_period, end_period = first.period, second.period
    if form.needs_period and start_period is None and end_period is None:
        return None
    if form.shared == "forward" and end_period is None:
        end_period = start_period
    if form.shared == "back" and start_period is None:
        # "10-11:30 a.m." shares the end's period; "10-1 p.m." cannot, 10 p.m. being after 1.
        written_later = (
            first.hour is not None
            and second.hour is not None
            and first.hour > second.hour
            and end_period is not None
            and first.hour in end_period.hours
        )
        if end_period is not None and end_period.carries and not written_later:
            start_period = end_period
        else:
            start_period = form.default
    start = _time(first.hour, first.minute, start_period)
    end = _time(second.hour, second.minute, end_period)
    if start is None or end is None:
        return None
    return start, end


def _written(match: re.Match[str], end: int, form: SlotForm) -> _Written:
    groups = match.groupdict()
    word = groups.get(f"w{end}")
    if word:
        return _Written(None, 0, form.periods[_key(word)])
    period = groups.get(f"p{end}")
    minute = 30 if groups.get(f"half{end}") else int(groups.get(f"m{end}") or 0)
    return _Written(int(groups[f"h{end}"]), minute, form.periods[_key(period)] if period else None)


def _key(word: str) -> str:
    return word.lower().replace(" ", "").replace(".", "")


def _time(hour: int | None, minute: int, period: Period | None) -> time | None:
    if period is not None and period.at is not None:
        hour = period.at
    if hour is None:
        return None
    if period is not None and hour in period.hours:
        hour += period.add
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)
