"""Edits of the meeting-level content (titles, introduction, agenda, notes...) move Last-Modified.

Every change to what a feed, programme.json or a page shows must move its
Last-Modified, or a client that asks with If-Modified-Since alone gets 304 and
keeps the old copy.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from feeds import catalog, revisions
from feeds.load import load_paths
from feeds.web import create_app

JAN = datetime(2024, 1, 10, 9, 0, tzinfo=UTC)
FEB = datetime(2024, 2, 20, 16, 30, tzinfo=UTC)
SECOND = timedelta(seconds=1)
#: The newest time the bundled revisions file records.
BUNDLED_NEWEST = datetime(2026, 11, 30, 12, 0, 0, tzinfo=UTC)


def _record(programme: Path, at: datetime) -> list[str]:
    """What `feeds stamp --at` records: every digest, through the revisions module."""
    (meeting,) = load_paths([programme])
    path = revisions.ledger_path(programme)
    ledger = revisions.read_ledger(path, meeting.id)
    updated, changed = revisions.stamped(revisions.programme_digests(meeting), ledger, at)
    revisions.write_ledger(path, meeting.id, updated)
    return changed


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new))


def _published(programme: Path) -> revisions.Published:
    (entry,) = catalog.load([programme]).published
    return entry


def _served(data: Path) -> dict[str, tuple[bytes, datetime]]:
    """Every resource of the catalog (pages included): its bytes and its Last-Modified."""
    return {r.path: (r.body, r.last_modified) for r in catalog.load([data])}


# (field, text in data/oewg-ict-s2.yaml, its replacement)
BUNDLED_EDITS = [
    (
        "title",
        "communications technologies 2021-2025, second substantive session\n",
        "communications technologies 2021-2025, second substantive session (resumed)\n",
    ),
    ("short title", "en: OEWG on ICTs, 2nd session", "en: OEWG on ICTs, second session"),
    (
        "introduction",
        "adopted the annotated agenda, contained in",
        "adopted the annotated agenda of its sessions, contained in",
    ),
    (
        "body",
        "communications technologies 2021-2025\n    fr:",
        "communications technologies (2021-2025)\n    fr:",
    ),
    ("session", "en: Second substantive session", "en: Second substantive session (resumed)"),
    ("city", "en: New York\n", "en: New York City\n"),
    ("venue", "en: United Nations Headquarters, New York", "en: UN Headquarters, New York"),
    ("url", "url: https://meetings.unoda.org/meeting/oewg-ict-2021/", "url: https://example.org/"),
    ("document title", "en: Provisional programme of work", "en: Programme of work"),
    ("issued by", "en: Note by the Secretariat", "en: Note by the Secretariat (revised)"),
    ("documents", "en: Annotated agenda", "en: The annotated agenda"),
    ("notes", "in person, in writing or by submitting", "in person, in writing, or by submitting"),
    ("agenda item title", "en: Organization of work", "en: Organisation of work"),
    ("status", "status: provisional", "status: adopted"),
    ("translations", "en: unofficial", "en: official"),
]


@pytest.mark.parametrize(
    ("old", "new"), [edit[1:] for edit in BUNDLED_EDITS], ids=[edit[0] for edit in BUNDLED_EDITS]
)
def test_every_resource_whose_bytes_an_edit_changes_gets_a_later_last_modified(
    bundled_copy, old, new
):
    before = _served(bundled_copy)
    _edit(bundled_copy / "oewg-ict-s2.yaml", old, new)
    after = _served(bundled_copy)
    changed = [path for path in before if after[path][0] != before[path][0]]
    assert "/en/oewg-ict-s2/programme.json" in changed
    assert [p for p in changed if after[p][1] <= before[p][1]] == []
    # Not yet stamped: one second after the newest time recorded, from the data alone.
    assert after["/en/oewg-ict-s2/programme.json"][1] == BUNDLED_NEWEST + SECOND
    assert _published(bundled_copy).meeting_pending


def test_a_title_edit_is_not_answered_304_to_if_modified_since(bundled_copy):
    paths = ("/en/oewg-ict-s2/all.ics", "/en/oewg-ict-s2/programme.json", "/en/oewg-ict-s2/")
    client = create_app({"DATA": str(bundled_copy), "TESTING": True}).test_client()
    first = {path: client.get(path) for path in paths}
    _edit(
        bundled_copy / "oewg-ict-s2.yaml",
        "communications technologies 2021-2025, second substantive session\n",
        "communications technologies 2021-2025, second substantive session (resumed)\n",
    )
    client = create_app({"DATA": str(bundled_copy), "TESTING": True}).test_client()
    for path in paths:
        since = first[path].headers["Last-Modified"]
        response = client.get(path, headers={"If-Modified-Since": since})
        assert response.status_code == 200, path
        assert response.data != first[path].data
        assert response.headers["Last-Modified"] == format_datetime(
            BUNDLED_NEWEST + SECOND, usegmt=True
        )
    assert "second substantive session (resumed)" in client.get(paths[1]).get_data(as_text=True)


def test_the_bundled_data_has_no_pending_edit_and_its_meeting_level_entry(bundled):
    (entry,) = bundled.published
    assert entry.unrecorded == ()
    assert entry.meeting_modified == BUNDLED_NEWEST
    recorded = json.loads(revisions.ledger_path(Path(entry.meeting.source)).read_text())
    assert recorded["meeting_level"] == {
        "digest": revisions.meeting_digest(entry.meeting),
        "modified": "2026-11-30T12:00:00Z",
        "status": "provisional",
        "details": revisions.details_digest(entry.meeting),
    }
    assert {r.last_modified for r in bundled if r.kind != "asset"} == {BUNDLED_NEWEST}
    # the assets come with the package, whatever the data: as new as their files
    for asset in (r for r in bundled if r.kind == "asset"):
        file = Path(catalog.__file__).parent / asset.path.lstrip("/")
        assert asset.last_modified.timestamp() == int(file.stat().st_mtime)


def test_stamping_records_the_meeting_level_content_at_the_time_of_the_stamp(geneva):
    assert _record(geneva, JAN) == [
        revisions.MEETING_LEVEL,
        "thu-am",
        "mon-am",
        "mon-pm",
        "tue-night",
    ]
    assert _published(geneva).unrecorded == ()
    _edit(geneva, "en: Test committee, first session", "en: Test committee, second session")
    entry = _published(geneva)
    assert (entry.meeting_pending, entry.pending) == (True, ())
    assert entry.unrecorded == (revisions.MEETING_LEVEL,)
    assert entry.meeting_modified == JAN + SECOND
    assert _record(geneva, FEB) == [revisions.MEETING_LEVEL]
    entry = _published(geneva)
    assert (entry.meeting_modified, entry.unrecorded) == (FEB, ())
    recorded = json.loads(revisions.ledger_path(geneva).read_text())
    assert recorded["meeting_level"] == {
        "digest": revisions.meeting_digest(entry.meeting),
        "modified": "2024-02-20T16:30:00Z",
    }
    assert {b["modified"] for b in recorded["blocks"].values()} == {"2024-01-10T09:00:00Z"}
    assert _record(geneva, datetime(2024, 3, 1, tzinfo=UTC)) == []


def test_a_resource_is_as_new_as_its_newest_block_or_the_meeting_level_content(geneva):
    _record(geneva, JAN)
    _edit(geneva, "start: 15:00", "start: 14:30")  # mon-pm only
    assert _record(geneva, FEB) == ["mon-pm"]
    served = _served(geneva.parent)
    assert served["/en/geneva-test/event/thu-am.ics"][1] == JAN
    assert served["/en/geneva-test/event/mon-pm.ics"][1] == FEB
    assert served["/en/geneva-test/all.ics"][1] == FEB
    _edit(geneva, "fr: Comité d'essai, première session", "fr: Comité d'essai, 1re session")
    served = _served(geneva.parent)
    assert served["/en/geneva-test/event/thu-am.ics"][1] == FEB + SECOND
    assert served["/fr/geneva-test/"][1] == FEB + SECOND
    assert served["/"][1] == FEB + SECOND


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("      - id: tue-night", "      - id: tue-late"),  # one block gone, another new
        ("en: Official holiday", "en: Official holiday (all day)"),
        ("  translations:\n    fr: official\n", "  translations:\n    fr: unofficial\n"),
    ],
    ids=["block replaced", "day note", "translations"],
)
def test_every_resource_whose_bytes_change_moves_to_one_second_after_the_newest(geneva, old, new):
    _record(geneva, JAN)
    before = _served(geneva.parent)
    _edit(geneva, old, new)
    after = _served(geneva.parent)
    changed = [path for path in before if after.get(path, (b"",))[0] != before[path][0]]
    assert any(path.endswith("/programme.json") for path in changed)
    assert {path: after[path][1] for path in changed if path in after} == {
        path: JAN + SECOND for path in changed if path in after
    }


def test_an_older_revisions_file_without_the_meeting_level_entry_is_read(geneva):
    _record(geneva, JAN)
    _edit(geneva, "end: 01:00", "end: 01:30")
    _record(geneva, FEB)
    path = revisions.ledger_path(geneva)
    older = json.loads(path.read_text())
    del older["meeting_level"]
    path.write_text(json.dumps(older, indent=2) + "\n")
    entry = _published(geneva)
    # As a block the file does not record: the newest time recorded, and to be stamped.
    assert (entry.meeting_modified, entry.unrecorded) == (FEB, (revisions.MEETING_LEVEL,))
    assert entry.revisions["thu-am"].modified == JAN
    assert _record(geneva, datetime(2024, 3, 1, tzinfo=UTC)) == [revisions.MEETING_LEVEL]
    assert _published(geneva).unrecorded == ()
