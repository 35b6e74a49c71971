"""Telegram Desktop's JSON export (``result.json``): one chat, or the whole account.

Two shapes (research/formats.md §7): a single chat is the root object (``name``, ``type``,
``id``, ``messages``); a full export has ``chats.list`` (and ``left_chats.list``) beside
``personal_information``. Quirks handled:

* ``text`` is a plain string or an array mixing strings and entity objects
  (``{"type": "link", "text": …}``); ``text_entities``, when present, is used instead.
* Chats with no people to keep in touch with (saved messages, bots, channels) are passed over.
* Service messages (``type: service``: joined Telegram, pinned, group created …) are not
  messages. A ``phone_call`` service entry with a duration is a call, kept as an interaction.
* ``date_unixtime`` (epoch seconds) is preferred; older exports have only ``date``, written
  in the exporting computer's local time without an offset, read in ``options.zone``.
* ``from`` is ``null`` for deleted accounts; ``from_id`` (``user123``) identifies the author.
* The owner: a name in ``options.me_names``; else, for a full export, ``personal_information``;
  else the author present in every personal chat. In a personal chat the other person is
  known anyway (the chat's ``id`` and ``name`` are theirs), so its owner is whoever is not
  them. When the owner of a group chat cannot be told, the chat yields its summary with
  ``me=None`` and no interactions, so the storing side can ask for ``--me``.
* Records carry the line where their JSON object starts; JSON has no line numbers, so the
  object starts are found by a string-aware scan of the text.

The stdlib ``json`` reads the whole file: one export is held in memory at a time, never more.
Exports hundreds of megabytes large would want a streaming parser (ijson), not installed.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime

from jalin.importers.base import (
    ChatSummary,
    FormatError,
    ImportOptions,
    ImportSource,
    InteractionRecord,
    PersonRef,
    Record,
    Skipped,
)
from jalin.importers.conversations import Message, conversation_record, split_conversations

NAME = "telegram"
DESCRIPTION = "Telegram Desktop export (result.json), one chat or the whole account"

PERSONAL = "personal_chat"
NOT_CONVERSATIONS = ("saved_messages", "replies", "bot_chat", "private_channel", "public_channel")
"""Chat types that hold no conversation with people: notes to self, bots, broadcasts."""
GROUPS = ("private_group", "private_supergroup", "public_supergroup")
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[{\n]')
_MESSAGE_KEYS = re.compile(rb'"(date_unixtime|from_id|text_entities|personal_information)"')
_CHATS = re.compile(rb'"chats"\s*:\s*\{')
_MESSAGES = re.compile(rb'"messages"\s*:\s*\[')


def sniff(head: bytes, filename: str) -> float:
    """Return how sure it is that ``head`` starts a Telegram export.

    0.9 for a JSON object with a ``messages`` array or a ``chats`` section together with a
    Telegram-only key (``date_unixtime``, ``from_id``, ``text_entities``,
    ``personal_information``); 0.6 for a ``messages`` array in a file named ``result.json``.
    """
    if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return 0.0
    shaped = bool(_MESSAGES.search(head) or _CHATS.search(head))
    if _MESSAGE_KEYS.search(head) and (shaped or b'"personal_information"' in head):
        return 0.9
    if shaped and filename.lower().endswith("result.json"):
        return 0.6
    return 0.3 if _MESSAGES.search(head) else 0.0


def parse(source: ImportSource, options: ImportOptions) -> Iterator[Record]:
    """Yield each chat's conversations (and calls), then its :class:`ChatSummary`.

    Raises :class:`FormatError` when the file is not JSON (a truncated export names its line)
    or has neither ``messages`` nor ``chats``.
    """
    root, lines = _load(source)
    chats = _chats(root)
    owner, label = _owner(root, chats, options)
    for chat in chats:
        if chat.get("type") not in NOT_CONVERSATIONS:
            yield from _chat(chat, owner, label, lines, options)


def _load(source: ImportSource) -> tuple[dict, dict[int, int]]:
    with source.open() as stream:
        raw = stream.read()
    try:
        text = raw.decode(json.detect_encoding(raw))
        root = json.loads(text)
    except UnicodeDecodeError as error:
        raise FormatError(f"not UTF-8 JSON ({error.reason})") from None
    except json.JSONDecodeError as error:
        raise FormatError(f"not valid JSON: {error.msg}", line=error.lineno) from None
    except RecursionError:
        raise FormatError("JSON nested too deeply") from None
    if not isinstance(root, dict):
        raise FormatError("not a Telegram export: the JSON is not an object")
    return root, _object_lines(text, root)


def _object_lines(text: str, root: dict) -> dict[int, int]:
    """Map ``id()`` of every JSON object in ``root`` to the line where its ``{`` stands.

    Objects are parsed in document order, and each one starts at the next ``{`` outside a
    string, so pairing the two sequences gives every object its line.
    """
    starts, line = [], 1
    for token in _TOKENS.finditer(text):
        if token.group() == "\n":
            line += 1
        elif token.group() == "{":
            starts.append(line)
    found: dict[int, int] = {}
    stack: list = [root]
    index = 0
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            found[id(value)] = starts[index] if index < len(starts) else 1
            index += 1
            stack.extend(reversed(list(value.values())))
        elif isinstance(value, list):
            stack.extend(reversed(value))
    return found


def _chats(root: dict) -> list[dict]:
    if isinstance(root.get("messages"), list):
        return [root]
    chats = []
    for section in ("chats", "left_chats"):
        listed = root.get(section)
        if isinstance(listed, dict) and isinstance(listed.get("list"), list):
            chats.extend(c for c in listed["list"] if isinstance(c, dict))
    if not chats and not isinstance(root.get("chats"), dict):
        raise FormatError("not a Telegram export: no messages and no chats")
    return [c for c in chats if isinstance(c.get("messages"), list)]


def _owner(root: dict, chats: list[dict], options: ImportOptions) -> tuple[set[str], str | None]:
    """The owner's author keys (``from_id`` and folded names) and a name to show for them.

    The keys are empty when nothing tells who the owner is (see the module doc).
    """
    if options.me_names:
        return {_fold(name) for name in options.me_names}, options.me_names[0]
    info = root.get("personal_information")
    if isinstance(info, dict):
        name = " ".join(str(info.get(k) or "") for k in ("first_name", "last_name")).strip()
        keys = {f"user{info['user_id']}"} if info.get("user_id") else set()
        return keys | ({_fold(name)} if name else set()), name or None
    common: set[str] | None = None
    for chat in chats:
        if chat.get("type") == PERSONAL:
            authors = {_author_key(m) for m in _messages(chat)} - _peer_keys(chat) - {""}
            if authors:
                common = authors if common is None else common & authors
    if common is None or len(common) != 1:
        return set(), None
    names = (str(m.get("from") or "") for c in chats for m in _messages(c) if _is_author(m, common))
    return common, next((name for name in names if name), None)


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()


def _author_key(message: dict) -> str:
    return str(message.get("from_id") or "") or _fold(str(message.get("from") or ""))


def _is_author(message: dict, keys: set[str]) -> bool:
    return (
        str(message.get("from_id") or "") in keys or _fold(str(message.get("from") or "")) in keys
    )


def _peer_keys(chat: dict) -> set[str]:
    keys = {f"user{chat['id']}"} if isinstance(chat.get("id"), int) else set()
    return keys | ({_fold(chat["name"])} if isinstance(chat.get("name"), str) else set())


def _messages(chat: dict) -> Iterator[dict]:
    for message in chat.get("messages", []):
        if isinstance(message, dict) and message.get("type", "message") == "message":
            yield message


def _chat(
    chat: dict, owner: set[str], label: str | None, lines: dict[int, int], options: ImportOptions
) -> Iterator[Record]:
    """Yield one chat's conversations and calls, then its summary."""
    personal = chat.get("type") == PERSONAL
    name = chat.get("name") if isinstance(chat.get("name"), str) else ""
    key = f"telegram:{chat.get('id', name or options.filename)}"
    peer = _peer_keys(chat) if personal else set()
    messages, authors, written, me_name = [], Counter(), [], None
    for raw in _messages(chat):
        line = lines.get(id(raw), 1)
        at = _moment(raw, options)
        if at is None:
            yield Skipped(line, "a message without a readable date")
            continue
        author = str(raw.get("from") or raw.get("from_id") or "deleted account")
        authors[author] += 1
        written.append(_as_written(raw, at))
        mine = not _is_author(raw, peer) if personal else _is_author(raw, owner)
        me_name = me_name or (author if mine else None)
        person = PersonRef(name=str(raw.get("from") or ""), uid=_uid(raw))
        messages.append(Message(line, at, None if mine else person, _text(raw)))
    known = personal or bool(owner)
    members = _members(chat, messages, personal, name)
    is_group = chat.get("type") in GROUPS or ("type" not in chat and len(members) > 1)
    conversations = 0
    if known and members:
        messages.sort(key=lambda m: m.at)
        for run in split_conversations(messages):
            conversations += 1
            yield conversation_record(
                run,
                chat_key=key,
                source="telegram",
                members=members,
                keep_text=options.keep_text,
                group=name if is_group else "",
            )
        yield from _calls(chat, key, owner, peer, members, lines, options)
    yield ChatSummary(
        messages=sum(authors.values()),
        authors=dict(authors),
        conversations=conversations,
        first_at=min(written) if written else None,
        last_at=max(written) if written else None,
        me=me_name or (label if known else None),
        title=name,
        is_group=is_group,
    )


def _members(
    chat: dict, messages: list[Message], personal: bool, name: str
) -> tuple[PersonRef, ...]:
    if personal:
        uid = f"telegram:user{chat['id']}" if isinstance(chat.get("id"), int) else ""
        return (PersonRef(name=name, uid=uid),) if name or uid else ()
    seen: dict[PersonRef, None] = {}
    for message in messages:
        if message.author is not None and message.author:
            seen.setdefault(message.author)
    return tuple(seen)


def _uid(message: dict) -> str:
    return f"telegram:{message['from_id']}" if message.get("from_id") else ""


def _moment(message: dict, options: ImportOptions) -> datetime | None:
    """The message's instant: ``date_unixtime`` when present, else ``date`` in the zone."""
    try:
        if message.get("date_unixtime") is not None:
            epoch = datetime.fromtimestamp(int(message["date_unixtime"]), tz=UTC)
            return epoch.astimezone(options.zone)
        if isinstance(message.get("date"), str):
            local = datetime.fromisoformat(message["date"])
            if local.tzinfo is None:
                return local.replace(tzinfo=options.zone)
            return local.astimezone(options.zone)
    except (ValueError, TypeError, OverflowError, OSError):
        return None
    return None


def _as_written(message: dict, at: datetime) -> str:
    written = message.get("date")
    if isinstance(written, str) and written:
        return written
    return at.replace(tzinfo=None).isoformat(timespec="seconds")


def _text(message: dict) -> str:
    """Return the message's text, joining the ``text`` of every entity of a mixed array."""
    parts = message.get("text_entities")
    if not isinstance(parts, list):
        parts = message.get("text", "")
    if isinstance(parts, str):
        return parts
    if not isinstance(parts, list):
        return ""
    return "".join(
        part if isinstance(part, str) else str(part.get("text", ""))
        for part in parts
        if isinstance(part, str | dict)
    )


def _calls(
    chat: dict,
    key: str,
    owner: set[str],
    peer: set[str],
    members: tuple[PersonRef, ...],
    lines: dict[int, int],
    options: ImportOptions,
) -> Iterator[InteractionRecord]:
    """Phone calls that connected (a duration, not missed or busy) become ``call`` interactions."""
    personal = chat.get("type") == PERSONAL
    for raw in chat.get("messages", []):
        if not isinstance(raw, dict) or raw.get("action") != "phone_call":
            continue
        seconds = raw.get("duration_seconds")
        if not isinstance(seconds, int) or raw.get("discard_reason") in ("missed", "busy"):
            continue
        at = _moment(raw, options)
        if at is None:
            continue
        actor = {"from_id": raw.get("actor_id"), "from": raw.get("actor")}
        mine = not _is_author(actor, peer) if personal else _is_author(actor, owner)
        digest = hashlib.sha1(f"{key}|call|{at.isoformat()}".encode()).hexdigest()[:20]
        yield InteractionRecord(
            line=lines.get(id(raw), 1),
            external_key=f"telegram:{digest}",
            occurred_at=at,
            channel="call",
            initiator="me" if mine else "them",
            participants=members,
            minutes=round(seconds / 60),
        )
