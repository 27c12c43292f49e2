"""Each kind of change to a programme, as the calendars that subscribed before it see it after.

A test edits a copy of a real programme file (the bundled one, in six languages, or
the small Geneva one, which crosses the change to summer time) as its maintainers
do, records the edit with `python3 -m feeds stamp`, builds the feeds before and
after with `python3 -m feeds build`, and reads both with the parsers real clients
use: ical.js (Thunderbird), `ical` (Home Assistant) and vobject (Radicale). What
they read is compared with the programme as a delegate reads it, written out
here by hand, and with UTC times computed here with zoneinfo.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import vobject
import yaml
from ical.calendar_stream import IcsCalendarStream

from conftest import DATA, LANGUAGES, ROOT
from feeds import catalog, changes, revisions, urls
from helpers import icaljs as read_with_icaljs

MEETING = "oewg-ict-s2"
NEW_YORK = "America/New_York"
BUILD_OPTIONS = ("--base-url", "https://example.org")
#: The languages every feed of which is read by all three parsers; of the others,
#: the whole-meeting feed.
READ_IN_FULL = ("zh", "en", "ar")

#: Stamps, each after the newest time the bundled revisions file records.
FIRST, SECOND, THIRD = "2026-12-01T09:00:00Z", "2026-12-02T09:00:00Z", "2026-12-03T09:00:00Z"

#: How an event's title says it no longer takes place, by language (the feeds' words,
#: written out again here so that a change to them shows).
CANCELLED = {
    "zh": "已取消",
    "en": "Cancelled",
    "fr": "Annulée",
    "es": "Cancelada",
    "ru": "Отменено",
    "ar": "ملغاة",
}
POSTPONED = {
    "zh": "已推迟",
    "en": "Postponed",
    "fr": "Reportée",
    "es": "Aplazada",
    "ru": "Перенесено",
    "ar": "مؤجلة",
}
#: How a summary puts a mark before the rest, by language.
MARKED = {"zh": "{mark}：{rest}", "fr": "{mark} : {rest}"}


def marked(mark: str, rest: str, lang: str) -> str:
    return MARKED.get(lang, "{mark}: {rest}").format(mark=mark, rest=rest)


# -- the programme as a delegate reads it ----------------------------------------------


@dataclass(frozen=True)
class Slot:
    """A block as the programme prints it: its day, its times, the items it takes up."""

    day: str
    start: str
    end: str
    items: frozenset[str] = frozenset()  # slugs: `5`, `5e`
    cancelled: bool = False

    def takes_up(self, slug: str) -> bool:
        """Whether an item's feed holds the block: it takes up the item or a sub-item."""
        return any(item == slug or item.rstrip("abcdefgh") == slug for item in self.items)


def _slot(day: str, start: str, end: str, *items: str) -> Slot:
    return Slot(day, start, end, frozenset(items))


#: The bundled programme: data/oewg-ict-s2.yaml, day by day.
BUNDLED = {
    "mar28-am": _slot("2022-03-28", "10:00", "13:00", "3", "5", "5d"),
    "mar28-pm": _slot("2022-03-28", "15:00", "18:00", "5", "5d"),
    "mar29-am": _slot("2022-03-29", "10:00", "13:00", "5", "5a"),
    "mar29-pm": _slot("2022-03-29", "15:00", "18:00", "5", "5e"),
    "mar30-am": _slot("2022-03-30", "10:00", "13:00", "5", "5f"),
    "mar30-pm": _slot("2022-03-30", "15:00", "18:00", "5", "5f", "5g"),
    "mar31-am": _slot("2022-03-31", "10:00", "13:00", "5", "5g"),
    "mar31-pm": _slot("2022-03-31", "15:00", "18:00"),
    "apr01-am": _slot("2022-04-01", "10:00", "13:00", "5", "5c"),
    "apr01-pm": _slot("2022-04-01", "15:00", "18:00", "6"),
}
BUNDLED_ITEMS = ("3", "5", "5a", "5c", "5d", "5e", "5f", "5g", "6")


@dataclass(frozen=True)
class Programme:
    """What the programme says at one moment: its blocks, those removed from it, its status."""

    slots: Mapping[str, Slot]
    removed: Mapping[str, Slot] = field(default_factory=dict)  # as last published
    called_off: bool = False  # postponed or cancelled as a whole
    status: str = "TENTATIVE"  # what the blocks taking place say: the programme is provisional

    def cancelled(self, block: str) -> bool:
        return block in self.removed or self.called_off or self.slots[block].cancelled

    def everything(self) -> dict[str, Slot]:
        return {**self.slots, **self.removed}

    def live(self, kind: str, key: str = "") -> dict[str, Slot]:
        """The blocks taking place that a feed must show, by id."""
        return {
            block: slot
            for block, slot in self.slots.items()
            if not self.cancelled(block) and _holds(kind, key, block, slot)
        }

    def shown_cancelled(self, kind: str, key: str = "") -> set[str]:
        """The blocks a feed must show as cancelled (removed ones included)."""
        return {
            block
            for block, slot in self.everything().items()
            if self.cancelled(block) and _holds(kind, key, block, slot)
        }


def _holds(kind: str, key: str, block: str, slot: Slot) -> bool:
    return (
        kind == "all"
        or (kind == "day" and key == slot.day)
        or (kind == "item" and slot.takes_up(key))
        or (kind == "event" and key == block)
    )


def utc(day: str, clock: str, zone: str = NEW_YORK) -> str:
    """A wall-clock time in a zone, in UTC as the clients' readings below write it."""
    local = datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=ZoneInfo(zone))
    return local.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def uid(block: str, meeting: str = MEETING) -> str:
    return f"{meeting}.{block}@meeting-feeds"


# -- editing a programme file as its maintainers do --------------------------------------


class ProgrammeFile:
    """A programme file edited by its text and recorded with `feeds stamp`."""

    def __init__(self, path: Path):
        self.path = path
        self.cuts: dict[str, str] = {}  # the lines of each block removed, to put back

    @property
    def ledger(self) -> Path:
        return revisions.ledger_path(self.path)

    def replace(self, old: str, new: str) -> None:
        text = self.path.read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        self.path.write_text(text.replace(old, new), encoding="utf-8")

    def cut(self, block: str) -> str:
        """Remove a block's lines; return them."""
        text = self.path.read_text(encoding="utf-8")
        found = re.search(rf"^      - id: {re.escape(block)}\n(?: {{8}}.*\n)*", text, re.M)
        assert found is not None, block
        self.path.write_text(text[: found.start()] + text[found.end() :], encoding="utf-8")
        self.cuts[block] = found.group(0)
        return found.group(0)

    def insert(self, lines: str, before: str) -> None:
        """Put lines before the one line that starts with `before`."""
        self.replace(before, lines + before)

    def stamp(self, at: str) -> str:
        """What `python3 -m feeds stamp PATH --at AT` prints, after the revisions file's name."""
        result = subprocess.run(
            [sys.executable, "-m", "feeds", "stamp", str(self.path), "--at", at],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert (result.returncode, result.stderr) == (0, ""), result.stderr
        prefix = f"{self.ledger}: "
        assert result.stdout.startswith(prefix), result.stdout
        return result.stdout[len(prefix) :]

    def recorded(self) -> dict:
        return json.loads(self.ledger.read_text(encoding="utf-8"))


def build(data: Path, out: Path) -> dict[str, bytes]:
    """Every calendar feed `python3 -m feeds build` writes, by public path."""
    subprocess.run(
        [sys.executable, "-m", "feeds", "build", str(out), "--data", str(data), *BUILD_OPTIONS],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {
        "/" + file.relative_to(out).as_posix(): file.read_bytes()
        for file in sorted(out.rglob("*.ics"))
        if file.relative_to(out).parts[0] != urls.UTC_FOLDER
        and file.relative_to(out).parts[1] != urls.SERIES_FOLDER  # the meeting's feeds only
    }


def feed_path(lang: str, kind: str, key: str = "", meeting: str = MEETING) -> str:
    return urls.feed(lang, meeting, kind, key)


def kind_of(path: str) -> tuple[str, str, str]:
    """(language, kind, key) of a feed's path."""
    lang, _meeting, rest = path.strip("/").split("/", 2)
    if rest == "all.ics":
        return lang, "all", ""
    kind, name = rest.split("/")
    return lang, kind, name.removesuffix(".ics")


# -- reading feeds as clients do -----------------------------------------------------------


@dataclass(frozen=True)
class Seen:
    """An event as a client reads it (times in UTC)."""

    uid: str
    start: str
    end: str
    summary: str
    description: str
    location: str
    status: str
    sequence: int
    dtstamp: str


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def read(feeds: Mapping[str, bytes], folder: Path) -> dict[str, tuple[Seen, ...]]:
    """Each feed's events as ical.js, Home Assistant's ical and vobject read them.

    ical.js and vobject convert times with the file's own VTIMEZONE; the three
    must read the same events.
    """
    folder.mkdir(parents=True)
    files = {}
    for path, body in feeds.items():
        files[path] = folder / path.strip("/").replace("/", "__")
        files[path].write_bytes(body)
    by_icaljs = read_with_icaljs([str(file) for file in files.values()])
    found = {}
    for path, file in files.items():
        text = file.read_text(encoding="utf-8")
        icaljs = tuple(
            Seen(**{key: event[key] for key in Seen.__dataclass_fields__})
            for event in by_icaljs[str(file)]["events"]
        )
        strict = tuple(
            Seen(
                event.uid,
                _iso(event.dtstart),
                _iso(event.dtend),
                event.summary,
                event.description,
                event.location,
                event.status.value,
                event.sequence,
                _iso(event.dtstamp),
            )
            for event in IcsCalendarStream.calendar_from_ics(text).events
        )
        radicale = []
        for event in getattr(vobject.readOne(text), "vevent_list", []):
            assert type(event.dtstart.value.tzinfo).__name__ == "_tzicalvtz"  # from the file
            radicale.append(
                Seen(
                    event.uid.value,
                    _iso(event.dtstart.value),
                    _iso(event.dtend.value),
                    event.summary.value,
                    event.description.value,
                    event.location.value,
                    event.status.value,
                    int(event.sequence.value),
                    _iso(event.dtstamp.value),
                )
            )
        assert icaljs == strict == tuple(radicale), path
        found[path] = strict
    return found


def to_read(feeds: Mapping[str, bytes]) -> dict[str, bytes]:
    """The feeds read by all three parsers: every one in zh, en and ar, the others' whole."""
    return {
        path: body
        for path, body in feeds.items()
        if kind_of(path)[0] in READ_IN_FULL or kind_of(path)[1] == "all"
    }


def raw_events(body: bytes) -> dict[str, bytes]:
    """Each VEVENT's bytes as served, by UID."""
    found = {}
    for chunk in re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", body, re.S):
        match = re.search(rb"\r\nUID:([^\r]*)\r\n", chunk.replace(b"\r\n ", b""))
        assert match is not None
        found[match[1].decode()] = chunk
    return found


def caldesc(body: bytes) -> str:
    """The calendar's X-WR-CALDESC, unfolded and unescaped."""
    text = body.decode().replace("\r\n ", "")
    (value,) = re.findall(r"\r\nX-WR-CALDESC:([^\r]*)\r\n", text)
    return re.sub(r"\\(.)", lambda m: "\n" if m[1] in "nN" else m[1], value)


# -- a calendar that keeps what it once fetched ---------------------------------------------


class Subscription:
    """A calendar subscribed to one feed that keeps its own copy of the events, as Google does.

    Each fetch is applied as RFC 5546 says a PUBLISH is: an event with a higher
    SEQUENCE, or the same SEQUENCE and a later DTSTAMP, replaces the copy kept (a
    STATUS:CANCELLED one marks it cancelled); any other is ignored; an event the
    new fetch no longer has is kept as it was.
    """

    def __init__(self) -> None:
        self.events: dict[str, Seen] = {}

    def fetch(self, events: tuple[Seen, ...]) -> None:
        for event in events:
            kept = self.events.get(event.uid)
            if (
                kept is None
                or event.sequence > kept.sequence
                or (event.sequence == kept.sequence and event.dtstamp > kept.dtstamp)
            ):
                self.events[event.uid] = event

    def live(self) -> dict[str, tuple[str, str]]:
        """The events it shows as taking place: UID -> (start, end) in UTC."""
        return {
            key: (event.start, event.end)
            for key, event in self.events.items()
            if event.status != "CANCELLED"
        }

    def cancelled(self) -> set[str]:
        return {key for key, event in self.events.items() if event.status == "CANCELLED"}


def expected_live(programme: Programme, path: str, zone: str = NEW_YORK) -> dict:
    """The events a feed must show as taking place: UID -> (start, end) in UTC."""
    _lang, kind, key = kind_of(path)
    meeting = path.split("/")[2]
    return {
        uid(block, meeting): (utc(slot.day, slot.start, zone), utc(slot.day, slot.end, zone))
        for block, slot in programme.live(kind, key).items()
    }


def check_feeds_say(
    programme: Programme, events: Mapping[str, tuple[Seen, ...]], zone: str = NEW_YORK
) -> None:
    """Every feed read shows the blocks taking place at their times, in UTC, and the
    cancelled and removed ones as cancelled at theirs."""
    everything = programme.everything()
    for path, found in events.items():
        live = {e.uid: (e.start, e.end) for e in found if e.status != "CANCELLED"}
        assert live == expected_live(programme, path, zone), path
        assert {e.status for e in found if e.uid in live} <= {programme.status}, path
        _lang, kind, key = kind_of(path)
        for block in programme.shown_cancelled(kind, key):
            slot = everything[block]
            (event,) = [e for e in found if e.uid == uid(block, path.split("/")[2])]
            assert (event.status, event.start, event.end) == (
                "CANCELLED",
                utc(slot.day, slot.start, zone),
                utc(slot.day, slot.end, zone),
            ), (path, block)


# -- the kinds of change -------------------------------------------------------------------

MAR29_PM = "      - id: mar29-pm\n        start: 15:00\n        end: 18:00\n"
MAR30_PM = "      - id: mar30-pm\n        start: 15:00\n        end: 18:00\n"
#: A block for the evening of 31 March that goes on with item 5(g).
EVENING = (
    "      - id: mar31-eve\n        start: 18:30\n        end: 20:00\n        segments:\n"
    "          - item: 5(g)\n            continued: true\n"
)
BRIEFING = "          - item: 5(f)\n          - text:\n              zh: 联合国"


def move_in_its_day(programme: ProgrammeFile) -> None:
    programme.replace(MAR29_PM, MAR29_PM.replace("15:00", "16:00").replace("18:00", "19:00"))


def move_to_another_day(programme: ProgrammeFile) -> None:
    lines = programme.cut("mar29-pm").replace("15:00", "18:30").replace("18:00", "20:30")
    programme.insert(lines, "  - date: 2022-04-01\n")


def remove(programme: ProgrammeFile) -> None:
    programme.cut("apr01-am")


def flag_cancelled(programme: ProgrammeFile) -> None:
    programme.replace(MAR30_PM, MAR30_PM + "        cancelled: true\n")


def add(programme: ProgrammeFile) -> None:
    programme.insert(EVENING, "  - date: 2022-04-01\n")


def move_item(programme: ProgrammeFile) -> None:
    """Item 5(e) from the afternoon of 29 March to the morning of 30 March."""
    programme.replace("          - item: 5(e)\n", "")
    programme.replace(BRIEFING, "          - item: 5(e)\n" + BRIEFING)


def add_item(programme: ProgrammeFile) -> None:
    programme.replace(
        "          - item: 5(e)\n", "          - item: 5(e)\n          - item: 5(a)\n"
    )


def drop_item(programme: ProgrammeFile) -> None:
    programme.replace(
        "          - item: 5(d)\n            continued: true\n          - text:",
        "          - text:",
    )


def edit_text(programme: ProgrammeFile) -> None:
    programme.replace(
        "en: Open-ended non-virtual formal meeting, open to all delegations and",
        "en: Open-ended non-virtual formal meeting, open to all delegations, observers and",
    )


def edit_title(programme: ProgrammeFile) -> None:
    programme.replace(
        "communications technologies 2021-2025, second substantive session\n",
        "communications technologies 2021-2025, second substantive session (resumed)\n",
    )


def status(value: str) -> Callable[[ProgrammeFile], None]:
    def edit(programme: ProgrammeFile) -> None:
        programme.replace("  status: provisional\n", f"  status: {value}\n")

    return edit


def put_back(programme: ProgrammeFile) -> None:
    programme.insert(programme.cuts["apr01-am"], "      - id: apr01-pm\n")


def removed_and_stamped(programme: ProgrammeFile) -> Programme:
    remove(programme)
    programme.stamp(FIRST)
    return Programme(BUNDLED, {"apr01-am": BUNDLED["apr01-am"]})


def with_slots(**slots: Slot) -> dict[str, Slot]:
    return {**BUNDLED, **{block.replace("_", "-"): slot for block, slot in slots.items()}}


def place(block: str, day: str, start: str, end: str) -> dict[str, str]:
    return {"block": block, "date": day, "start": start, "end": end}


def place_of(block: str) -> dict[str, str]:
    slot = BUNDLED[block]
    return place(block, slot.day, slot.start, slot.end)


ALL_BLOCKS = frozenset(BUNDLED)
LISTED = ", ".join(BUNDLED)


@dataclass(frozen=True)
class Kind:
    """One kind of change to the bundled programme, and what every reader must see after it."""

    name: str
    edit: Callable[[ProgrammeFile], None]
    after: Programme
    changed: frozenset[str]  # the blocks whose events change
    printed: str  # what `feeds stamp` prints after the revisions file's name
    records: list[dict]  # the changes the revisions file records
    before: Callable[[ProgrammeFile], Programme] | None = None  # stamped edits before
    mark: dict[str, str] = field(default_factory=lambda: CANCELLED)

    def __str__(self) -> str:
        return self.name


KINDS = [
    Kind(
        "moved in its day",
        move_in_its_day,
        Programme(with_slots(mar29_pm=_slot("2022-03-29", "16:00", "19:00", "5", "5e"))),
        frozenset({"mar29-pm"}),
        "mar29-pm\n"
        "  Afternoon meeting of Tuesday, 29 March 2022 (15:00–18:00) moved to 16:00–19:00\n",
        [
            {
                "kind": "moved",
                "before": [place_of("mar29-pm")],
                "after": [place("mar29-pm", "2022-03-29", "16:00", "19:00")],
            }
        ],
    ),
    Kind(
        "moved to another day",
        move_to_another_day,
        Programme(with_slots(mar29_pm=_slot("2022-03-31", "18:30", "20:30", "5", "5e"))),
        frozenset({"mar29-pm"}),
        "meeting-level fields, mar29-pm\n"
        "  Afternoon meeting of Tuesday, 29 March 2022 (15:00–18:00) moved to "
        "Thursday, 31 March 2022, 18:30–20:30\n",
        [
            {
                "kind": "moved",
                "before": [place_of("mar29-pm")],
                "after": [place("mar29-pm", "2022-03-31", "18:30", "20:30")],
            }
        ],
    ),
    Kind(
        "removed",
        remove,
        Programme(
            {k: v for k, v in BUNDLED.items() if k != "apr01-am"},
            {"apr01-am": BUNDLED["apr01-am"]},
        ),
        frozenset({"apr01-am"}),
        "meeting-level fields, apr01-am\n"
        "  Cancelled: morning meeting of Friday, 1 April 2022 (10:00–13:00)\n",
        [{"kind": "cancelled", "before": [place_of("apr01-am")]}],
    ),
    Kind(
        "flagged cancelled",
        flag_cancelled,
        Programme(with_slots(mar30_pm=replace(BUNDLED["mar30-pm"], cancelled=True))),
        frozenset({"mar30-pm"}),
        "mar30-pm\n  Cancelled: afternoon meeting of Wednesday, 30 March 2022 (15:00–18:00)\n",
        [{"kind": "cancelled", "before": [place_of("mar30-pm")]}],
    ),
    Kind(
        "added",
        add,
        Programme(with_slots(mar31_eve=_slot("2022-03-31", "18:30", "20:00", "5g"))),
        frozenset({"mar31-eve"}),
        "meeting-level fields, mar31-eve\n"
        "  Added: evening meeting of Thursday, 31 March 2022 (18:30–20:00)\n",
        [{"kind": "added", "after": [place("mar31-eve", "2022-03-31", "18:30", "20:00")]}],
    ),
    Kind(
        "item moved",
        move_item,
        Programme(
            with_slots(
                mar29_pm=_slot("2022-03-29", "15:00", "18:00", "5"),
                mar30_am=_slot("2022-03-30", "10:00", "13:00", "5", "5e", "5f"),
            )
        ),
        frozenset({"mar29-pm", "mar30-am"}),
        "mar29-pm, mar30-am\n"
        "  Item 5(e) moved from the afternoon meeting of Tuesday, 29 March 2022 (15:00–18:00) "
        "to the morning meeting of Wednesday, 30 March 2022 (10:00–13:00)\n",
        [
            {
                "kind": "item-moved",
                "before": [place_of("mar29-pm")],
                "after": [place_of("mar30-am")],
                "item": "5(e)",
            }
        ],
    ),
    Kind(
        "item added",
        add_item,
        Programme(with_slots(mar29_pm=_slot("2022-03-29", "15:00", "18:00", "5", "5e", "5a"))),
        frozenset({"mar29-pm"}),
        "mar29-pm\n"
        "  Item 5(a) now also taken up at the afternoon meeting of Tuesday, 29 March 2022 "
        "(15:00–18:00)\n",
        [{"kind": "item-added", "after": [place_of("mar29-pm")], "item": "5(a)"}],
    ),
    Kind(
        "item dropped",
        drop_item,
        Programme(with_slots(mar28_pm=_slot("2022-03-28", "15:00", "18:00", "5"))),
        frozenset({"mar28-pm"}),
        "mar28-pm\n"
        "  Item 5(d) no longer taken up at the afternoon meeting of Monday, 28 March 2022 "
        "(15:00–18:00)\n",
        [{"kind": "item-dropped", "before": [place_of("mar28-pm")], "item": "5(d)"}],
    ),
    Kind(
        "text changed",
        edit_text,
        Programme(BUNDLED),
        frozenset({"mar31-pm"}),
        "mar31-pm\n"
        "  Programme of the afternoon meeting of Thursday, 31 March 2022 (15:00–18:00) changed\n",
        [{"kind": "changed", "after": [place_of("mar31-pm")]}],
    ),
    Kind(
        "details",
        edit_title,
        Programme(BUNDLED),
        frozenset(),
        "meeting-level fields\n  Details of the meeting updated\n",
        [{"kind": "details"}],
    ),
    Kind(
        "postponed",
        status("postponed"),
        Programme(BUNDLED, called_off=True),
        ALL_BLOCKS,
        f"meeting-level fields, {LISTED}\n  Status of the meeting: Postponed\n",
        [{"kind": "status", "status": "postponed"}],
        mark=POSTPONED,
    ),
    Kind(
        "cancelled",
        status("cancelled"),
        Programme(BUNDLED, called_off=True),
        ALL_BLOCKS,
        f"meeting-level fields, {LISTED}\n  Status of the meeting: Cancelled\n",
        [{"kind": "status", "status": "cancelled"}],
    ),
    Kind(
        "put back",
        put_back,
        Programme(BUNDLED),
        frozenset({"apr01-am"}),
        "meeting-level fields, apr01-am\n"
        "  Takes place again: morning meeting of Friday, 1 April 2022 (10:00–13:00)\n",
        [{"kind": "restored", "after": [place_of("apr01-am")]}],
        before=removed_and_stamped,
    ),
]


@pytest.fixture(scope="module")
def bundled_feeds(tmp_path_factory) -> tuple[dict[str, bytes], dict[str, tuple[Seen, ...]]]:
    """The bundled programme's feeds as built, and as the clients read them."""
    folder = tmp_path_factory.mktemp("bundled")
    shutil.copytree(DATA, folder / "data")
    feeds = build(folder / "data", folder / "out")
    return feeds, read(to_read(feeds), folder / "read")


def _block(key: str) -> str:
    """The block id in a UID."""
    return key.split("@")[0].split(".", 1)[1]


def _paths(programme: Programme, lang: str) -> set[str]:
    """The feeds a programme must have in a language."""
    everything = programme.everything()
    return {
        feed_path(lang, "all"),
        *(feed_path(lang, "day", slot.day) for slot in everything.values()),
        *(feed_path(lang, "item", slug) for slug in BUNDLED_ITEMS),
        *(feed_path(lang, "event", block) for block in everything),
    }


@pytest.mark.parametrize("kind", KINDS, ids=str)
def test_each_kind_of_change_reaches_every_feed_a_calendar_holds(kind, bundled_feeds, tmp_path):
    shutil.copytree(DATA, tmp_path / "data")
    programme = ProgrammeFile(tmp_path / "data" / f"{MEETING}.yaml")
    if kind.before is None:
        assert programme.stamp(FIRST) == "no block changed\n"
        earlier, before = Programme(BUNDLED), bundled_feeds
    else:
        earlier = kind.before(programme)
        feeds = build(tmp_path / "data", tmp_path / "out-before")
        before = feeds, read(to_read(feeds), tmp_path / "read-before")
    kind.edit(programme)
    assert programme.stamp(SECOND) == kind.printed
    feeds = build(tmp_path / "data", tmp_path / "out-after")
    after = feeds, read(to_read(feeds), tmp_path / "read-after")

    # Every feed is still served, the removed block's own included, with every event
    # it had: a calendar that keeps what it fetched is never left with a stale one.
    assert set(before[0]) <= set(after[0])
    for lang in LANGUAGES:
        assert _paths(kind.after, lang) <= set(after[0])
    check_feeds_say(kind.after, after[1])
    for path, body in before[0].items():
        was, now = raw_events(body), raw_events(after[0][path])
        assert set(was) <= set(now), path
        for key, chunk in was.items():
            if _block(key) not in kind.changed:
                assert now[key] == chunk, (path, key)  # not a byte changed
    # What changed has the next SEQUENCE and the time of the stamp; UIDs stay.
    stamped = SECOND.replace("Z", ".000Z")
    for path, found in after[1].items():
        lang = kind_of(path)[0]
        sequences = {e.uid: e.sequence for e in before[1][feed_path(lang, "all")]}
        for event in found:
            if _block(event.uid) in kind.changed:
                assert event.sequence == sequences.get(event.uid, -1) + 1, (path, event.uid)
                assert event.dtstamp == stamped
    assert {e.uid for e in after[1][feed_path("en", "all")]} == {
        uid(block) for block in kind.after.everything()
    }
    # An event cancelled says so in its title and description, in every language.
    for path, found in after[1].items():
        was = {e.uid: e for e in before[1].get(path, ())}
        lang = kind_of(path)[0]
        for event in found:
            block = _block(event.uid)
            if event.uid not in was or block not in kind.changed:
                continue
            old = was[event.uid]
            if kind.after.cancelled(block) and not earlier.cancelled(block):
                assert event.summary == marked(kind.mark[lang], old.summary, lang), path
                assert event.description == f"{kind.mark[lang]}\n\n{old.description}", path
            elif earlier.cancelled(block) and not kind.after.cancelled(block):
                assert old.summary == marked(kind.mark[lang], event.summary, lang), path
                assert old.description == f"{kind.mark[lang]}\n\n{event.description}", path


#: The changes of each kind in words, in Chinese and Arabic (English is what `feeds stamp`
#: prints).
SENTENCES = {
    "moved in its day": {
        "zh": ["2022 年 3 月 29 日，星期二下午会议（15:00–18:00）改至16:00–19:00"],
        "ar": ["نُقلت جلسة بعد الظهر، الثلاثاء، 29 آذار/مارس 2022 (15:00–18:00) إلى 16:00–19:00"],
    },
    "moved to another day": {
        "zh": [
            "2022 年 3 月 29 日，星期二下午会议（15:00–18:00）改至2022 年 3 月 31 日，星期四，"
            "18:30–20:30"
        ],
        "ar": [
            "نُقلت جلسة بعد الظهر، الثلاثاء، 29 آذار/مارس 2022 (15:00–18:00) إلى الخميس، "
            "31 آذار/مارس 2022، 18:30–20:30"
        ],
    },
    "removed": {
        "zh": ["取消：2022 年 4 月 1 日，星期五上午会议（10:00–13:00）"],
        "ar": ["أُلغيت: الجلسة الصباحية، الجمعة، 1 نيسان/أبريل 2022 (10:00–13:00)"],
    },
    "flagged cancelled": {
        "zh": ["取消：2022 年 3 月 30 日，星期三下午会议（15:00–18:00）"],
        "ar": ["أُلغيت: جلسة بعد الظهر، الأربعاء، 30 آذار/مارس 2022 (15:00–18:00)"],
    },
    "added": {
        "zh": ["新增：2022 年 3 月 31 日，星期四晚间会议（18:30–20:00）"],
        "ar": ["أُضيفت: الجلسة المسائية، الخميس، 31 آذار/مارس 2022 (18:30–20:00)"],
    },
    "item moved": {
        "zh": [
            "项目 5(e)由2022 年 3 月 29 日，星期二下午会议（15:00–18:00）改至"
            "2022 年 3 月 30 日，星期三上午会议（10:00–13:00）"
        ],
        "ar": [
            "البند 5(e): نُقل من جلسة بعد الظهر، الثلاثاء، 29 آذار/مارس 2022 (15:00–18:00) "
            "إلى الجلسة الصباحية، الأربعاء، 30 آذار/مارس 2022 (10:00–13:00)"
        ],
    },
    "item added": {
        "zh": ["项目 5(a)增列于2022 年 3 月 29 日，星期二下午会议（15:00–18:00）"],
        "ar": [
            "البند 5(a): يُنظر فيه أيضا في جلسة بعد الظهر، الثلاثاء، 29 آذار/مارس 2022 (15:00–18:00)"
        ],
    },
    "item dropped": {
        "zh": ["项目 5(d)不再列于2022 年 3 月 28 日，星期一下午会议（15:00–18:00）"],
        "ar": [
            "البند 5(d): لم يعد يُنظر فيه في جلسة بعد الظهر، الاثنين، 28 آذار/مارس 2022 "
            "(15:00–18:00)"
        ],
    },
    "text changed": {
        "zh": ["2022 年 3 月 31 日，星期四下午会议（15:00–18:00）的工作方案有更改"],
        "ar": ["عُدّل برنامج جلسة بعد الظهر، الخميس، 31 آذار/مارس 2022 (15:00–18:00)"],
    },
    "details": {"zh": ["会议信息已更新"], "ar": ["حُدّثت معلومات الاجتماع"]},
    "postponed": {"zh": ["会议状态：已推迟"], "ar": ["حالة الاجتماع: مؤجل"]},
    "cancelled": {"zh": ["会议状态：已取消"], "ar": ["حالة الاجتماع: ملغى"]},
    "put back": {
        "zh": ["恢复举行：2022 年 4 月 1 日，星期五上午会议（10:00–13:00）"],
        "ar": ["تُعقد من جديد: الجلسة الصباحية، الجمعة، 1 نيسان/أبريل 2022 (10:00–13:00)"],
    },
}

#: English words of the sentences' templates, day and month names: none may be left in a
#: French, Spanish or Russian sentence. (Not `programme` and `version`, French words too.)
ENGLISH = frozenset(
    re.findall(
        r"\w+",
        """
        meeting morning afternoon evening of the to from at moved cancelled added takes place
        again changed item items now also taken up longer status details updated published
        postponed adopted provisional last monday tuesday wednesday thursday friday saturday
        sunday january february march april may june july august september october november
        december
        """,
    )
)


def no_english(text: str) -> bool:
    return not ENGLISH & {word.lower() for word in re.findall(r"[A-Za-z]{2,}", text)}


@pytest.mark.parametrize("kind", KINDS, ids=str)
def test_each_kind_of_change_is_recorded_and_told_in_six_languages(kind, tmp_path):
    shutil.copytree(DATA, tmp_path / "data")
    programme = ProgrammeFile(tmp_path / "data" / f"{MEETING}.yaml")
    if kind.before is not None:
        kind.before(programme)
    earlier = revisions.read_ledger(programme.ledger, MEETING).history
    kind.edit(programme)
    printed = programme.stamp(SECOND)
    # What the revisions file records, as a maintainer reads it in the diff to commit...
    recorded = programme.recorded()["changes"]
    assert len(recorded) == len(earlier) + 1
    assert recorded[-1] == {"at": SECOND, "version": None, "changes": kind.records}
    # ...and as the pages and feeds read it back.
    history = revisions.read_ledger(programme.ledger, MEETING).history
    assert history[:-1] == earlier
    assert history[-1].as_data() == {
        "number": len(history),
        "at": SECOND,
        "version": None,
        "changes": kind.records,
    }
    told = history[-1].changes
    english = [line.removeprefix("  ") for line in printed.splitlines()[1:]]
    assert [changes.sentence(change, "en") for change in told] == english
    for lang in ("zh", "ar"):
        assert [changes.sentence(change, lang) for change in told] == SENTENCES[kind.name][lang]
    for lang in ("fr", "es", "ru"):
        for change in told:
            sentence = changes.sentence(change, lang)
            assert sentence and no_english(sentence), (lang, sentence)
    # Stamping again finds nothing new and records nothing.
    before = programme.ledger.read_bytes()
    assert programme.stamp(THIRD) == "no block changed\n"
    assert programme.ledger.read_bytes() == before


def test_the_words_of_the_english_check_catch_english():
    assert not no_english("Afternoon meeting of Tuesday, 29 March 2022 moved to 16:00–19:00")
    assert no_english("Séance de l'après-midi du mardi 29 mars 2022 (15:00–18:00)")


# -- what the sessions' events say ------------------------------------------------------------


def _agenda_titles() -> dict[str, dict[str, str]]:
    """The agenda's sub-item titles by label (`5(e)`), read from the programme file."""
    programme = yaml.safe_load((DATA / f"{MEETING}.yaml").read_text(encoding="utf-8"))
    return {
        f"{item['number']}({sub['letter']})": sub["title"]
        for item in programme["agenda"]
        for sub in item.get("sub_items", ())
    }


def test_an_item_moved_shows_in_both_sessions_and_in_the_item_s_own_feed(tmp_path):
    shutil.copytree(DATA, tmp_path / "data")
    programme = ProgrammeFile(tmp_path / "data" / f"{MEETING}.yaml")
    move_item(programme)
    programme.stamp(SECOND)
    paths = [
        feed_path(lang, kind, key)
        for lang in READ_IN_FULL
        for kind, key in (("event", "mar29-pm"), ("event", "mar30-am"), ("item", "5e"))
    ]
    built = catalog.load([programme.path])
    seen = read({path: built.feed(path).body for path in paths}, tmp_path / "read")
    title = _agenda_titles()["5(e)"]
    summaries = {
        "zh": (
            "信通技术安全工作组第二届会议：项目 5",
            "信通技术安全工作组第二届会议：项目 5(e)、5(f)",
            "不再审议项目 5(e)：信通技术安全工作组第二届会议：项目 5",
        ),
        "en": (
            "OEWG on ICTs, 2nd session: Item 5",
            "OEWG on ICTs, 2nd session: Items 5(e), 5(f)",
            "No longer takes up Item 5(e): OEWG on ICTs, 2nd session: Item 5",
        ),
        "ar": (
            "فريق أمن تكنولوجيات المعلومات، الدورة الثانية: البند 5",
            "فريق أمن تكنولوجيات المعلومات، الدورة الثانية: البنود 5(e)، 5(f)",
            "لم يعد يُنظر في البند 5(e): فريق أمن تكنولوجيات المعلومات، الدورة الثانية: البند 5",
        ),
    }
    for lang in READ_IN_FULL:
        left, took = summaries[lang][:2]
        (old,) = seen[feed_path(lang, "event", "mar29-pm")]
        (new,) = seen[feed_path(lang, "event", "mar30-am")]
        # The session that no longer takes up the item says so in its title and lines...
        assert (old.summary, old.status) == (left, "TENTATIVE")
        assert f"(e) {title[lang]}" not in old.description
        # ...the one that now does names it among its items, its title among its lines.
        assert (new.summary, new.status) == (took, "TENTATIVE")
        assert f"    (e) {title[lang]}\n" in new.description
        # The item's own calendar holds the new session, and lets go of the old one.
        item = {event.uid: event for event in seen[feed_path(lang, "item", "5e")]}
        assert item[uid("mar30-am")] == new
        assert (item[uid("mar29-pm")].summary, item[uid("mar29-pm")].status) == (
            summaries[lang][2],
            "CANCELLED",
        )
        assert (item[uid("mar29-pm")].start, item[uid("mar29-pm")].sequence) == (
            old.start,
            old.sequence,
        )


GENEVA_ZONE = "Europe/Zurich"
GENEVA = {
    "thu-am": _slot("2024-03-28", "10:00", "13:00", "1", "2", "2a"),
    "mon-am": _slot("2024-04-01", "10:00", "13:00", "2", "2a"),
    "mon-pm": replace(_slot("2024-04-01", "15:00", "18:00"), cancelled=True),
    "tue-night": _slot("2024-04-02", "00:00", "01:00"),
}


def test_a_session_moved_across_the_change_to_summer_time_is_at_its_new_utc_time(geneva, tmp_path):
    programme = ProgrammeFile(geneva)
    assert programme.stamp("2024-01-10T09:00:00Z") == (
        "meeting-level fields, thu-am, mon-am, mon-pm, tue-night\n  Programme published\n"
    )
    before = build(geneva.parent, tmp_path / "before")
    lines = programme.cut("mon-am").replace("10:00", "15:00").replace("13:00", "18:00")
    programme.insert(lines, "  - date: 2024-03-29\n")
    assert programme.stamp("2024-02-20T16:30:00Z") == (
        "meeting-level fields, mon-am\n  Morning meeting of Monday, 1 April 2024 (10:00–13:00) "
        "moved to Thursday, 28 March 2024, 15:00–18:00\n"
    )
    after = build(geneva.parent, tmp_path / "after")
    seen = read(after, tmp_path / "read")
    moved = {"mon-am": replace(GENEVA["mon-am"], day="2024-03-28", start="15:00", end="18:00")}
    check_feeds_say(Programme({**GENEVA, **moved}), seen, GENEVA_ZONE)
    # 15:00 in Geneva before the change is 14:00 UTC; it was 10:00, 08:00 UTC, after it.
    (event,) = seen[feed_path("en", "event", "mon-am", "geneva-test")]
    assert (event.start, event.end) == ("2024-03-28T14:00:00.000Z", "2024-03-28T17:00:00.000Z")
    assert event.sequence == 1
    for path, body in before.items():
        was, now = raw_events(body), raw_events(after[path])
        assert set(was) <= set(now), path
        for key in was.keys() - {uid("mon-am", "geneva-test")}:
            assert now[key] == was[key], (path, key)


# -- a calendar that keeps its copy, through a series of edits -----------------------------------

MAR28_PM = "      - id: mar28-pm\n        start: 15:00\n        end: 18:00\n"
#: The sessions' times and items after each edit of the series.
MOVED = with_slots(mar29_pm=_slot("2022-03-29", "16:00", "19:00", "5", "5e"))
REMOVED = {k: v for k, v in MOVED.items() if k != "apr01-am"}
ADDED = {**REMOVED, "mar31-eve": _slot("2022-03-31", "18:30", "20:00", "5g")}
ITEM_MOVED = {
    **ADDED,
    "mar29-pm": _slot("2022-03-29", "16:00", "19:00", "5"),
    "mar30-am": _slot("2022-03-30", "10:00", "13:00", "5", "5e", "5f"),
}
SHORTENED = {**ITEM_MOVED, "mar28-pm": _slot("2022-03-28", "15:00", "17:30", "5", "5d")}
PUT_BACK = {**SHORTENED, "apr01-am": BUNDLED["apr01-am"]}
GONE = {"apr01-am": BUNDLED["apr01-am"]}


def shorten(programme: ProgrammeFile) -> None:
    programme.replace(MAR28_PM, MAR28_PM.replace("18:00", "17:30"))


def resume(programme: ProgrammeFile) -> None:
    programme.replace("  status: postponed\n", "  status: provisional\n")


#: Each edit, when it is stamped (None: published before it is stamped), the programme after.
SERIES: list[tuple[Callable[[ProgrammeFile], None], str | None, Programme]] = [
    (move_in_its_day, "2026-12-01T09:00:00Z", Programme(MOVED)),
    (remove, "2026-12-02T09:00:00Z", Programme(REMOVED, GONE)),
    (add, "2026-12-03T09:00:00Z", Programme(ADDED, GONE)),
    (move_item, "2026-12-04T09:00:00Z", Programme(ITEM_MOVED, GONE)),
    (shorten, None, Programme(SHORTENED, GONE)),
    (lambda programme: None, "2026-12-05T09:00:00Z", Programme(SHORTENED, GONE)),
    (put_back, "2026-12-06T09:00:00Z", Programme(PUT_BACK)),
    (status("postponed"), "2026-12-07T09:00:00Z", Programme(PUT_BACK, called_off=True)),
    (resume, "2026-12-08T09:00:00Z", Programme(PUT_BACK)),
]


def test_a_calendar_that_keeps_its_copy_follows_a_series_of_edits(bundled_feeds, tmp_path):
    shutil.copytree(DATA, tmp_path / "data")
    programme = ProgrammeFile(tmp_path / "data" / f"{MEETING}.yaml")
    # A calendar subscribed to every feed read in full, and to each language's whole meeting.
    _feeds, seen = bundled_feeds
    calendars = {path: Subscription() for path in seen}
    for path, calendar in calendars.items():
        calendar.fetch(seen[path])
    for number, (edit, at, after) in enumerate(SERIES):
        edit(programme)
        if at is not None:
            programme.stamp(at)
        feeds = build(tmp_path / "data", tmp_path / f"out-{number}")
        # Every feed subscribed to is still served.
        seen = read({path: feeds[path] for path in calendars}, tmp_path / f"read-{number}")
        if at is None:  # published from the data alone: the next SEQUENCE, and a second
            # after the newest time the revisions file records
            (event,) = seen[feed_path("en", "event", "mar28-pm")]
            assert (event.sequence, event.dtstamp) == (2, "2026-12-04T09:00:01.000Z")
        for path, calendar in calendars.items():
            calendar.fetch(seen[path])
            # What the calendar shows is what the feed says now: each change came with a
            # higher SEQUENCE or, once stamped, a later DTSTAMP.
            assert calendar.events == {event.uid: event for event in seen[path]}, (number, path)
            # It shows the sessions taking place at their times, no other.
            assert calendar.live() == expected_live(after, path), (number, path)
        check_feeds_say(after, seen)
        for lang in LANGUAGES:
            calendar = calendars[feed_path(lang, "all")]
            assert set(calendar.events) == {uid(block) for block in after.everything()}
            assert calendar.cancelled() == {
                uid(block) for block in after.everything() if after.cancelled(block)
            }


# -- the change records ---------------------------------------------------------------------


def test_the_first_stamp_of_a_new_programme_records_that_it_is_published(tmp_path):
    shutil.copytree(DATA, tmp_path / "data")
    programme = ProgrammeFile(tmp_path / "data" / f"{MEETING}.yaml")
    programme.ledger.unlink()
    assert programme.stamp(FIRST) == (f"meeting-level fields, {LISTED}\n  Programme published\n")
    assert programme.recorded()["changes"] == [
        {"at": FIRST, "version": None, "changes": [{"kind": "published"}]}
    ]
    (change_set,) = revisions.read_ledger(programme.ledger, MEETING).history
    (change,) = change_set.changes
    words = {lang: changes.sentence(change, lang) for lang in LANGUAGES}
    assert [words["zh"], words["en"], words["ar"]] == [
        "工作方案发布",
        "Programme published",
        "نُشر البرنامج",
    ]
    assert all(words[lang] and no_english(words[lang]) for lang in ("fr", "es", "ru"))
    built = catalog.load([programme.path])
    assert caldesc(built.feed(feed_path("en", "all")).body).endswith(
        "\nLast changed: Tuesday, 1 December 2026, 09:00 UTC"
    )


#: How the calendars' descriptions end once version Rev.1 is stamped on 2 December 2026.
VERSION_LINES = {
    "zh": "版本：Rev.1 · 最后更改：2026 年 12 月 2 日，星期三 09:00（UTC）",
    "en": "Version: Rev.1 · Last changed: Wednesday, 2 December 2026, 09:00 UTC",
    "ar": "الإصدار: Rev.1 · آخر تغيير: الأربعاء، 2 كانون الأول/ديسمبر 2026، 09:00 "
    "بالتوقيت العالمي المنسق",
}


@pytest.mark.parametrize("history", ["recorded", "none yet"])
def test_a_new_version_label_alone_is_a_change_set_carrying_it(tmp_path, history):
    """The bundled revisions file was written before change sets were recorded."""
    shutil.copytree(DATA, tmp_path / "data")
    programme = ProgrammeFile(tmp_path / "data" / f"{MEETING}.yaml")
    if history == "recorded":
        edit_title(programme)
        programme.stamp(FIRST)
    assert len(programme.recorded()["changes"]) == (history == "recorded")
    programme.replace("  status: provisional\n", "  status: provisional\n  version: Rev.1\n")
    assert programme.stamp(SECOND) == "meeting-level fields\n"
    version = dict.fromkeys(LANGUAGES, "Rev.1")
    assert programme.recorded()["changes"][-1] == {
        "at": SECOND,
        "version": version,
        "changes": [],
    }
    last = revisions.read_ledger(programme.ledger, MEETING).history[-1]
    assert (last.version, last.changes) == (version, ())
    built = catalog.load([programme.path])
    for lang, line in VERSION_LINES.items():
        for kind, key in (
            ("all", ""),
            ("day", "2022-03-30"),
            ("item", "5e"),
            ("event", "mar28-am"),
        ):
            assert caldesc(built.feed(feed_path(lang, kind, key)).body).endswith("\n" + line)
    # No event changed: a version label is not news to a calendar's events.
    before = catalog.load([DATA])
    for lang in LANGUAGES:
        path = feed_path(lang, "all")
        assert raw_events(built.feed(path).body) == raw_events(before.feed(path).body)


def test_a_session_moved_within_its_day_reads_well_in_french_and_spanish():
    change = changes.Change(
        "moved",
        (changes.Place(datetime(2022, 3, 29).date(), _time("15:00"), _time("18:00"), "b"),),
        (changes.Place(datetime(2022, 3, 29).date(), _time("16:00"), _time("19:00"), "b"),),
    )
    assert " au 16:00" not in changes.sentence(change, "fr")
    assert " al 16:00" not in changes.sentence(change, "es")


def _time(text: str):
    return datetime.strptime(text, "%H:%M").time()


# -- a damaged revisions file ----------------------------------------------------------------

#: (what is damaged, the JSON text replaced, its replacement, the field, the message)
DAMAGED_COPIES = [
    (
        "no segments",
        '"segments": [',
        '"segments": [], "x": [',
        "not a block as `feeds stamp` records it (no segments)",
    ),
    (
        "a day not in the calendar",
        '"date": "2024-04-01"',
        '"date": "2024-02-30"',
        "not a block as `feeds stamp` records it (date: 2024-02-30 is not a date in the calendar)",
    ),
    (
        "a year past the last",
        '"date": "2024-04-01"',
        '"date": "9999-12-31"',
        "not a block as `feeds stamp` records it (date: expected a year from 1971 to 2200, "
        "got 9999)",
    ),
    (
        "a time with an offset",
        '"start": "10:00"',
        '"start": "10:00+05:00"',
        "not a block as `feeds stamp` records it "
        "(start: expected a time as HH:MM (24-hour clock), got '10:00+05:00')",
    ),
    (
        "an end before the start",
        '"end": "13:00"',
        '"end": "09:00"',
        "not a block as `feeds stamp` records it (end: 09:00 is not after the start 10:00)",
    ),
    (
        "an item without a title",
        '"title": {\n              "en": "First matter"',
        '"title": {}, "x": {\n              "en": "First matter"',
        "not a block as `feeds stamp` records it (a text in no language)",
    ),
]


def _stamped_geneva(geneva: Path) -> ProgrammeFile:
    programme = ProgrammeFile(geneva)
    programme.stamp("2024-01-10T09:00:00Z")
    programme.cut("mon-pm")  # published from its copy from now on
    programme.stamp("2024-02-20T16:30:00Z")
    return programme


def _check(programme: ProgrammeFile) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "feeds", "check", str(programme.path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _line(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [damage[1:] for damage in DAMAGED_COPIES],
    ids=[damage[0] for damage in DAMAGED_COPIES],
)
def test_a_damaged_copy_of_a_block_is_a_problem_at_its_line(geneva, old, new, message):
    programme = _stamped_geneva(geneva)
    text = programme.ledger.read_text(encoding="utf-8")
    entry = text.index('"mon-am": {')
    copy = text.index('"block": {', entry)
    damaged = text.index(old, copy)
    programme.ledger.write_text(text[:damaged] + new + text[damaged + len(old) :])
    result = _check(programme)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"{programme.ledger}:{_line(text, copy)}: blocks.mon-am.block: {message}\n"
        "1 problem in 1 file\n"
    )


DAMAGED_CHANGES = [
    ("not a list", '"changes": {}', "changes: expected a list of change sets"),
    (
        "not a mapping",
        '"changes": [\n5\n]',
        "changes[0].at: expected a UTC time as YYYY-MM-DDTHH:MM:SSZ",
    ),
    (
        "an unknown kind",
        '"changes": [\n{"at": "2024-01-10T09:00:00Z", "changes": [{"kind": "exploded"}]}]',
        "changes[0]: not a change set as `feeds stamp` records it "
        "(unknown kind of change 'exploded')",
    ),
    (
        "an unknown status",
        '"changes": [\n{"at": "2024-01-10T09:00:00Z", "changes": '
        '[{"kind": "status", "status": "exploded"}]}]',
        "changes[0]: not a change set as `feeds stamp` records it (unknown status 'exploded')",
    ),
    (
        "a move from nowhere",
        '"changes": [\n{"at": "2024-01-10T09:00:00Z", "changes": [{"kind": "moved"}]}]',
        "changes[0]: not a change set as `feeds stamp` records it "
        "(a change of kind 'moved' needs 'before')",
    ),
    (
        "an item move without its item",
        '"changes": [\n{"at": "2024-01-10T09:00:00Z", "changes": [{"kind": "item-moved", '
        '"before": [{"block": "b", "date": "2024-03-28", "start": "10:00", "end": "13:00"}], '
        '"after": [{"block": "b", "date": "2024-03-28", "start": "15:00", "end": "18:00"}]}]}]',
        "changes[0]: not a change set as `feeds stamp` records it "
        "(a change of kind 'item-moved' needs 'item')",
    ),
    (
        "a place not in the calendar",
        '"changes": [\n{"at": "2024-01-10T09:00:00Z", "changes": [{"kind": "cancelled", '
        '"before": [{"block": "b", "date": "2024-02-30", "start": "10:00", "end": "13:00"}]}]}]',
        "changes[0]: not a change set as `feeds stamp` records it "
        "(date: 2024-02-30 is not a date in the calendar)",
    ),
    (
        "a version that is not a text by language",
        '"changes": [\n{"at": "2024-01-10T09:00:00Z", "version": "Rev.1", "changes": []}]',
        "changes[0]: not a change set as `feeds stamp` records it "
        "(version: expected a text by language)",
    ),
]


@pytest.mark.parametrize(
    ("new", "message"),
    [damage[1:] for damage in DAMAGED_CHANGES],
    ids=[damage[0] for damage in DAMAGED_CHANGES],
)
def test_a_damaged_list_of_changes_is_a_problem_at_its_line(geneva, new, message):
    programme = _stamped_geneva(geneva)
    text = programme.ledger.read_text(encoding="utf-8")
    start = text.index('"changes": [')
    end = text.index("\n  ]", start) + len("\n  ]")
    damaged = text[:start] + new + text[end:]
    programme.ledger.write_text(damaged)
    result = _check(programme)
    assert (result.returncode, result.stdout) == (1, "")
    line = _line(damaged, start) + (1 if new.startswith('"changes": [\n') else 0)
    assert result.stderr == f"{programme.ledger}:{line}: {message}\n1 problem in 1 file\n"


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        file.relative_to(folder).as_posix(): file.read_bytes()
        for file in sorted(folder.rglob("*"))
        if file.is_file()
    }


def test_a_programme_with_its_changes_builds_the_same_bytes_in_two_processes(tmp_path):
    shutil.copytree(DATA, tmp_path / "data")
    programme = ProgrammeFile(tmp_path / "data" / f"{MEETING}.yaml")
    for edit, at, _after in SERIES[:4]:  # moved, removed, added, item moved
        edit(programme)
        assert at is not None
        programme.stamp(at)
    programme.replace("  status: provisional\n", "  status: provisional\n  version: Rev.2\n")
    flag_cancelled(programme)  # and not yet stamped
    trees = []
    for seed, zone in (("1", "Asia/Tokyo"), ("2", "America/Los_Angeles")):
        out = tmp_path / f"out-{seed}"
        subprocess.run(
            [sys.executable, "-m", "feeds", "build", str(out), "--data", str(tmp_path / "data")],
            cwd=ROOT,
            check=True,
            capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": seed, "TZ": zone},
            timeout=300,
        )
        trees.append(_tree(out))
    assert trees[0] == trees[1]
    assert b"STATUS:CANCELLED" in trees[0][f"en/{MEETING}/event/apr01-am.ics"]


def take_item_off_the_agenda(programme: ProgrammeFile) -> None:
    """Item 5(c) leaves the agenda, and the morning of 1 April no longer takes it up."""
    text = programme.path.read_text(encoding="utf-8")
    start, end = text.index("      - letter: c\n"), text.index("      - letter: d\n")
    programme.path.write_text(text[:start] + text[end:], encoding="utf-8")
    programme.replace("          - item: 5(c)\n", "")


def test_an_item_taken_off_the_agenda_keeps_its_feed_with_its_session_let_go(tmp_path):
    shutil.copytree(DATA, tmp_path / "data")
    programme = ProgrammeFile(tmp_path / "data" / f"{MEETING}.yaml")
    take_item_off_the_agenda(programme)
    assert programme.stamp(SECOND) == (
        "meeting-level fields, apr01-am\n"
        "  Item 5(c) no longer taken up at the morning meeting of Friday, 1 April 2022 "
        "(10:00–13:00)\n"
    )
    feeds = build(tmp_path / "data", tmp_path / "out")
    seen = read(to_read(feeds), tmp_path / "read")
    after = Programme(with_slots(apr01_am=_slot("2022-04-01", "10:00", "13:00", "5")))
    check_feeds_say(after, seen)
    for lang in READ_IN_FULL:
        (event,) = seen[feed_path(lang, "item", "5c")]
        assert (event.uid, event.status) == (uid("apr01-am"), "CANCELLED")
