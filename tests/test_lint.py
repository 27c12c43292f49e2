"""The code is ruff clean: lint and formatting are part of the one test command."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT


@pytest.mark.parametrize(
    "arguments", [["check", "--no-cache", "."], ["format", "--check", "--no-cache", "."]]
)
def test_ruff(arguments):
    result = subprocess.run(
        [sys.executable, "-m", "ruff", *arguments], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
