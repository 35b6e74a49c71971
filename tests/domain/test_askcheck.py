"""The pre-ask check: reconnect first when the tie is cold, one-sided or owed; else ask."""

from __future__ import annotations

from datetime import date

import pytest

from jalin.domain.askcheck import AskContext, ask_check, next_birthday

TODAY = date(2026, 11, 28)
WARM = {"strength": 70, "status": "ok", "days_since_contact": 5, "cadence_days": 30,
        "balance": 0.0, "asks_only": False}  # fmt: skip


def check(figures=None, **facts):
    return ask_check(AskContext(name="Budi", figures=WARM | (figures or {}), today=TODAY, **facts))


def test_a_warm_mutual_tie_can_be_asked():
    result = check()
    assert result.verdict == "ask"
    assert "in touch 5 days ago, within your cadence" in result.reasons
    assert result.as_json("info lowongan")["need"] == "info lowongan"


@pytest.mark.parametrize(
    ("figures", "facts", "reason"),
    [
        ({"status": "drifting", "days_since_contact": 120}, {}, "the tie is drifting"),
        ({"days_since_contact": 45}, {}, "past your cadence of 30 days"),
        ({"strength": 12}, {}, "a weak tie (strength 12)"),
        ({"asks_only": True}, {}, "you mostly get in touch to ask"),
        ({"balance": -0.5}, {}, "they have done more for you"),
        ({}, {"recent_asks": 2}, "you asked 2 times in the last 90 days"),
        ({}, {"owed_thanks": ("referral ke Bank Mandiri",)}, "you still owe a thank-you"),
    ],
)
def test_each_sign_of_a_cold_or_lopsided_tie_says_reconnect_first(figures, facts, reason):
    result = check(figures, **facts)
    assert result.verdict == "reconnect-first"
    assert any(reason in text for text in result.reasons)


def test_the_opener_prefers_a_birthday_then_a_new_role_then_thanks_then_the_last_talk():
    assert "happy birthday (on 2026-12-03)" in check(birthday=(12, 3), new_role="CFO at X").opener
    assert "new role: CFO at X" in check(birthday=(6, 1), new_role="CFO at X").opener
    assert "Thank Budi again for: a ride" in check(owed_thanks=("a ride",)).opener
    assert "Pick up from your last conversation: golf" in check(last_summary="golf").opener
    assert "how things are going" in check().opener


def test_a_birthday_on_29_february_is_kept_on_28_february_in_other_years():
    assert next_birthday((2, 29), date(2027, 2, 1)) == date(2027, 2, 28)
    assert next_birthday((2, 29), date(2028, 2, 1)) == date(2028, 2, 29)
    assert next_birthday((1, 5), TODAY) == date(2027, 1, 5)
