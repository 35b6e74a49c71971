"""Canonical forms of the values people type: phone numbers, emails, names, dates.

Identity depends on these: two records are the same person when their canonical phone or email
agree, and a typed name finds a person when the folded forms agree. One function per value.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import phonenumbers

from jalin.domain.errors import InvalidInput, _

DEFAULT_PHONE_REGION = "ID"

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_SPACES = re.compile(r"\s+")


def phone_e164(raw: str, region: str = DEFAULT_PHONE_REGION) -> str:
    """Return ``raw`` as an E.164 phone number (``0812-3456-7890`` → ``+6281234567890``).

    Numbers without a country code are read in ``region`` (Indonesia by default). Raises
    :class:`InvalidInput` when the text is not a possible phone number, so that a typo is never
    stored as a number nobody can call.
    """
    text = raw.strip()
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as error:
        raise InvalidInput(
            _("%(value)r is not a phone number"), field="phone", value=raw
        ) from error
    if not phonenumbers.is_possible_number(number):
        raise InvalidInput(
            _("%(value)r is not a possible phone number in region %(region)s"),
            field="phone",
            value=raw,
            region=region,
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def email_address(raw: str) -> str:
    """Return ``raw`` lower-cased and trimmed; raise :class:`InvalidInput` if it is no email."""
    text = raw.strip().lower()
    if text.startswith("mailto:"):
        text = text[len("mailto:") :]
    if not _EMAIL.match(text):
        raise InvalidInput(_("%(value)r is not an email address"), field="email", value=raw)
    return text


def fold_name(name: str) -> str:
    """Return ``name`` folded for comparison: no accents, case-folded, single spaces.

    ``"  José  ÁLVAREZ "`` → ``"jose alvarez"``. Used for accent- and case-insensitive search and
    matching; never shown to people.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def clean_name(name: str) -> str:
    """Return a display name with surrounding and repeated white space removed.

    Raises :class:`InvalidInput` for an empty name: a person must be called something.
    """
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", name)).strip()
    if not text:
        raise InvalidInput(_("a name cannot be empty"), field="name")
    return text


def closeness_rating(value: int) -> int:
    """Return ``value`` when it is a closeness rating from 1 (distant) to 10 (closest)."""
    if not 1 <= value <= 10:
        raise InvalidInput(
            _("closeness must be 1 to 10, not %(value)s"), field="closeness", value=value
        )
    return value


def cadence_days(value: int) -> int:
    """Return ``value`` when it is a usable keep-in-touch cadence in days (1 to 3650)."""
    if not 1 <= value <= 3650:
        raise InvalidInput(
            _("cadence must be 1 to 3650 days, not %(value)s"), field="cadence", value=value
        )
    return value


def birthday(raw: str) -> tuple[int | None, int, int]:
    """Parse a birthday as ``(year or None, month, day)``.

    Accepts ``YYYY-MM-DD``, ``YYYYMMDD`` and the year-less ``--MM-DD`` / ``--MMDD`` of vCard.
    A year-less 29 February is allowed (it is checked against a leap year).
    """
    text = raw.strip()
    match = re.fullmatch(r"--(\d{2})-?(\d{2})", text)
    if match:
        year, month, day = None, int(match[1]), int(match[2])
    else:
        match = re.fullmatch(r"(\d{4})-?(\d{2})-?(\d{2})", text)
        if not match:
            raise InvalidInput(
                _("%(value)r is not a birthday: use YYYY-MM-DD or --MM-DD"),
                field="birthday",
                value=raw,
            )
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    try:
        date(year or 2000, month, day)
    except ValueError as error:
        raise InvalidInput(
            _("%(value)r is not a real date"), field="birthday", value=raw
        ) from error
    if year is not None and not 1900 <= year <= date.today().year:
        raise InvalidInput(_("%(value)r has an unlikely birth year"), field="birthday", value=raw)
    return year, month, day
