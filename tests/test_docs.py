"""The README and the format documentation say what the code does."""

from __future__ import annotations

import re

from conftest import ROOT
from feeds.load import load_file


def _commands() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    head = readme.split("## Usage")[0]
    return re.findall(r"```sh\n(.*?)\n```", head, re.S)


def test_the_readme_gives_exactly_two_set_up_commands():
    install_and_run, install_and_test = _commands()
    assert install_and_run == "python3 -m pip install . && python3 -m feeds build site"
    assert install_and_test == "bash tests/install && python3 -m pytest"


def test_ci_runs_the_readme_s_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    assert _commands()[1] in ci.splitlines()


def test_the_commented_example_of_the_format_is_a_valid_programme(tmp_path):
    text = (ROOT / "docs" / "programme-format.md").read_text()
    (example,) = re.findall(r"```yaml\n(.*?)```", text, re.S)
    path = tmp_path / "example.yaml"
    path.write_text(example)
    meeting = load_file(path)
    assert meeting.id == "cd-2024-p1"
    assert [block.id for block in meeting.blocks] == ["mon-am", "mon-pm", "wed-am"]
    assert meeting.blocks[-1].cancelled


def test_every_command_the_readme_documents_exists():
    from feeds.cli import cli

    readme = (ROOT / "README.md").read_text()
    documented = set(re.findall(r"^feeds (\w+)", readme, re.M))
    assert documented == set(cli.commands)
