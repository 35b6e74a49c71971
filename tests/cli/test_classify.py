"""``jalin classify``: one JSON object per line of text, without touching the database."""

from __future__ import annotations

import json

from tests.cli.conftest import Jalin


def test_each_line_gets_a_kind_and_a_confidence():
    texts = "Pak, mohon bantuannya, ada lowongan?\nmatur nuwun nggih\n\nsee you at lunch\n"
    result = Jalin()("classify", input=texts)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["text"], r["kind"]) for r in rows] == [
        ("Pak, mohon bantuannya, ada lowongan?", "ask"),
        ("matur nuwun nggih", "thanks"),
        ("see you at lunch", "touch"),
    ]
    assert all(0 < r["confidence"] <= 1 for r in rows)
    assert "ada lowongan" in rows[0]["matched"]


def test_a_file_is_read_line_by_line(tmp_path):
    texts = tmp_path / "texts.txt"
    texts.write_text("Let me introduce you to Sari\r\nthanks a lot!\r\n", encoding="utf-8")
    result = Jalin()("classify", str(texts))
    assert [json.loads(line)["kind"] for line in result.stdout.splitlines()] == ["give", "thanks"]


def test_an_unreadable_file_is_named_in_the_error(tmp_path):
    missing = tmp_path / "nope.txt"
    result = Jalin()("classify", str(missing))
    assert result.exit_code == 2
    assert str(missing) in result.output
