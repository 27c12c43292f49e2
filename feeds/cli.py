"""The `feeds` command: check programme files, record edits, build the static export."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
import traceback
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import click

from . import catalog, changes, export, files, revisions, urls
from .export import UnsafeTarget
from .load import DEFAULT_FOLDER, ProgrammeError, load_file, load_paths, outdated_translations
from .model import UTC_FORMAT_TEXT, Meeting, parse_utc_text
from .yamlnodes import Problem


class ProblemsFound(click.ClickException):
    """Every problem of the data, one `file:line: field: message` per line."""

    exit_code = 1

    def __init__(self, problems: Sequence[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = list(problems)

    def show(self, file=None) -> None:
        stream = file or sys.stderr
        for problem in self.problems:
            click.echo(str(problem), file=stream)
        files = len({problem.file for problem in self.problems})
        noun = "problem" if len(self.problems) == 1 else "problems"
        click.echo(f"{len(self.problems)} {noun} in {files} file{'s' * (files != 1)}", file=stream)


def _catalog(paths: Sequence[Path], base_url: str = "") -> catalog.Catalog:
    try:
        return catalog.load(paths, base_url)
    except ProgrammeError as error:
        raise ProblemsFound(error.problems) from None


data_option = click.option(
    "--data",
    "data",
    type=click.Path(path_type=Path),
    default=DEFAULT_FOLDER,
    show_default=True,
    help="Folder (or file) of programmes.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="meeting-feeds")
def cli() -> None:
    """Publish meeting programmes of work as subscribable calendar feeds."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def check(paths: tuple[Path, ...]) -> None:
    """Validate programme files (default: the data/ folder).

    Prints every problem as FILE:LINE: FIELD: MESSAGE and exits with status 1,
    or a summary of each valid meeting and status 0. Translations marked
    outdated are listed, one per line, and are not problems.
    """
    built = _catalog(paths or (DEFAULT_FOLDER,))
    for entry in built.published:
        meeting = entry.meeting
        removed = (
            f" (and {len(entry.removed)} removed, published as cancelled)" if entry.removed else ""
        )
        blocks = len(meeting.blocks) - len(entry.removed)
        click.echo(
            f"{meeting.source}: ok: {meeting.id}, {len(meeting.days)} days, "
            f"{blocks} blocks{removed}, languages {', '.join(meeting.languages)}"
        )
        try:
            outdated = outdated_translations(Path(meeting.source))
        except ProgrammeError as error:  # changed since the catalog read it
            raise ProblemsFound(error.problems) from None
        for notice in outdated:
            click.echo(str(notice))
        if outdated:
            click.echo(
                f"{meeting.source}: {_count(len(outdated), 'translation')} to update; "
                "then remove each one's language from its text's `outdated` list"
            )
        if entry.unrecorded:
            click.echo(
                f"{meeting.source}: edits not yet recorded in "
                f"{revisions.ledger_path(Path(meeting.source)).name}: "
                f"{', '.join(entry.unrecorded)}; run `feeds stamp` and commit it",
                err=True,
            )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' * (n != 1)}"


def _utc_time(_ctx: click.Context, _param: click.Parameter, value: str | None) -> datetime:
    if value is None:
        return datetime.now(UTC).replace(microsecond=0)
    parsed = parse_utc_text(value)
    if parsed is None:
        raise click.BadParameter(f"expected {UTC_FORMAT_TEXT}, got '{value}'")
    first, last = revisions.FIRST_MODIFIED_YEAR, revisions.LAST_MODIFIED_YEAR
    if not first <= parsed.year <= last:
        raise click.BadParameter(f"expected a year from {first} to {last}, got {parsed.year}")
    return parsed


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--at",
    "now",
    callback=_utc_time,
    metavar=UTC_FORMAT_TEXT,
    help="The time to record (default: now).",
)
def stamp(paths: tuple[Path, ...], now: datetime) -> None:
    """Record edited blocks in each programme's revisions file.

    An edited block gets the next SEQUENCE number and, as LAST-MODIFIED, the
    time of the stamp; a removed block stays published as cancelled; what
    changed is recorded in words for the pages, the Atom feed of changes and
    programme.json. Commit the revisions file with the programme.
    """
    try:
        meetings = load_paths(paths or (DEFAULT_FOLDER,))
        for meeting in meetings:
            ledger_file = revisions.ledger_path(Path(meeting.source))
            ledger = revisions.read_ledger(ledger_file, meeting.id)
            done = revisions.record(meeting, ledger, now)
            if done.rewrites or done.ledger != ledger or not ledger_file.exists():
                revisions.write_ledger(ledger_file, meeting.id, done.ledger)
            listed = ", ".join(done.changed) if done.changed else "no block changed"
            click.echo(f"{ledger_file}: {listed}")
            lang = "en"  # the command's own language; the pages tell it in every language
            for change in done.change_set.changes if done.change_set is not None else ():
                click.echo(f"  {changes.sentence(change, lang)}")
    except (ProgrammeError, revisions.LedgerError) as error:
        raise ProblemsFound(error.problems) from None


def _base_url(_ctx: click.Context, _param: click.Parameter, value: str) -> str:
    """The --base-url as pages may use it (no trailing slash), or a usage error."""
    try:
        return urls.checked_base_url(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


@cli.command()
@click.argument("out", type=click.Path(path_type=Path))
@data_option
@click.option(
    "--base-url",
    default="",
    metavar="URL",
    callback=_base_url,
    help="Public address the export is served from (http:// or https://), for absolute links.",
)
def build(out: Path, data: Path, base_url: str) -> None:
    """Write every feed, programme.json and page under OUT, replacing it whole.

    Invalid data leaves OUT untouched. If OUT is a symbolic link, the folder it
    points to is replaced. Builds of one OUT take turns: a second one waits.
    """

    def waiting() -> None:
        click.echo(f"feeds: waiting for another build of {out} to finish", err=True)

    with contextlib.ExitStack() as stack:
        bar: list = []

        def sized(length: int) -> None:
            if sys.stderr.isatty():
                bar.append(
                    stack.enter_context(
                        click.progressbar(length=length, label="Writing", file=sys.stderr)
                    )
                )

        def progress(written: int) -> None:
            if bar:
                bar[0].update(written)

        try:
            count, meetings = export.build(
                [data], out, base_url, progress, keep=[data], waiting=waiting, sized=sized
            )
        except ProgrammeError as error:
            raise ProblemsFound(error.problems) from None
        except UnsafeTarget as error:
            raise click.ClickException(str(error)) from None
        except export.WorkerFailed as error:
            raise click.ClickException(f"cannot write {out}: {error}") from None
        except OSError as error:
            raise click.ClickException(f"cannot write {out}: {error.strerror or error}") from None
    click.echo(f"{out}: {count} files for {meetings} meeting{'s' * (meetings != 1)}")
    if not base_url:
        click.echo(
            "Pages link feeds by path; give --base-url for their subscribe buttons and QR codes."
        )


_NOT_REGULAR = {
    stat.S_IFLNK: "a symbolic link",
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
}


def _check_output(output: Path, force: bool) -> None:
    """Return if `output` may be written: nothing there yet, or a regular file and `force`.

    Raises click.ClickException, naming the path, for anything else: a folder, a link,
    a device or pipe (never replaced, even with --force), a file where a folder of the
    path should be, or an existing file without `force`.
    """
    for folder in output.parents:  # the nearest that exists must be a folder
        try:
            mode = folder.stat().st_mode
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError as error:
            raise click.ClickException(
                f"cannot write {output}: {error.strerror or error}"
            ) from None
        if not stat.S_ISDIR(mode):
            raise click.ClickException(f"cannot write {output}: {folder} is not a folder")
        break
    try:
        mode = output.lstat().st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise click.ClickException(f"cannot write {output}: {error.strerror or error}") from None
    if stat.S_ISDIR(mode):
        raise click.ClickException(
            f"{output} is a folder; give the path of the file to write, "
            f"such as {output / 'NAME.yaml'}"
        )
    if not stat.S_ISREG(mode):
        kind = _NOT_REGULAR.get(stat.S_IFMT(mode), "not a regular file")
        raise click.ClickException(
            f"{output} is {kind}; feeds import writes only regular files, even with --force"
        )
    if not force:
        raise click.ClickException(f"{output} exists; give --force to replace it")


@cli.command("import")
@click.argument("documents", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="The programme file to write, such as data/NAME.yaml.",
)
@click.option(
    "--update",
    "programme",
    type=click.Path(path_type=Path),
    metavar="PROGRAMME",
    help="Read a revision of the document over this programme file, keeping its block ids "
    "and its translations.",
)
@click.option(
    "--dry-run", is_flag=True, help="With --update: print what would change, write nothing."
)
@click.option("--timezone", help="IANA time zone (default: from the city in the heading).")
@click.option("--id", "meeting_id", help="Meeting id (default: from the body and session).")
@click.option(
    "--source",
    metavar="LANG",
    help="Of several language versions, the one to take as the source (default: the first).",
)
@click.option(
    "--lang",
    metavar="LANG",
    help="The language of the documents (default: found from each one's text).",
)
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
def import_(
    documents: tuple[Path, ...],
    output: Path | None,
    programme: Path | None,
    dry_run: bool,
    timezone: str | None,
    meeting_id: str | None,
    source: str | None,
    lang: str | None,
    force: bool,
) -> None:
    """Read a programme-of-work document (its text, as extracted from the PDF) into a
    programme file, ready for review.

    Several documents are the language versions of one programme: they become one
    file holding every language, the first (or --source) as the source and the
    others as official translations. Versions that differ write nothing.

    With --update, a revised document (in the programme's source language, and
    perhaps its versions in other languages of the programme) is read over an
    existing programme file: blocks keep their ids, texts whose source text is
    unchanged keep their translations, and those of changed or new texts are
    marked outdated. What changes is printed before the file is replaced.

    Lines that cannot be placed are kept as notes and listed as warnings. A
    document that cannot be read writes nothing.
    """
    from .importer.document import import_documents
    from .importer.text import DocumentError

    if programme is not None:
        given = [
            name
            for name, value in (
                ("-o", output),
                ("--timezone", timezone),
                ("--id", meeting_id),
                ("--force", force),
            )
            if value
        ]
        if given:
            raise click.UsageError(
                f"--update keeps the programme's file, id and time zone; "
                f"leave out {', '.join(given)}"
            )
        _update(documents, programme, dry_run, source, lang)
        return
    if output is None:
        raise click.UsageError(
            "give -o OUTPUT for a new programme file, or --update PROGRAMME to revise one"
        )
    if dry_run:
        raise click.UsageError("--dry-run goes with --update")
    _check_output(output, force)
    try:
        imported = import_documents(
            documents, timezone=timezone, meeting_id=meeting_id, source=source, lang=lang
        )
    except DocumentError as error:
        raise click.ClickException(str(error)) from None
    for warning in imported.warnings:
        click.echo(f"warning: {warning}", err=True)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        with files.replacing(output) as temporary:
            temporary.write_text(
                imported.yaml(", ".join(str(document) for document in documents)),
                encoding="utf-8",
            )
            try:
                meeting = load_file(temporary, str(output))
            except ProgrammeError as error:
                raise ProblemsFound(error.problems) from None
            _check_output(output, force)  # nothing else took its place while we wrote
    except OSError as error:
        raise click.ClickException(f"cannot write {output}: {error.strerror or error}") from None
    languages = f", languages {', '.join(meeting.languages)}" if len(documents) > 1 else ""
    click.echo(
        f"{output}: {meeting.id}, {len(meeting.days)} days, {len(meeting.blocks)} "
        f"blocks, {len(meeting.agenda)} agenda items{languages}; review it, then run "
        f"`feeds check {output}`"
    )


def _update(
    documents: tuple[Path, ...],
    programme: Path,
    dry_run: bool,
    source: str | None,
    lang: str | None,
) -> None:
    """`feeds import DOC --update PROGRAMME`: print what the revision changes, then replace
    the file with the revised programme (not with `dry_run`), if it is valid."""
    from .importer.text import DocumentError
    from .importer.update import update_programme

    _check_updatable(programme)
    try:
        before = load_file(programme)
        ledger = revisions.read_ledger(revisions.ledger_path(programme), before.id)
    except (ProgrammeError, revisions.LedgerError) as error:
        raise ProblemsFound(error.problems) from None
    try:
        update = update_programme(documents, programme, before, ledger.blocks, source, lang)
    except DocumentError as error:
        raise click.ClickException(str(error)) from None
    for warning in update.warnings:
        click.echo(f"warning: {warning}", err=True)
    if not update.changed:
        click.echo(f"{programme}: the revision changes nothing; nothing written")
        return
    after, outdated = _read_update(update.text, programme)
    # As published: the blocks a programme no longer has stay in its feeds, cancelled.
    found = changes.between(
        revisions.with_removed(before, ledger), revisions.with_removed(after, ledger)
    )
    if found:
        click.echo(f"{programme}: {_count(len(found), 'change')}:")
        for change in found:
            click.echo(f"  {changes.sentence(change, 'en')}")
    else:
        click.echo(
            f"{programme}: no change in {before.language}; only translations or the "
            "file's layout change"
        )
    to_update = (
        f"; {_count(len(outdated), 'translation')} to update (`feeds check {programme}` lists them)"
        if outdated
        else ""
    )
    if dry_run:
        click.echo(f"{programme}: not written (--dry-run){to_update}")
        return
    try:
        with files.replacing(programme) as temporary:
            temporary.write_text(update.text, encoding="utf-8")
            _check_updatable(programme)  # nothing else took its place while we read
    except OSError as error:
        raise click.ClickException(f"cannot write {programme}: {error.strerror or error}") from None
    click.echo(
        f"{programme}: updated{to_update}; review it, then run `feeds stamp` and commit both files"
    )


def _check_updatable(programme: Path) -> None:
    """Return if `programme` is a regular file, which --update may replace."""
    try:
        mode = programme.lstat().st_mode
    except OSError as error:
        raise click.ClickException(f"{programme}: {error.strerror or error}") from None
    if not stat.S_ISREG(mode):
        kind = (
            "a folder"
            if stat.S_ISDIR(mode)
            else _NOT_REGULAR.get(stat.S_IFMT(mode), "not a regular file")
        )
        raise click.ClickException(
            f"{programme} is {kind}; feeds import --update replaces only a regular file"
        )


def _read_update(text: str, programme: Path) -> tuple[Meeting, list[Problem]]:
    """The meeting an updated programme file's `text` holds, and its outdated
    translations; ProblemsFound, naming `programme`, if it is not valid."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / programme.name
        path.write_text(text, encoding="utf-8")
        try:
            return load_file(path, str(programme)), outdated_translations(path, str(programme))
        except ProgrammeError as error:
            click.echo(f"{programme}: not updated: the revised programme is not valid", err=True)
            raise ProblemsFound(error.problems) from None


@cli.command()
@data_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
def serve(data: Path, host: str, port: int) -> None:
    """Serve the feeds and pages on this machine, reloading edited programmes.

    For production, start the server as the Procfile does.
    """
    from . import web

    local = [f"{name}:{port}" for name in (host, "localhost", "127.0.0.1")]
    app = web.create_app({"DATA": str(data), "RELOAD_INTERVAL": 1.0, "HOSTS": local})
    if not app.extensions["feeds"].health().loaded:
        raise click.ClickException(f"no valid programme in {data}; run `feeds check {data}`")
    click.echo(f"Serving {data} at http://{host}:{port}/ (Ctrl+C to stop)")
    web.serve_locally(app, host, port)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the CLI; an unexpected fault is reported in one line, not a traceback."""
    try:
        cli.main(args=argv, prog_name="feeds", standalone_mode=True)
    except SystemExit:
        raise
    except Exception as error:
        if os.environ.get("FEEDS_DEBUG"):
            traceback.print_exc()
        click.echo(
            f"feeds: internal error: {type(error).__name__}: {error} "
            "(set FEEDS_DEBUG=1 for details)",
            err=True,
        )
        sys.exit(2)
