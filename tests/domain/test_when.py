from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from jalin.domain.errors import InvalidInput
from jalin.domain.when import parse_iso_week, parse_when

JAKARTA = ZoneInfo("Asia/Jakarta")
NOW = datetime(2026, 11, 28, 9, 30, tzinfo=JAKARTA)


def test_nothing_means_now():
    assert parse_when(None, now=NOW, zone=JAKARTA) == NOW


def test_a_past_date_is_taken_at_midday():
    assert parse_when("2026-11-20", now=NOW, zone=JAKARTA) == datetime(
        2026, 11, 20, 12, tzinfo=JAKARTA
    )


def test_today_before_midday_is_now_not_the_future():
    assert parse_when("today", now=NOW, zone=JAKARTA) == NOW


def test_relative_days():
    assert parse_when("yesterday", now=NOW, zone=JAKARTA).date().isoformat() == "2026-11-27"
    assert parse_when("3 days ago", now=NOW, zone=JAKARTA).date().isoformat() == "2026-11-25"


def test_a_datetime_without_offset_is_local():
    assert parse_when("2026-11-27 19:30", now=NOW, zone=JAKARTA) == datetime(
        2026, 11, 27, 19, 30, tzinfo=JAKARTA
    )


@pytest.mark.parametrize("text", ["2026-12-01", "tomorrow", "32/13/2026", "x days ago"])
def test_it_refuses_the_future_and_nonsense(text):
    with pytest.raises(InvalidInput):
        parse_when(text, now=NOW, zone=JAKARTA)


@pytest.mark.parametrize("text", ["2026-W49", "2026W49", "2026-w49", " 2026-W49 "])
def test_an_iso_week_is_read_as_its_monday(text):
    assert parse_iso_week(text) == date(2026, 11, 30)


@pytest.mark.parametrize("text", ["2026-W54", "2026-49", "next week", ""])
def test_anything_else_is_not_a_week(text):
    with pytest.raises(InvalidInput):
        parse_iso_week(text)
