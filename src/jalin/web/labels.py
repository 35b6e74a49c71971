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
