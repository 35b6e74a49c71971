"""The pre-ask check: ask now, or reconnect first — and a reason to reconnect.

Asking after a long silence is what *ada maunya* means. Before the owner asks someone for
something, the check reads the tie's stored figures and says ``reconnect-first`` when any of
these holds [our defaults, research/tie-strength.md §2.6–2.7]:

* the tie is drifting or dormant, or a cadence has passed since the last two-way contact;
* the strength is under ``WEAK_STRENGTH``;
* the owner mostly gets in touch to ask (the asks-only flag);
* the owner already asked ``RECENT_ASKS`` times in the last ``RECENT_DAYS`` days;
* the balance of favours leans to the other side by ``TAKEN_BALANCE`` or more.

Otherwise ``ask``. Either way it suggests an opener, the first that applies: a birthday within
``BIRTHDAY_DAYS`` days, a new job, a thank-you still owed, the last conversation's summary, else
a plain catch-up with no request attached.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

WEAK_STRENGTH = 30
RECENT_ASKS = 2
RECENT_DAYS = 90
TAKEN_BALANCE = -0.34
BIRTHDAY_DAYS = 14


@dataclass(frozen=True)
class AskContext:
    """What the check reads: the stored figures and a few facts about the person."""

    name: str
    figures: dict
    today: date
    birthday: tuple[int, int] | None = None  # (month, day)
    new_role: str = ""  # "Analyst at Bank Mandiri", when it started recently
    owed_thanks: tuple[str, ...] = ()  # favours received with no thank-you since
    last_summary: str = ""
    recent_asks: int = 0


@dataclass(frozen=True)
class AskCheck:
    """The verdict, the reasons behind it, an opener, and the figures it read."""

    verdict: str  # "ask" or "reconnect-first"
    reasons: tuple[str, ...]
    opener: str
    facts: dict = field(default_factory=dict)

    def as_json(self, need: str = "") -> dict:
        """Return the check as ``jalin ask-check --json`` prints it."""
        return {
            "verdict": self.verdict,
            "reasons": list(self.reasons),
            "opener": self.opener,
            "need": need,
            **self.facts,
        }


def next_birthday(birthday: tuple[int, int] | None, today: date) -> date | None:
    """Return the next (or today's) date of a ``(month, day)`` birthday; 29 Feb → 28 Feb."""
    if birthday is None:
        return None
    month, day = birthday
    for year in (today.year, today.year + 1):
        try:
            moment = date(year, month, day)
        except ValueError:
            moment = date(year, month, day - 1)
        if moment >= today:
            return moment
    return None


def ask_check(context: AskContext) -> AskCheck:
    """Return the verdict, its reasons and an opener (rules in the module docstring)."""
    f = context.figures
    strength, status = f.get("strength", 0), f.get("status", "ok")
    days, cadence = f.get("days_since_contact"), f.get("cadence_days")
    against: list[str] = []
    for_asking: list[str] = []
    if status in ("drifting", "dormant"):
        against.append(f"the tie is {status}: last two-way contact {_days(days)}")
    elif cadence and days is not None and days >= cadence:
        against.append(f"last contact {days} days ago, past your cadence of {cadence} days")
    elif days is not None:
        for_asking.append(f"in touch {days} days ago, within your cadence")
    if strength < WEAK_STRENGTH:
        against.append(f"a weak tie (strength {strength})")
    else:
        for_asking.append(f"strength {strength}")
    if f.get("asks_only"):
        against.append("you mostly get in touch to ask for something")
    if context.recent_asks >= RECENT_ASKS:
        against.append(f"you asked {context.recent_asks} times in the last {RECENT_DAYS} days")
    balance = f.get("balance", 0.0)
    if balance <= TAKEN_BALANCE:
        against.append("they have done more for you than you for them")
    elif balance > 0:
        for_asking.append("you have done more for them than they for you")
    for owed in context.owed_thanks:
        against.append(f"you still owe a thank-you for: {owed}")
    verdict = "reconnect-first" if against else "ask"
    return AskCheck(
        verdict=verdict,
        reasons=tuple(against or for_asking),
        opener=_opener(context),
        facts={
            "strength": strength,
            "days_since_contact": days,
            "cadence_days": cadence,
            "status": status,
        },
    )


def _days(days: int | None) -> str:
    return "never" if days is None else f"{days} days ago"


def _opener(context: AskContext) -> str:
    birthday = next_birthday(context.birthday, context.today)
    if birthday is not None and (birthday - context.today).days <= BIRTHDAY_DAYS:
        when = "today" if birthday == context.today else f"on {birthday.isoformat()}"
        return f"Wish {context.name} a happy birthday ({when}), with no request attached."
    if context.new_role:
        return f"Congratulate {context.name} on the new role: {context.new_role}."
    if context.owed_thanks:
        return f"Thank {context.name} again for: {context.owed_thanks[0]}."
    if context.last_summary:
        return f"Pick up from your last conversation: {context.last_summary}"
    return f"Ask {context.name} how things are going, and listen before you ask anything."
