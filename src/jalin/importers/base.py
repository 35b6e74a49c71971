"""The importer contract: the options an importer gets and the records it yields.

Records name people the way the source does — a display name, a phone number as written, an
email address, a profile URL, a vCard UID — in a :class:`PersonRef`. Matching those to people
already kept is not the importer's job: identity resolution (``jalin.domain.identity``) does it
the same way for every source.

Every record carries the 1-based ``line`` of the file where it starts, so that a problem can be
reported as ``file:line: reason``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import BinaryIO, Protocol
from zoneinfo import ZoneInfo

DEFAULT_ZONE = ZoneInfo("Asia/Jakarta")


class FormatError(ValueError):
    """The file cannot be imported at all; ``line`` says where, when known."""

    def __init__(self, reason: str, *, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line

    def __reduce__(self):
        # Keep the line when the error crosses from a worker process.
        return (_format_error, (self.reason, self.line))


def _format_error(reason: str, line: int | None) -> FormatError:
    return FormatError(reason, line=line)


@dataclass(frozen=True)
class ImportOptions:
    """What an importer may need to know beyond the file itself.

    ``me_names`` / ``me_emails`` / ``me_phones`` identify the exporting user ("me") in chats,
    mail and calendars. ``date_order`` (``"dmy"`` or ``"mdy"``) overrides the order a chat
    importer would infer. ``zone`` is where times written without an offset happened;
    ``now`` bounds recurring events and future dates. ``keep_text`` keeps message text.
    ``filename`` is the original name of the file (chat titles live there).
    """

    me_names: tuple[str, ...] = ()
    me_emails: tuple[str, ...] = ()
    me_phones: tuple[str, ...] = ()
    date_order: str | None = None
    zone: tzinfo = DEFAULT_ZONE
    now: datetime | None = None
    keep_text: bool = False
    phone_region: str = "ID"
    filename: str = ""


@dataclass(frozen=True)
class PersonRef:
    """How a source names a person. Any field may be empty; at least one is not."""

    name: str = ""
    phone: str = ""
    email: str = ""
    linkedin: str = ""
    uid: str = ""

    def __bool__(self) -> bool:
        return bool(self.name or self.phone or self.email or self.linkedin or self.uid)


@dataclass(frozen=True)
class Affiliation:
    organisation: str
    title: str = ""
    department: str = ""


@dataclass(frozen=True)
class ContactRecord:
    """An address-book entry: a vCard, a row of a contacts CSV, a LinkedIn connection.

    ``phones`` and ``emails`` are ``(value as written, label)`` pairs; normalising them is the
    storing side's job, so that a bad number is reported with its line, not dropped here.
    ``birthday`` is ``(year or None, month, day)``. ``categories`` are the source's groups or
    labels (they become circles when they name one, tags otherwise). ``key`` is a stable id
    within the source (a vCard UID, a profile URL, else the line), used to import idempotently.
    """

    line: int
    key: str
    name: str
    given_name: str = ""
    family_name: str = ""
    nickname: str = ""
    phones: tuple[tuple[str, str], ...] = ()
    emails: tuple[tuple[str, str], ...] = ()
    urls: tuple[str, ...] = ()
    linkedin: str = ""
    uid: str = ""
    affiliations: tuple[Affiliation, ...] = ()
    birthday: tuple[int | None, int, int] | None = None
    addresses: tuple[str, ...] = ()
    city: str = ""
    notes: str = ""
    categories: tuple[str, ...] = ()
    met_on: date | None = None
    initiated_by: str = ""  # "me" or "them": who asked to connect (LinkedIn invitations)


@dataclass(frozen=True)
class InteractionRecord:
    """A contact between the owner and others: a conversation, an email, a meeting.

    ``external_key`` is stable across re-imports of the same source (and of later exports of
    the same chat), so that storing is idempotent. ``initiator`` is ``me``, ``them`` or
    ``mutual``. ``participants`` are the other people (never the owner). ``messages_me`` /
    ``messages_them`` count messages per side for chats. ``text`` is kept only when the
    options ask for it.
    """

    line: int
    external_key: str
    occurred_at: datetime
    channel: str
    initiator: str
    participants: tuple[PersonRef, ...]
    kind: str = "touch"
    ended_at: datetime | None = None
    messages_me: int = 0
    messages_them: int = 0
    minutes: int | None = None
    summary: str = ""
    text: str = ""
    group: str = ""  # the group chat's or the event's title, when there is one


@dataclass(frozen=True)
class BirthdayRecord:
    """A birthday learnt from a calendar (Google's birthday calendar)."""

    line: int
    person: PersonRef
    birthday: tuple[int | None, int, int]


@dataclass(frozen=True)
class Skipped:
    """A record that could not be read; the rest of the file goes on."""

    line: int
    reason: str


@dataclass
class ChatSummary:
    """What a chat file held: yielded once, after its last interaction.

    ``first_at`` / ``last_at`` are the first and last message times as written in the file
    (ISO 8601, local, seconds when the file has them). ``authors`` maps each author as written
    to their message count; system lines are never messages.
    """

    messages: int = 0
    authors: dict[str, int] = field(default_factory=dict)
    conversations: int = 0
    first_at: str | None = None
    last_at: str | None = None
    me: str | None = None
    title: str = ""
    is_group: bool = False


Record = ContactRecord | InteractionRecord | BirthdayRecord | Skipped | ChatSummary


@dataclass(frozen=True)
class ImportSource:
    """A file to import: its name (for messages and sniffing) and a way to open its bytes."""

    name: str
    open: Callable[[], BinaryIO]  # opened afresh on each call

    def head(self, size: int = 4096) -> bytes:
        with self.open() as stream:
            return stream.read(size)


class Importer(Protocol):
    NAME: str
    DESCRIPTION: str

    def sniff(self, head: bytes, filename: str) -> float: ...

    def parse(self, source: ImportSource, options: ImportOptions) -> Iterator[Record]: ...
