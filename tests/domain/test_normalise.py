import pytest
from hypothesis import given
from hypothesis import strategies as st

from jalin.domain.errors import InvalidInput
from jalin.domain.normalise import (
    birthday,
    clean_name,
    email_address,
    fold_name,
    phone_e164,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0812-3456-7890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("(021) 5790 1234", "+622157901234"),
        ("tel:+44-20-7946-0958", "+442079460958"),
    ],
)
def test_it_stores_phones_as_e164_reading_local_numbers_as_indonesian(raw, expected):
    assert phone_e164(raw) == expected


def test_it_reads_local_numbers_in_another_region_when_asked():
    assert phone_e164("020 7946 0958", "GB") == "+442079460958"


@pytest.mark.parametrize("raw", ["12", "not a phone", "0812"])
def test_it_rejects_text_that_is_no_phone_number(raw):
    with pytest.raises(InvalidInput, match="phone") as caught:
        phone_e164(raw)
    assert caught.value.field == "phone"


def test_it_lower_cases_emails_and_drops_mailto():
    assert email_address("  mailto:Budi.Santoso@Example.COM ") == "budi.santoso@example.com"


@pytest.mark.parametrize("raw", ["budi", "budi@", "@example.com", "a b@example.com"])
def test_it_rejects_what_is_no_email(raw):
    with pytest.raises(InvalidInput, match="not an email"):
        email_address(raw)


def test_folding_removes_accents_case_and_extra_spaces():
    assert fold_name("  José   ÁLVAREZ ") == "jose alvarez"
    assert fold_name("Zoë Müller") == fold_name("zoe muller")


@given(st.text())
def test_folding_is_idempotent(text):
    assert fold_name(fold_name(text)) == fold_name(text)


def test_it_refuses_an_empty_name():
    with pytest.raises(InvalidInput, match="empty"):
        clean_name("   ")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1980-03-22", (1980, 3, 22)),
        ("19800322", (1980, 3, 22)),
        ("--02-29", (None, 2, 29)),
        ("--0203", (None, 2, 3)),
    ],
)
def test_it_reads_birthdays_with_and_without_year(raw, expected):
    assert birthday(raw) == expected


@pytest.mark.parametrize("raw", ["1980-02-30", "22/03/1980", "--13-01", "1700-01-01"])
def test_it_rejects_impossible_birthdays(raw):
    with pytest.raises(InvalidInput):
        birthday(raw)
