"""Turning a chat's messages into conversations: the interactions jalin keeps.

A relationship is kept by exchanges, not by single messages, so a chat becomes a list of
conversations: a new conversation starts after ``SILENCE_GAP`` without a message. Six hours is
long enough that a reply later the same day (after work, after a meeting) continues the same
exchange, and short enough that chatting on two days counts as two touches — the unit cadences
are measured in. A conversation's initiator is the author of its first message; it counts the
messages of each side, and its kind comes from the text (``jalin.domain.kind``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import NamedTuple

from jalin.domain.kind import conversation_kind
from jalin.importers.base import InteractionRecord, PersonRef

SILENCE_GAP = timedelta(hours=6)


class Message(NamedTuple):
    """One chat message: who wrote it (``None`` for the owner), when, what, and where.

    A named tuple rather than a dataclass: a million of them are built per large import.
    """

    line: int
    at: datetime
    author: PersonRef | None
    text: str


@dataclass
class _Conversation:
    messages: list[Message] = field(default_factory=list)


def split_conversations(
    messages: Iterable[Message], gap: timedelta = SILENCE_GAP
) -> Iterator[list[Message]]:
    """Yield runs of messages separated by more than ``gap`` of silence (in file order)."""
    current: list[Message] = []
    for message in messages:
        if current and message.at - current[-1].at > gap:
            yield current
            current = []
        current.append(message)
    if current:
        yield current


def conversation_record(
    messages: list[Message],
    *,
    chat_key: str,
    source: str,
    members: tuple[PersonRef, ...],
    keep_text: bool,
    group: str = "",
) -> InteractionRecord:
    """Return the interaction a conversation becomes.

    ``source`` names the app (``whatsapp``, ``telegram``). ``members`` are the chat's other
    people (for a 1:1 chat, the one other person); in a group
    they are everyone seen writing. The external key is the chat's key plus the time of the
    first message, so a later export of the same chat maps to the same conversations.
    """
    first = messages[0]
    initiator = "me" if first.author is None else "them"
    mine = sum(1 for m in messages if m.author is None)
    kind = conversation_kind(
        [((m.author is None) == (initiator == "me"), m.text) for m in messages]
    )
    # The local time as written, without its offset: importing the same export with another
    # time zone setting must find the same conversations.
    local = first.at.replace(tzinfo=None).isoformat()
    digest = hashlib.sha1(f"{chat_key}|{local}".encode()).hexdigest()[:20]
    return InteractionRecord(
        line=first.line,
        external_key=f"{source}:{digest}",
        occurred_at=first.at,
        ended_at=messages[-1].at,
        channel="message",
        initiator=initiator,
        participants=members,
        kind=kind,
        messages_me=mine,
        messages_them=len(messages) - mine,
        text="\n".join(m.text for m in messages) if keep_text else "",
        group=group,
    )
