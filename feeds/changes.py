"""What changed in a programme between two stamps, as records and in words.

`feeds stamp` compares the programme with what its revisions file recorded
and keeps a change set: the time of the stamp, the version label, and the
changes a delegate would notice, each a `Change` that names the blocks by
their day and times, not by their ids. The words come from the language's
table (`i18n.ChangeWords`) when a change is shown, so that a change set
recorded once reads in every language of the programme.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time

from . import i18n
from .checker import FIRST_YEAR, LAST_YEAR
from .model import Block, Meeting, Text, utc_text

#: The kinds of change, in the order a change set lists them.
KINDS = (
    "published",  # the first stamp of a programme
    "status",  # the meeting's status: provisional, adopted, postponed, cancelled
    "details",  # the meeting's titles, introduction, documents, notes...
    "added",
    "cancelled",
    "restored",
    "moved",
    "changed",
    "item-moved",
    "item-added",
    "item-dropped",
)

#: What a change of each kind holds, for its words to be told.
_NEEDS = {
    "published": (),
    "status": ("status",),
    "details": (),
    "added": ("after",),
    "cancelled": ("before",),
    "restored": ("after",),
    "moved": ("before", "after"),
    "changed": ("after",),
    "item-moved": ("item", "before", "after"),
    "item-added": ("item", "after"),
    "item-dropped": ("item", "before"),
}

#: The statuses that cancel every block of a meeting (as `Meeting.called_off`).
_CALLED_OFF = ("cancelled", "postponed")

#: Where morning ends and evening begins, for naming a block by its start.
_AFTERNOON, _EVENING = time(12, 0), time(18, 0)


@dataclass(frozen=True, order=True)
class Place:
    """When a block is: its day and times (and its id, which words never show)."""

    date: date
    start: time
    end: time
    block: str = field(compare=False)

    def as_data(self) -> dict[str, str]:
        return {
            "block": self.block,
            "date": self.date.isoformat(),
            "start": f"{self.start:%H:%M}",
            "end": f"{self.end:%H:%M}",
        }

    @classmethod
    def from_data(cls, data: Mapping[str, str]) -> Place:
        """A place as `as_data` wrote it; KeyError, TypeError or ValueError if it is not."""
        if not isinstance(data["block"], str):
            raise TypeError(f"block: expected a block id, got {data['block']!r}")
        return cls(
            recorded_day(data["date"]),
            recorded_clock(data["start"], "start"),
            recorded_clock(data["end"], "end"),
            data["block"],
        )


def recorded_day(value: object) -> date:
    """A day as a revisions file writes it: YYYY-MM-DD, in a year a programme may be in.

    ValueError saying what is wrong if it is not one.
    """
    text = value if isinstance(value, str) else ""
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        raise ValueError(f"date: expected a date as YYYY-MM-DD, got {value!r}")
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"date: {text} is not a date in the calendar") from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(f"date: expected a year from {FIRST_YEAR} to {LAST_YEAR}, got {day.year}")
    return day


def recorded_clock(value: object, name: str) -> time:
    """A time of day as a revisions file writes it, HH:MM; ValueError naming `name` if not."""
    text = value if isinstance(value, str) else ""
    match = re.fullmatch(r"([01][0-9]|2[0-3]):([0-5][0-9])", text)
    if match is None:
        raise ValueError(f"{name}: expected a time as HH:MM (24-hour clock), got {value!r}")
    return time(int(match[1]), int(match[2]))


@dataclass(frozen=True)
class Change:
    """One change a delegate would notice.

    A block change (`added`, `cancelled`, `restored`, `moved`, `changed`) has
    the block's place before and after it as far as they exist; an item change
    the item's label and the blocks that took it up, and take it up, that
    changed; a status change the new status.
    """

    kind: str
    before: tuple[Place, ...] = ()
    after: tuple[Place, ...] = ()
    item: str | None = None  # an agenda item's label: `5(c)`
    status: str | None = None

    def as_data(self) -> dict[str, object]:
        data: dict[str, object] = {"kind": self.kind}
        if self.before:
            data["before"] = [place.as_data() for place in self.before]
        if self.after:
            data["after"] = [place.as_data() for place in self.after]
        if self.item is not None:
            data["item"] = self.item
        if self.status is not None:
            data["status"] = self.status
        return data

    @classmethod
    def from_data(cls, data: Mapping[str, object]) -> Change:
        """A change as `as_data` wrote it; KeyError, TypeError or ValueError if it is not."""
        kind = data["kind"]
        if kind not in KINDS:
            raise ValueError(f"unknown kind of change '{kind}'")
        for key in _NEEDS[str(kind)]:
            if not data.get(key):
                raise ValueError(f"a change of kind '{kind}' needs '{key}'")
        places = {
            key: tuple(Place.from_data(one) for one in data.get(key, ()))  # type: ignore[attr-defined]
            for key in ("before", "after")
        }
        item, status = data.get("item"), data.get("status")
        if item is not None and not isinstance(item, str):
            raise TypeError(f"item: expected an item's label, got {item!r}")
        if status is not None and status not in i18n.words("en").statuses:
            raise ValueError(f"unknown status '{status}'")
        return cls(str(kind), places["before"], places["after"], item, status)


@dataclass(frozen=True)
class ChangeSet:
    """The changes one stamp recorded: its number (from 1), time and version label."""

    number: int
    at: datetime  # UTC
    changes: tuple[Change, ...]
    version: Text | None = None

    def as_data(self) -> dict[str, object]:
        return {
            "number": self.number,
            "at": utc_text(self.at),
            "version": dict(self.version) if self.version is not None else None,
            "changes": [change.as_data() for change in self.changes],
        }


@dataclass(frozen=True)
class BlockState:
    """What the words of a change need to know of a block: where it is, what it takes up."""

    place: Place
    items: tuple[str, ...]  # the labels of the agenda items it takes up
    cancelled: bool
    digest: str  # a fingerprint of everything its events say


@dataclass(frozen=True)
class MeetingState:
    """What the words of a change need to know of the meeting-level content."""

    status: str
    details: str  # a fingerprint of its titles, introduction, documents, notes...


def block_state(meeting: Meeting, block: Block, digest: str) -> BlockState:
    return BlockState(
        Place(block.date, block.start, block.end, block.id),
        tuple(meeting.item(slug).label for slug in block.items),
        block.cancelled or meeting.called_off,
        digest,
    )


def compare(
    before: Mapping[str, BlockState] | None,
    after: Mapping[str, BlockState],
    meeting_before: MeetingState | None,
    meeting_after: MeetingState,
) -> list[Change]:
    """The changes from one state of a programme to the next, in the order of KINDS.

    `before` is None for a programme never recorded: its one change is that it
    is published. Blocks are listed in the order of their places, items in the
    order of their labels. An item's line is left out when its blocks' own
    lines tell the whole story (its only block was cancelled, or added); a
    block's line when the meeting's status line does (the meeting was postponed
    or cancelled, or takes place again, and the block with it).
    """
    if before is None:
        return [Change("published")]
    changes: list[Change] = []
    if meeting_before is not None and meeting_before.status != meeting_after.status:
        changes.append(Change("status", status=meeting_after.status))
    if meeting_before is not None and meeting_before.details != meeting_after.details:
        changes.append(Change("details"))
    # Whether every block was called off, or takes place again, with the meeting.
    by_status = meeting_before is not None and (meeting_before.status in _CALLED_OFF) != (
        meeting_after.status in _CALLED_OFF
    )
    told: dict[str, str] = {}  # block id -> the kind of its own line
    for block_id, now in sorted(after.items(), key=lambda pair: pair[1].place):
        was = before.get(block_id)
        change = _block_change(was, now)
        if change is None:
            continue
        told[block_id] = change.kind
        if by_status and was is not None and (was.cancelled or now.cancelled):
            continue  # cancelled, restored or still cancelled: what the status line says
        changes.append(change)
    for label in sorted(
        {label for state in (*before.values(), *after.values()) for label in state.items},
        key=_label_key,
    ):
        changes += _item_change(label, before, after, told)
    return sorted(changes, key=lambda change: KINDS.index(change.kind))


def _block_change(was: BlockState | None, now: BlockState) -> Change | None:
    if was is None:
        return None if now.cancelled else Change("added", after=(now.place,))
    if was.digest == now.digest:
        return None
    if now.cancelled and not was.cancelled:
        return Change("cancelled", before=(was.place,))
    if was.cancelled and not now.cancelled:
        return Change("restored", after=(now.place,))
    if (was.place.date, was.place.start, was.place.end) != (
        now.place.date,
        now.place.start,
        now.place.end,
    ):
        return Change("moved", before=(was.place,), after=(now.place,))
    if was.items != now.items and not now.cancelled:
        return None  # told by the lines of its items
    return Change("changed", after=(now.place,))


def _taking_up(label: str, states: Mapping[str, BlockState]) -> dict[str, Place]:
    return {
        block_id: state.place
        for block_id, state in states.items()
        if label in state.items and not state.cancelled
    }


def _item_change(
    label: str,
    before: Mapping[str, BlockState],
    after: Mapping[str, BlockState],
    told: Mapping[str, str],
) -> list[Change]:
    was, now = _taking_up(label, before), _taking_up(label, after)
    dropped = sorted(was[block_id] for block_id in was.keys() - now.keys())
    added = sorted(now[block_id] for block_id in now.keys() - was.keys())
    if dropped and added:
        return [Change("item-moved", tuple(dropped), tuple(added), label)]
    if dropped and not all(told.get(place.block) == "cancelled" for place in dropped):
        return [Change("item-dropped", before=tuple(dropped), item=label)]
    if added and not all(told.get(place.block) in ("added", "restored") for place in added):
        return [Change("item-added", after=tuple(added), item=label)]
    return []


def _label_key(label: str) -> tuple:
    """`2` before `10`, `5` before `5(a)`."""
    number, _, rest = label.partition("(")
    return (int(number) if number.isdigit() else 10**9, number, rest)


# -- words -----------------------------------------------------------------------


def _clock(moment: time) -> str:
    return f"{moment:%H:%M}"


def block_name(place: Place, lang: str) -> str:
    """`morning meeting of Friday, 1 April 2022 (10:00–13:00)`."""
    w = i18n.words(lang).change
    part = w.parts[0 if place.start < _AFTERNOON else 1 if place.start < _EVENING else 2]
    return w.block.format(
        part=part,
        day=i18n.day_label(lang, place.date),
        start=_clock(place.start),
        end=_clock(place.end),
    )


def _names(places: Iterable[Place], lang: str) -> str:
    return i18n.words(lang).change.block_sep.join(block_name(place, lang) for place in places)


def sentence(change: Change, lang: str) -> str:
    """The change in words: `Item 5(c) moved from the morning meeting of ... to the ...`."""
    w = i18n.words(lang)
    cw = w.change
    if change.kind == "published":
        text = cw.published
    elif change.kind == "status":
        text = cw.status.format(status=w.statuses[change.status or ""])
    elif change.kind == "details":
        text = cw.details
    elif change.kind in ("added", "restored", "changed"):
        text = getattr(cw, change.kind).format(block=block_name(change.after[0], lang))
    elif change.kind == "cancelled":
        text = cw.cancelled.format(block=block_name(change.before[0], lang))
    elif change.kind == "moved":
        was, now = change.before[0], change.after[0]
        start, end = _clock(now.start), _clock(now.end)
        if now.date == was.date:
            text = cw.retimed.format(block=block_name(was, lang), start=start, end=end)
        else:
            day = i18n.day_label(lang, now.date)
            when = cw.when.format(day=day, start=start, end=end)
            text = cw.moved.format(block=block_name(was, lang), when=when)
    else:
        item = i18n.items_label(lang, [change.item or ""])
        text = {
            "item-moved": cw.item_moved,
            "item-added": cw.item_added,
            "item-dropped": cw.item_dropped,
        }[change.kind].format(
            item=item, before=_names(change.before, lang), after=_names(change.after, lang)
        )
    return text[:1].upper() + text[1:]


def moment(at: datetime, lang: str) -> str:
    """A stamp's time for a reader: `Wednesday, 30 March 2022, 14:00 UTC`."""
    return i18n.words(lang).change.at.format(
        day=i18n.day_label(lang, at.date()), time=f"{at:%H:%M}"
    )


def version_line(changes: tuple[ChangeSet, ...], version: Text | None, lang: str) -> str:
    """`Version: Rev.1 · Last changed: ...`, or what of it there is (or nothing)."""
    cw = i18n.words(lang).change
    parts = []
    if version is not None:
        parts.append(cw.version.format(version=version[lang]))
    if changes:
        parts.append(cw.last_changed.format(when=moment(changes[-1].at, lang)))
    return " · ".join(parts)


def between(before: Meeting, after: Meeting) -> list[Change]:
    """What changed from one programme to another, blocks matched by id.

    For showing what a revised document would change before it is written:
    blocks are compared by their places, items and what their events say in
    the source language.
    """
    from .ical import event_fields  # the renderer; the records above do not need it

    def states(meeting: Meeting) -> dict[str, BlockState]:
        return {
            block.id: block_state(
                meeting, block, repr(event_fields(meeting, block, meeting.language).fingerprinted())
            )
            for block in meeting.blocks
        }

    def meeting_state(meeting: Meeting) -> MeetingState:
        return MeetingState(meeting.status, repr(details_of(meeting)))

    return compare(states(before), states(after), meeting_state(before), meeting_state(after))


def details_of(meeting: Meeting) -> tuple:
    """The meeting-level content a `details` change is about: all but its status,
    version label and blocks."""
    return (
        meeting.title,
        meeting.short_title,
        meeting.venue,
        meeting.body,
        meeting.session,
        meeting.city,
        meeting.url,
        meeting.document_title,
        meeting.issued_by,
        meeting.documents,
        meeting.introduction,
        meeting.notes,
        meeting.timezone,
        tuple((day.date, day.note) for day in meeting.days),
    )
