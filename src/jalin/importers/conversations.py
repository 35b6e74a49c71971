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
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timedelta
from itertools import compress, repeat
from operator import is_, not_
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
    """Return the interaction a conversation becomes (see :func:`conversation_interaction`)."""
    return conversation_interaction(
        line=messages[0].line,
        started=messages[0].at,
        ended=messages[-1].at,
        authors=[m.author for m in messages],
        texts=[m.text for m in messages],
        chat_key=chat_key,
        source=source,
        members=members,
        keep_text=keep_text,
        group=group,
    )


def conversation_interaction(
    *,
    line: int,
    started: datetime,
    ended: datetime,
    authors: Sequence[PersonRef | None],
    texts: Sequence[str],
    chat_key: str,
    source: str,
    members: tuple[PersonRef, ...],
    keep_text: bool,
    group: str = "",
) -> InteractionRecord:
    """Return the interaction a conversation becomes, from its messages' columns.

    ``authors`` and ``texts`` are the messages' authors (``None`` for the owner) and texts, in
    order; ``line`` is the first message's line. ``source`` names the app (``whatsapp``,
    ``telegram``). ``members`` are the chat's other people (for a 1:1 chat, the one other
    person); in a group they are everyone seen writing. The external key is the chat's key
    plus the time of the first message, so a later export of the same chat maps to the same
    conversations.
    """
    initiator = "me" if authors[0] is None else "them"
    mine = list(map(is_, authors, repeat(None)))
    my_texts = list(compress(texts, mine))
    their_texts = list(compress(texts, map(not_, mine)))
    if initiator == "me":
        kind = conversation_kind(my_texts, their_texts)
    else:
        kind = conversation_kind(their_texts, my_texts)
    # The local time as written, without its offset: importing the same export with another
    # time zone setting must find the same conversations.
    local = started.replace(tzinfo=None).isoformat()
    digest = hashlib.sha1(f"{chat_key}|{local}".encode()).hexdigest()[:20]
    return InteractionRecord(
        line=line,
        external_key=f"{source}:{digest}",
        occurred_at=started,
        ended_at=ended,
        channel="message",
        initiator=initiator,
        participants=members,
        kind=kind,
        messages_me=len(my_texts),
        messages_them=len(their_texts),
        text="\n".join(texts) if keep_text else "",
        group=group,
    )
