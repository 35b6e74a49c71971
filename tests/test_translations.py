"""Every string jalin shows has its Bahasa Indonesia translation, and the catalogue is current."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.conftest import IN_CI

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "jalin"
CATALOGUE = PACKAGE / "locale" / "id" / "LC_MESSAGES" / "django.po"


def _messages(path: Path):
    with path.open("rb") as handle:
        return [m for m in read_po(handle) if m.id]


def test_every_message_has_an_indonesian_translation():
    untranslated = [
        m.id
        for m in _messages(CATALOGUE)
        if "fuzzy" in m.flags or not (m.string if isinstance(m.string, str) else all(m.string))
    ]
    assert untranslated == []


def test_the_catalogue_holds_every_string_of_the_source(tmp_path):
    """Extract the strings afresh (GNU gettext) and compare with the committed catalogue."""
    if shutil.which("xgettext") is None:
        if IN_CI:
            pytest.fail("GNU gettext (xgettext) is needed in CI to check the catalogue")
        pytest.skip("GNU gettext is not installed: cannot re-extract the strings")
    copy = tmp_path / "jalin"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    (tmp_path / "extract_settings.py").write_text(
        f"from tests.settings import *\nLOCALE_PATHS = [{str(copy / 'locale')!r}]\n"
    )
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(PACKAGE.parents[1])]),
        "DJANGO_SETTINGS_MODULE": "extract_settings",
    }
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "id", "--no-obsolete"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    fresh = {
        m.id if isinstance(m.id, str) else tuple(m.id)
        for m in _messages(copy / "locale" / "id" / "LC_MESSAGES" / "django.po")
    }
    committed = {m.id if isinstance(m.id, str) else tuple(m.id) for m in _messages(CATALOGUE)}
    assert fresh - committed == set(), "run `make messages` and translate the new strings"
