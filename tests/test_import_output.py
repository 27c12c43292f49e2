"""feeds import writes only regular files, reads only documents of a sane size, says why not."""

from __future__ import annotations

import ctypes
import os
import resource
import socket
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT
from feeds.importer.text import MAX_BYTES

SEED = FIXTURES / "oewg-ict-s2.source.txt"


def run(*args: str, **options) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "feeds", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        **options,
    )


def _refused(result: subprocess.CompletedProcess, message: str) -> None:
    assert (result.returncode, result.stdout, result.stderr) == (1, "", f"Error: {message}\n")


def test_a_folder_is_not_replaced(tmp_path):
    folder = tmp_path / "data"
    (folder / "kept.yaml").parent.mkdir()
    (folder / "kept.yaml").write_text("kept")
    result = run("import", str(SEED), "-o", str(folder), "--force")
    _refused(
        result,
        f"{folder} is a folder; give the path of the file to write, such as {folder / 'NAME.yaml'}",
    )
    assert [p.name for p in folder.iterdir()] == ["kept.yaml"]


def test_a_file_where_a_folder_of_the_path_should_be(tmp_path):
    (tmp_path / "notes").write_text("precious")
    for output in (tmp_path / "notes" / "x.yaml", tmp_path / "notes" / "data" / "x.yaml"):
        result = run("import", str(SEED), "-o", str(output), "--force")
        _refused(result, f"cannot write {output}: {tmp_path / 'notes'} is not a folder")
    assert (tmp_path / "notes").read_text() == "precious"


def test_a_named_pipe_is_never_replaced_even_with_force(tmp_path):
    # As a device file such as /dev/full would be: only a regular file is ever replaced.
    pipe = tmp_path / "x.yaml"
    os.mkfifo(pipe)
    for force in ([], ["--force"]):
        result = run("import", str(SEED), "-o", str(pipe), *force)
        _refused(
            result,
            f"{pipe} is a named pipe (FIFO); feeds import writes only regular files, "
            "even with --force",
        )
        assert pipe.is_fifo()
    assert [p.name for p in tmp_path.iterdir()] == ["x.yaml"]


def test_a_socket_or_a_link_is_never_replaced(tmp_path):
    target = tmp_path / "target.yaml"
    target.write_text("kept")
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    result = run("import", str(SEED), "-o", str(link), "--force")
    _refused(
        result,
        f"{link} is a symbolic link; feeds import writes only regular files, even with --force",
    )
    assert link.is_symlink() and target.read_text() == "kept"
    with socket.socket(socket.AF_UNIX) as listening:
        path = tmp_path / "s.yaml"
        listening.bind(str(path))
        result = run("import", str(SEED), "-o", str(path), "--force")
        _refused(
            result,
            f"{path} is a socket; feeds import writes only regular files, even with --force",
        )


def _without_root_s_override() -> None:
    """In the child, before it runs the command: root as bound by file permissions as anyone."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP: gone after exec
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def test_a_folder_it_may_not_write_in(tmp_path):
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    output = folder / "x.yaml"
    # Root writes in any folder; a process of root's without the capability to override
    # permissions does not, as anyone else.
    options = {"preexec_fn": _without_root_s_override} if os.geteuid() == 0 else {}
    try:
        result = run("import", str(SEED), "-o", str(output), **options)
    except subprocess.SubprocessError as error:
        pytest.skip(f"running as root, and root's permission override cannot be dropped: {error}")
    _refused(result, f"cannot write {output}: Permission denied")
    assert list(folder.iterdir()) == []


def test_an_existing_file_is_replaced_only_with_force(tmp_path):
    output = tmp_path / "x.yaml"
    output.write_text("old")
    _refused(
        run("import", str(SEED), "-o", str(output)), f"{output} exists; give --force to replace it"
    )
    assert output.read_text() == "old"
    assert run("import", str(SEED), "-o", str(output), "--force").returncode == 0
    assert output.read_text().startswith("# ")


def test_a_document_just_over_the_size_limit_is_refused(tmp_path):
    document = tmp_path / "huge.txt"
    with open(document, "wb") as stream:
        stream.truncate(MAX_BYTES + 1)  # sparse: no disk, and nothing to read but zeros
    output = tmp_path / "x.yaml"
    result = run("import", str(document), "-o", str(output))
    _refused(
        result,
        f"{document}: {MAX_BYTES + 1:,} bytes is too large for a programme of work's text "
        "(at most 4 MiB)",
    )
    assert not output.exists()


def _at_most_a_gibibyte() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))


def test_a_huge_document_or_an_endless_stream_is_refused_before_it_is_read(tmp_path):
    document = tmp_path / "huge.txt"
    with open(document, "wb") as stream:
        stream.truncate(64 * 2**30)  # sparse; reading it whole would take 64 GiB
    output = tmp_path / "x.yaml"
    # With memory bounded, a command that read either whole would fail on running out of it.
    result = run("import", str(document), "-o", str(output), preexec_fn=_at_most_a_gibibyte)
    _refused(
        result,
        f"{document}: {64 * 2**30:,} bytes is too large for a programme of work's text "
        "(at most 4 MiB)",
    )
    result = run("import", "/dev/zero", "-o", str(output), preexec_fn=_at_most_a_gibibyte)
    _refused(result, "/dev/zero: too large for a programme of work's text (at most 4 MiB)")
    assert not output.exists()
