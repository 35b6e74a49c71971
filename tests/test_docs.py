"""The README documents every command and every setting (datasette's habit)."""

from pathlib import Path

import pytest

from jalin.cli import app
from jalin.settings import SETTINGS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


COMMANDS = [c.name or c.callback.__name__ for c in app.registered_commands]
COMMANDS += [g.name for g in app.registered_groups]
COMMANDS += [
    f"{g.name} {c.name or c.callback.__name__}"
    for g in app.registered_groups
    for c in g.typer_instance.registered_commands
]


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_is_documented(command):
    assert f"`jalin {command}" in README


@pytest.mark.parametrize("setting", [s.name for s in SETTINGS])
def test_every_setting_is_documented(setting):
    assert f"`{setting}`" in README


def test_the_readme_has_exactly_two_setup_commands():
    block = README.split("## Set up", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    assert [line.split("#")[0].strip() for line in block.strip().splitlines()] == [
        "make run",
        "make test",
    ]
