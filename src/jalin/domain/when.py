"""Reading the moment a person says something happened: ``2026-11-20``, ``yesterday`` …"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, tzinfo

from jalin.domain.errors import InvalidInput, _

DATE_ONLY_HOUR = 12
"""A date without a time is taken as midday: it sorts after the morning's calls and the
day is right in every time zone a person is likely to travel to."""

FUTURE_TOLERANCE = timedelta(minutes=5)
_ISO_WEEK = re.compile(r"(\d{4})-?[Ww](\d{1,2})")


def parse_when(text: str | None, *, now: datetime, zone: tzinfo) -> datetime:
    """Return the aware datetime ``text`` means, seen from ``now`` in ``zone``.

    Accepts nothing (now), ``now``, ``today``, ``yesterday``, ``N days ago``, an ISO date
    (``2026-11-20``, taken at midday, or now if midday has not come yet) and an ISO datetime
    (``2026-11-20 19:30``, with or without an offset). A moment in the future is refused: an
    interaction is logged once it happened.
    """
    local_now = now.astimezone(zone)
    raw = (text or "now").strip().lower()
    if raw == "now":
        return local_now
    if raw in {"today", "yesterday"} or raw.endswith(" days ago") or raw.endswith(" day ago"):
        days = 0 if raw == "today" else 1 if raw == "yesterday" else _days_ago(raw)
        return _on_day(local_now.date() - timedelta(days=days), local_now, zone)
    try:
        if len(raw) == 10:
            moment = _on_day(date.fromisoformat(raw), local_now, zone)
        else:
            moment = datetime.fromisoformat(raw)
            moment = moment.replace(tzinfo=zone) if moment.tzinfo is None else moment
    except ValueError:
        raise InvalidInput(
            _(
                "%(text)r is not a date: use YYYY-MM-DD, YYYY-MM-DD HH:MM, today, yesterday"
                " or 'N days ago'"
            ),
            field="when",
            text=text,
        ) from None
    if moment > local_now + FUTURE_TOLERANCE:
        raise InvalidInput(_("%(text)r is in the future"), field="when", text=text)
    return moment


def _days_ago(raw: str) -> int:
    number = raw.split()[0]
    if not number.isdigit():
        raise InvalidInput(
            _("%(text)r: the number of days must be a whole number"), field="when", text=raw
        )
    return int(number)


def _on_day(day: date, local_now: datetime, zone: tzinfo) -> datetime:
    moment = datetime.combine(day, time(DATE_ONLY_HOUR), tzinfo=zone)
    return min(moment, local_now) if day == local_now.date() else moment


def parse_iso_week(text: str) -> date:
    """Return the Monday of an ISO week written ``2026-W49`` (or ``2026W49``, ``2026-w49``).

    Raises :class:`InvalidInput` for anything else or a week the year does not have.
    """
    match = _ISO_WEEK.fullmatch(text.strip())
    if match is None:
        raise InvalidInput(
            _("%(value)r is not a week: write it like 2026-W49"), field="week", value=text
        )
    year, week = int(match[1]), int(match[2])
    try:
        return date.fromisocalendar(year, week, 1)
    except ValueError:
        raise InvalidInput(
            _("%(value)r is not a week of that year"), field="week", value=text
        ) from None
