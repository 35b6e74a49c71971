"""The words people read for the domain's codes, translated. Codes stay in the data."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

CHANNEL_LABELS = {
    "message": _("message"),
    "call": _("call"),
    "video": _("video call"),
    "meeting": _("meeting in person"),
    "email": _("email"),
    "event": _("event"),
    "letter": _("letter or card"),
}
KIND_LABELS = {
    "touch": _("keeping in touch"),
    "ask": _("asking for help"),
    "give": _("giving help"),
    "thanks": _("thanking"),
    "intro": _("introduction"),
}
INITIATOR_LABELS = {
    "me": pgettext_lazy("initiator", "me"),
    "them": pgettext_lazy("initiator", "them"),
    "mutual": pgettext_lazy("initiator", "both"),
}
CIRCLE_LABELS = {
    "family": _("Family"),
    "friends": _("Friends"),
    "work": _("Work"),
    "community": _("Community"),
}
CONTACT_LABELS = {
    "phone": _("phone"),
    "email": _("email"),
    "whatsapp": "WhatsApp",
    "telegram": "Telegram",
    "linkedin": "LinkedIn",
    "web": _("web"),
    "address": _("address"),
}
STATUS_LABELS = {
    "ok": _("in touch"),
    "due": _("time to get in touch"),
    "drifting": _("drifting apart"),
    "dormant": _("dormant: reconnect with a reason"),
}

STATUS_REASON_LABELS = {
    "no-contact": _("no contact yet"),
    "in-touch": _("in touch"),
    "no-cadence": _("no cadence: kept without reminders"),
    "cadence-passed": _("a cadence has passed"),
    "silent-unusual": _("silent longer than usual for this tie"),
    "stopped": _("they have stopped getting in touch"),
    "unanswered": _("your last message went unanswered"),
    "fewer-contacts": _("far fewer contacts than the months before"),
    "silent-cadences": _("silent four cadences or more"),
    "silent-two-years": _("silent for over two years"),
}
"""The domain's status reasons (``jalin.domain.ties.rhythm.REASONS``) in the reader's language."""

COMPONENT_LABELS = {
    "closeness": (
        _("closeness"), _("how close you said you are; it counts less as the rating ages")
    ),
    "closeness_implied": (
        _("closeness, from your rhythm"),
        _("how close your rhythm of contact suggests, until you rate it"),
    ),
    "intensity": (
        _("intensity"),
        _("how much contact, the recent weighing most; in person counts more than a message"),
    ),
    "recency": (
        _("recency"), _("how lately you were in touch, against the cadence; it fades with silence")
    ),
    "duration": (_("duration"), _("how many years you have known each other")),
    "services": (_("favours"), _("favours and asks either way in the last two years")),
    "overlap": (_("shared friends"), _("how many of your people they also know")),
}  # fmt: skip
"""Each component of a tie's strength: its name and what it measures."""

CADENCE_SOURCE_LABELS = {
    "own": _("your own choice"),
    "learned": _("the rhythm of your contacts"),
    "layer": _("their closeness layer"),
    "closeness": _("how close you feel"),
    "circle": _("their circle"),
    "none": _("none"),
}


def circle_label(circle) -> str:
    """Return a circle's name in the reader's language (seeded circles are translated)."""
    return CIRCLE_LABELS.get(circle.slug, circle.name) if circle.seeded else circle.name


NEED_KIND_LABELS = {
    "job": _("a job"),
    "internship": _("an internship"),
    "school": _("a school or university place"),
    "service": _("a service or an expert"),
    "advice": _("advice"),
    "funding": _("funding"),
    "other": _("something else"),
}
NEED_STATUS_LABELS = {
    "open": _("open"),
    "asked": _("asked"),
    "introduced": _("introduced"),
    "success": _("it worked out"),
    "no": _("it did not work out"),
    "withdrawn": _("withdrawn"),
}
VERDICT_LABELS = {"ask": _("ask"), "reconnect-first": _("reconnect first")}
FAVOUR_DIRECTION_LABELS = {"given": _("you did"), "received": _("they did")}
FAVOUR_STATUS_LABELS = {
    "asked": _("asked"),
    "promised": _("promised"),
    "done": _("done"),
    "declined": _("declined"),
}
MATCH_LABELS = {
    "works_at": _("works at %(what)s"),
    "worked_at": _("worked at %(what)s"),
    "is": _("is %(what)s"),
    "lives_in": _("lives in %(what)s"),
    "tagged": _("tagged %(what)s"),
    "notes_about": _("has notes about %(what)s"),
}
LINK_LABELS = {
    "parent": _("parent"),
    "child": _("child"),
    "sibling": _("sibling"),
    "spouse": _("spouse"),
    "relative": _("relative"),
    "colleague": _("colleague"),
    "friend": _("friend"),
    "knows": _("knows"),
    "introduced_by": _("introduced by"),
    "introduced": _("introduced"),
}

REMINDER_TEXTS = {
    "keep_in_touch": _("Get in touch with %(name)s"),
    "birthday": _("%(name)s's birthday"),
    "follow_up": _("Follow up with %(name)s about: %(need)s"),
    "thank_you": _("Thank %(name)s for: %(need)s"),
    "give_back": _("Give back to %(name)s for: %(need)s"),
}


def reminder_text(reminder) -> str:
    """Return what a reminder asks, in the reader's language (the owner's own: as typed)."""
    wording = REMINDER_TEXTS.get(reminder.kind)
    if wording is None or reminder.person_id is None:
        return reminder.title
    need = reminder.need.title if reminder.need_id else ""
    return str(wording) % {"name": reminder.person.name, "need": need}


def link_phrase(kind: str) -> str:
    """Return how a link reads before the other person's name ("sibling of"), in the
    reader's language."""
    from django.utils.translation import gettext

    return gettext("%(kind)s of") % {"kind": LINK_LABELS.get(kind, kind)}


def link_removal(name: str) -> str:
    """Return what the button taking away a link with ``name`` says to a screen reader."""
    from django.utils.translation import gettext

    return gettext("Remove the link with %(name)s") % {"name": name}


def messages_sentence(mine: int, theirs: int) -> str:
    """Return how many messages a contact held and how many were the owner's, in the
    reader's language ("12 messages, 5 yours")."""
    from django.utils.translation import ngettext

    counter = mine + theirs
    return ngettext(
        "%(counter)s message, %(mine)s yours", "%(counter)s messages, %(mine)s yours", counter
    ) % {"counter": counter, "mine": mine}


def plan_reason(reason) -> str:
    """Return why a person is in the week's plan (a ``jalin.domain.plan.Reason``), in the
    reader's language."""
    from django.utils.formats import date_format
    from django.utils.translation import gettext, ngettext

    if reason.code in ("due", "drifting"):
        text = ngettext(
            "last contact %(days)d day ago", "last contact %(days)d days ago", reason.days or 0
        ) % {"days": reason.days or 0}
        if reason.every:
            text += ", " + ngettext("every day", "every %(days)s days", reason.every) % {
                "days": reason.every
            }
        return f"{STATUS_LABELS[reason.code]}: {text}"
    if reason.code == "dormant":
        return gettext("reconnect after %(days)d days of silence") % {"days": reason.days or 0}
    if reason.code == "birthday":
        return gettext("birthday on %(day)s") % {"day": date_format(reason.on, "l j F")}
    return gettext("you promised: %(what)s") % {"what": reason.what}


LAYER_LABELS = {
    0: _("L0 · intimates"),
    1: _("L1 · support clique (about 5)"),
    2: _("L2 · sympathy group (about 15)"),
    3: _("L3 · affinity group (about 50)"),
    4: _("L4 · active network (about 150)"),
    5: _("L5 · acquaintances (about 500)"),
    6: _("L6 · known by name"),
}


def asks_only_sentence(index: float | None) -> str:
    """Return the asks-only index of a network as a plain sentence."""
    from django.utils.translation import gettext

    if index is None:
        return gettext("Not enough conversations yet to tell how often you ask after a silence.")
    share = round(index * 100)
    if index < 0.1:
        text = gettext(
            "You rarely get in touch only to ask: %(share)s%% of the conversations you start"
            " are an ask after a long silence."
        )
    elif index < 0.25:
        text = gettext(
            "Sometimes you get in touch only to ask: %(share)s%% of the conversations you"
            " start are an ask after a long silence."
        )
    else:
        text = gettext(
            "Often you appear only when you need something (ada maunya): %(share)s%% of the"
            " conversations you start are an ask after a long silence."
        )
    return text % {"share": share}


WORDS = {
    "people": _("people"),
    "typical": _("typical"),
    "you": _("you"),
    "big_graph": _("A big network: names, and who knows whom, show for the people you find."),
}
