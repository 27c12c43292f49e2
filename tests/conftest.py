from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from feeds import catalog

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The languages of the bundled programme: the source, then its translations.
LANGUAGES = ("zh", "en", "fr", "es", "ru", "ar")

# The benchmarks' programme generator serves the tests too.
sys.path.insert(0, str(ROOT / "bench"))


@pytest.fixture(scope="session")
def bundled() -> catalog.Catalog:
    """The catalog of the bundled data, as published."""
    return catalog.load([DATA])


@pytest.fixture
def geneva(tmp_path: Path) -> Path:
    """A writable copy of the Geneva programme (it crosses a change to summer time)."""
    target = tmp_path / "data" / "geneva.yaml"
    target.parent.mkdir()
    shutil.copy(FIXTURES / "geneva.yaml", target)
    return target


@pytest.fixture
def bundled_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled data folder."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture(scope="module")
def base():
    """The app as the Procfile starts it on the bundled data, for a module's browser tests."""
    from server import procfile_server

    with procfile_server(DATA, FEEDS_HOSTS="127.0.0.1:{port}") as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, for a module's tests."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=shutil.which("chromium") or "/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu"],
        )
        yield launched
        launched.close()
