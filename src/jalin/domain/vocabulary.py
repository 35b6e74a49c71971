"""The closed vocabularies of the domain: channels, kinds, initiators, circles, link kinds.

Each vocabulary is a tuple of codes stored in the database and accepted on the command line;
the labels people read are given by the interfaces (translated), never stored.
"""

from __future__ import annotations

CHANNELS = ("message", "call", "video", "meeting", "email", "event", "letter")
"""How an interaction happened. ``meeting`` is in person; ``event`` is a gathering."""

INTERACTION_KINDS = ("touch", "ask", "give", "thanks", "intro")
"""What an interaction was for: keeping in touch, asking, giving, thanking, introducing."""

INITIATORS = ("me", "them", "mutual")
"""Who started an interaction: the owner, the other side, or both at once (a planned meeting)."""

SEEDED_CIRCLES = ("family", "friends", "work", "community")
"""The circles every owner starts with; owners may add their own."""

CIRCLE_ALIASES = {
    "family": "family",
    "keluarga": "family",
    "famili": "family",
    "saudara": "family",
    "friends": "friends",
    "friend": "friends",
    "teman": "friends",
    "sahabat": "friends",
    "kawan": "friends",
    "work": "work",
    "kerja": "work",
    "kantor": "work",
    "coworkers": "work",
    "colleagues": "work",
    "business": "work",
    "bisnis": "work",
    "rekan kerja": "work",
    "community": "community",
    "komunitas": "community",
    "gereja": "community",
    "masjid": "community",
    "church": "community",
    "alumni": "community",
}
"""Address-book groups and labels that mean one of the seeded circles (English, Indonesian)."""

CONTACT_KINDS = ("phone", "email", "whatsapp", "telegram", "linkedin", "web", "address")
"""Kinds of contact point. The first five identify a person and are unique per owner."""

IDENTIFYING_CONTACT_KINDS = ("phone", "email", "whatsapp", "telegram", "linkedin")

LINK_INVERSES = {
    "parent": "child",
    "child": "parent",
    "sibling": "sibling",
    "spouse": "spouse",
    "relative": "relative",
    "colleague": "colleague",
    "friend": "friend",
    "knows": "knows",
    "introduced_by": "introduced",
    "introduced": "introduced_by",
}
"""Link kinds and how the same link reads from the other person's side."""

FAMILY_LINK_KINDS = ("parent", "child", "sibling", "spouse", "relative")

FAVOUR_DIRECTIONS = ("given", "received")
FAVOUR_STATUSES = ("asked", "promised", "done", "declined")
NEED_KINDS = ("job", "internship", "school", "service", "advice", "funding", "other")
NEED_OPEN_STATUSES = ("open", "asked", "introduced")
NEED_OUTCOMES = ("success", "no", "withdrawn")
NEED_STATUSES = (*NEED_OPEN_STATUSES, *NEED_OUTCOMES)
REMINDER_KINDS = ("keep_in_touch", "birthday", "follow_up", "thank_you", "give_back", "custom")
DIGEST_FREQUENCIES = ("off", "daily", "weekly")


def link_inverse(kind: str) -> str:
    """Return how a link of ``kind`` from A to B reads from B to A (``parent`` → ``child``)."""
    return LINK_INVERSES[kind]
