"""mbox mailboxes and Gmail Takeout: one email interaction per personal message.

Messages are split by this module rather than by :mod:`mailbox`, which needs a seekable file
and keeps a table of every message: here the file is read once, line by line, and a
multi-gigabyte Takeout never sits in memory (research/formats.md §9). Each message's headers
and first text part are read by the stdlib :mod:`email` package (``policy=default``), which
decodes RFC 2047 names (``=?UTF-8?Q?=C5=82_Zieli=C5=84ski?=``), quoted commas and groups.
Quirks handled:

* A message starts at a postmark line ``From <sender> <asctime date>``; a ``From `` line that
  does not look like one stays in the body. Body lines escaped as ``>From`` (mboxrd, also
  ``>>From``) lose one ``>``. LF, CRLF and CR CR LF all end one line (a lone CR does not: an
  empty line in between would end the headers early).
* Raw UTF-8 in headers (RFC 6532, ``From: 罗 <…>``) is decoded, not left as escapes; a
  header the stdlib's structured parser chokes on (it raises IndexError on some malformed
  addresses and ids) is read from its raw text instead.
* Each email is one interaction started by its sender, reply or not: ``In-Reply-To`` and
  ``References`` are not read, since a record has no field for the thread.
* The date is the ``Date`` header; failing that the last ``Received`` date, then the postmark
  (Gmail's ``Tue Aug 05 08:00:23 +0000 2008``; plain asctime is UTC). No date at all: skipped.
* Mailing-list and bulk mail (``List-Id``, ``List-Post``, ``Mailing-List``, ``Precedence:
  bulk|list|junk``) and automated senders (``noreply@``, ``mailer-daemon@`` …) are skipped
  with the reason, as is a message with nobody but the owner in it.
* Gmail Takeout's Hangouts chats (label ``Chat``) are ``message``, not ``email``.
* The key is the ``Message-ID``; a second message reusing one id in the same file (seen in
  real mailboxes) with another sender or date gets the id plus a hash of both, so it is not
  taken for the first. Without a ``Message-ID``: a hash of date, sender and subject.
* The owner: ``options.me_emails``. Without them the headers are read in a first pass, and
  the owner's addresses are the fewest (at most ``MAX_OWN_ADDRESSES``) that together appear,
  as sender or recipient, in every personal message: the address in the most messages, then
  the one in the most of those left, and so on. Each must be in at least
  ``MIN_ADDRESS_SHARE`` of the messages and beat the runner-up outright; when that fails (a
  mailbox of one thread, where both sides are everywhere) :class:`FormatError` asks for
  ``--me-email`` rather than guess, since a wrong owner turns a contact's mail into mine.
"""

from __future__ import annotations

import email.policy
import hashlib
import re
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from email.errors import MessageError
from email.header import decode_header, make_header
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime

from jalin.domain.kind import classify_kind
from jalin.importers.base import (
    FormatError,
    ImportOptions,
    ImportSource,
    InteractionRecord,
    PersonRef,
    Record,
    Skipped,
)

NAME = "mbox"
DESCRIPTION = "mbox mailbox or Gmail Takeout (.mbox): emails with people"

KIND_SAMPLE = 2048
"""How much of the first text part, after the subject, decides an email's kind."""

MAX_OWN_ADDRESSES = 3
MIN_ADDRESS_SHARE = 0.1
"""Telling the owner: at most this many addresses, each in at least this share of mail."""

_POSTMARK = re.compile(rb"^From \S* +[A-Z][a-z]{2},? +[A-Z][a-z]{2} +\d{1,2} +\d{1,2}:\d{2}")
_ESCAPED_FROM = re.compile(rb"^>+From ")
_ASCTIME = re.compile(
    r"(?P<mon>[A-Z][a-z]{2}) +(?P<day>\d{1,2}) +(?P<time>\d{1,2}:\d{2}(?::\d{2})?)"
    r"(?: +(?P<zone>[+-]\d{4}))? +(?P<year>\d{4})"
)
_MONTHS = {m: i for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)}
_AUTOMATED = re.compile(
    r"^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer-daemon|postmaster|bounces?)(?:[+-].*)?@",
    re.IGNORECASE,
)
_LIST_HEADERS = ("List-Id", "List-Post", "Mailing-List")
_BULK = {"bulk", "list", "junk"}
_PARSER = BytesParser(policy=email.policy.default)
_FAILURES = (ValueError, TypeError, LookupError, AttributeError, MessageError)


def sniff(head: bytes, filename: str) -> float:
    """Return 0.95 for a postmark line followed by mail headers, 0.5 for a ``.mbox`` name."""
    start = head.lstrip(b"\r\n")
    if start.startswith(b"From ") and re.search(rb"(?mi)^(from|date|message-id|to):", start):
        return 0.95 if _POSTMARK.match(start) else 0.7
    return 0.5 if filename.lower().endswith(".mbox") else 0.0


def parse(source: ImportSource, options: ImportOptions) -> Iterator[Record]:
    """Yield one :class:`InteractionRecord` per personal email, and a :class:`Skipped` per
    list, automated or unreadable one (see the module doc for the owner's addresses).

    Raises :class:`FormatError` when the file does not start with a postmark line, or when the
    owner's addresses are not given and cannot be told from the mailbox.
    """
    owner = {address.casefold() for address in options.me_emails} or _infer_owner(source)
    seen: dict[int, int] = {}  # hash(Message-ID) → hash(date|sender), for this run only
    for line, postmark, raw in split_mbox(source):
        try:
            yield _record(line, postmark, raw, owner, seen, options)
        except _FAILURES as error:
            yield Skipped(line, f"unreadable message: {error}")


def split_mbox(source: ImportSource) -> Iterator[tuple[int, bytes, bytes]]:
    """Yield ``(line of the postmark, postmark, message bytes)`` for each message.

    Lines end in ``\\n`` in the yielded bytes, and mboxrd's ``>From`` escapes are undone.
    """
    with source.open() as stream:
        start, postmark, lines = 0, b"", []
        for number, raw_line in enumerate(stream, start=1):
            line = raw_line.rstrip(b"\r\n")
            if line.startswith(b"From ") and (_POSTMARK.match(line) or not start):
                if start:
                    yield start, postmark, b"".join(lines)
                start, postmark, lines = number, line, []
            elif not start:
                if line.strip():
                    raise FormatError("not an mbox: it does not start with a 'From ' line", line=1)
            else:
                if _ESCAPED_FROM.match(line):
                    line = line[1:]
                lines.append(line + b"\n")
        if start:
            yield start, postmark, b"".join(lines)
        else:
            raise FormatError("not an mbox: no message found")


def _record(
    line: int,
    postmark: bytes,
    raw: bytes,
    owner: set[str],
    seen: dict[int, int],
    options: ImportOptions,
) -> Record:
    """The interaction one message is, or why it is skipped."""
    message = _PARSER.parsebytes(raw)
    senders = _addresses(message, "From")
    if not senders:
        return Skipped(line, "a message without a From address")
    sender = senders[0]
    if reason := _not_personal(message, sender):
        return Skipped(line, reason)
    at = _date(message, postmark)
    if at is None:
        return Skipped(line, "a message without a date")
    mine = sender.email.casefold() in owner
    if mine:
        others = [*_addresses(message, "To"), *_addresses(message, "Cc")]
        people = {p.email.casefold(): p for p in others if p.email.casefold() not in owner}
        participants = tuple(people.values())
    else:
        participants = (sender,)
    if not participants:
        return Skipped(line, "nobody but me in this message")
    subject = _header(message, "Subject")
    body = _first_text(message)
    labels = _header(message, "X-Gmail-Labels").lower().split(",")
    return InteractionRecord(
        line=line,
        external_key=_key(message, at, sender, subject, seen),
        occurred_at=at.astimezone(options.zone),
        channel="message" if "chat" in {label.strip() for label in labels} else "email",
        initiator="me" if mine else "them",
        participants=participants,
        kind=classify_kind(f"{subject}\n{body[:KIND_SAMPLE]}"),
        summary=subject,
        text=body if options.keep_text else "",
    )


def _header(message: EmailMessage, name: str) -> str:
    """A header's decoded text; its raw text when the stdlib's structured parser fails on it."""
    try:
        value = message.get(name)
    except _FAILURES:  # e.g. IndexError on ``Message-ID: <><id@host>`` (Python 3.11)
        value = next((v for k, v in message.raw_items() if k.lower() == name.lower()), None)
    return _unescape(str(value)).strip() if value is not None else ""


def _unescape(text: str) -> str:
    """Decode raw UTF-8 header bytes that the parser kept as surrogate escapes."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeError:
        return text


def _addresses(message: EmailMessage, name: str) -> list[PersonRef]:
    """The people a header names, with decoded display names (groups are flattened).

    When the stdlib's structured parser fails on a malformed header, the lenient
    :func:`email.utils.getaddresses` reads its raw text instead.
    """
    try:
        pairs = [
            (address.display_name, address.addr_spec)
            for header in message.get_all(name) or []
            for address in getattr(header, "addresses", ())
        ]
    except _FAILURES:
        raw = [v for k, v in message.raw_items() if k.lower() == name.lower()]
        pairs = [(_decode_words(n), a) for n, a in getaddresses([str(v) for v in raw])]
    found = []
    for display, addr in pairs:
        addr = _unescape(addr or "").strip()
        if "@" in addr:
            found.append(PersonRef(name=_unescape(display or "").strip(), email=addr))
    return found


def _decode_words(text: str) -> str:
    try:
        return str(make_header(decode_header(text)))
    except _FAILURES:
        return text


def _not_personal(message: EmailMessage, sender: PersonRef) -> str:
    """Why a message is not person-to-person mail, or "" when it is."""
    for header in _LIST_HEADERS:
        if message.get(header) is not None:
            return f"mailing-list mail ({header}: {_header(message, header)[:60]})"
    precedence = _header(message, "Precedence").lower()
    if precedence in _BULK:
        return f"bulk mail (Precedence: {precedence})"
    if _AUTOMATED.match(sender.email):
        return f"automated sender {sender.email}"
    return ""


def _date(message: EmailMessage, postmark: bytes) -> datetime | None:
    """The message's instant: ``Date``, else the last ``Received`` date, else the postmark."""
    candidates = [_header(message, "Date")]
    received = message.get_all("Received") or []
    candidates += [str(r).rpartition(";")[2] for r in reversed(received) if ";" in str(r)]
    for text in candidates:
        if text:
            try:
                moment = parsedate_to_datetime(text.strip())
            except _FAILURES:
                continue
            return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
    return postmark_date(postmark.decode("ascii", "replace"))


def postmark_date(postmark: str) -> datetime | None:
    """Return the date of a postmark line: asctime (UTC), or Gmail's ``… +0000 2008``."""
    match = _ASCTIME.search(postmark)
    if not match or match.group("mon") not in _MONTHS:
        return None
    clock = [int(part) for part in match.group("time").split(":")] + [0]
    zone = UTC
    if match.group("zone"):
        sign = -1 if match.group("zone")[0] == "-" else 1
        hours, minutes = int(match.group("zone")[1:3]), int(match.group("zone")[3:])
        zone = timezone(sign * timedelta(hours=hours, minutes=minutes))
    try:
        return datetime(
            int(match.group("year")),
            _MONTHS[match.group("mon")],
            int(match.group("day")),
            clock[0],
            clock[1],
            clock[2],
            tzinfo=zone,
        )
    except ValueError:
        return None


def _first_text(message: EmailMessage) -> str:
    """The first text/plain part, decoded, with line ends made plain; "" when there is none."""
    try:
        part = message.get_body(preferencelist=("plain",))
        content = part.get_content() if part is not None else ""
    except _FAILURES:
        return ""
    return content.replace("\r\n", "\n").strip() if isinstance(content, str) else ""


def _key(
    message: EmailMessage, at: datetime, sender: PersonRef, subject: str, seen: dict[int, int]
) -> str:
    """``Message-ID``; a reused one gets a hash of sender and date; none: a hash of all three."""
    message_id = _header(message, "Message-ID").strip("<> \t")
    signature = f"{at.isoformat()}|{sender.email.casefold()}"
    if not message_id:
        digest = hashlib.sha1(f"{signature}|{subject}".encode()).hexdigest()[:24]
        return f"mbox:{digest}"
    key = message_id
    if seen.setdefault(hash(message_id), hash(signature)) != hash(signature):
        key = f"{message_id}#{hashlib.sha1(signature.encode()).hexdigest()[:10]}"
    key = f"mbox:{key}"
    return key if len(key) <= 200 else f"mbox:{hashlib.sha1(key.encode()).hexdigest()}"


def _infer_owner(source: ImportSource) -> set[str]:
    """The owner's addresses, told from the headers of the personal messages (module doc)."""
    ids: dict[str, int] = {}
    messages: list[tuple[int, ...]] = []
    for _, _, raw in split_mbox(source):
        try:
            message = _PARSER.parsebytes(raw, headersonly=True)
            senders = _addresses(message, "From")
            if not senders or _not_personal(message, senders[0]):
                continue
            named = [*senders, *_addresses(message, "To"), *_addresses(message, "Cc")]
        except _FAILURES:
            continue
        messages.append(tuple({ids.setdefault(p.email.casefold(), len(ids)) for p in named}))
    chosen: list[int] = []
    remaining = messages
    while remaining and len(chosen) < MAX_OWN_ADDRESSES:
        ranked = Counter(a for m in remaining for a in m).most_common(2)
        tied = len(ranked) == 2 and ranked[0][1] == ranked[1][1]
        if not ranked or tied or ranked[0][1] < MIN_ADDRESS_SHARE * len(messages):
            break
        chosen.append(ranked[0][0])
        remaining = [m for m in remaining if ranked[0][0] not in m]
    names = {number: address for address, number in ids.items()}
    if messages and not remaining:
        return {names[number] for number in chosen}
    counts = Counter(a for m in messages for a in m).most_common(3)
    common = ", ".join(f"{names[a]} ({n} of {len(messages)})" for a, n in counts)
    raise FormatError(
        "cannot tell which addresses are yours: pass --me-email ADDRESS"
        + (f" (most frequent: {common})" if common else "")
    )
