"""WhatsApp chat exports (a ``.txt``, or the ``.zip`` a phone shares) → conversations.

Our own parser, standard library only: the Python peers are GPL-3.0 (whatstk, the best of them)
and heavy — whatstk pulls pandas and plotly (367 MB) and parsed 100k messages several times
slower than a stdlib regex (research/stack.md).

**Containers and titles.** A ``.txt``, or a zip holding ``_chat.txt`` or ``WhatsApp Chat with
X.txt``, read streaming. The title comes from the file name (``WhatsApp Chat with X.txt``,
``Chat WhatsApp dengan X.txt``, ``WhatsApp Chat - X.zip`` or ``…/_chat.txt``, other languages'
templates), else from the name iOS writes its notices under.

**Headers** (research/formats.md §2.3): one exact regex for the shape learnt from the first
lines, and a tolerant twin for lines with invisible marks or odd spaces. Read: Android
``d/m/yy, HH:MM - ``, iOS ``[d/m/yy, HH:MM:SS] ``, old iOS ``d/m/yy HH:MM:SS: ``, time first
(vi); ``/ . -`` separators; 2- or 4-digit, year-first, Buddhist and Japanese-era years; ``:`` or
``.`` in times (Indonesian ``26/11/20 23.10 - ``); comma, space, ``à``, ``klo`` or ``،`` before
the time; ``AM``, ``a. m.``, ``p.m.``, ``ص``/``م`` after a space, NBSP or U+202F; Arabic-Indic
digits. Not read (a file of only those raises :class:`FormatError`): month names (Android before
2015), ``in the morning``, CJK ``午後`` times.

**Day/month order**, decided for the whole file by a first streaming pass (the second yields
the records): ``options.date_order``; year first if the first field has four digits; day first
if a first field is above 12, month first if a second one is; else the order keeping the dates
most chronological; else month first for unpadded ``M/d/yy`` (en-US), else day first.

**Messages.** System lines are not messages, nor the notices iOS writes under the contact's or
group's name (encryption banner, security codes, joins: known phrases in a dozen languages).
Media placeholders, deleted messages and missed calls count for their author; the ``<This
message was edited>`` marker is stripped. Continuation lines (any line without the file's header,
even a pasted header of another shape) extend the message above and are never skipped; a line
with the header but an impossible date is :class:`Skipped`.

**Me**: the author matching ``options.me_names`` / ``me_phones`` (case, accents and invisible
marks ignored); else the author of a "You deleted this message"; else, in a 1:1 chat, the
author who is not the title; else an author called "You"/"Anda"/"Du". ``ChatSummary.me`` is that
name or ``None``. Interactions come only when me is known (the owner's messages have no
author), so nothing is stored with the sides guessed; the summary always comes, for a dry run to
report and the storing layer to ask for --me.

**Records.** Conversations split at six hours of silence (:mod:`.conversations`), keyed by the
chat key (the folded title, else the sorted authors) and the first message's time: a later,
longer export of the same chat gives the same keys. A chat is a group with more than two
authors or group system lines. A 1:1 conversation's participant is the other person; a group
one's are those who wrote in it (none if only the owner did). Last comes a
:class:`ChatSummary`: ``first_at``/``last_at`` are the earliest and latest message times,
local, with seconds only when the file has them.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
import zlib
from calendar import monthrange
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import PurePosixPath
from typing import BinaryIO

from jalin.importers.base import (
    ChatSummary,
    FormatError,
    ImportOptions,
    ImportSource,
    PersonRef,
    Record,
    Skipped,
)
from jalin.importers.conversations import Message, conversation_record, split_conversations
from jalin.importers.text import detect_encoding, normalise_invisible, open_text

NAME = "whatsapp"
DESCRIPTION = "WhatsApp chat export (.txt, or the .zip a phone shares)"

DETECT_LINES = 2000  # at most this many lines are read to learn the header shape
DATE_ORDERS = ("dmy", "mdy")  # what options.date_order may say; year-first is always seen

_TITLE = re.compile(
    r"(?:WhatsApp Chat (?:with|mit|con|met|avec|com|-)"
    r"|Chat WhatsApp (?:dengan|con|com|s uživatelem)"
    r"|Chat de WhatsApp con|Discussion WhatsApp avec|Conversa do WhatsApp com|WhatsApp-chat met"
    r"|Чат WhatsApp с(?: контактом)?|WhatsApp Sohbeti:?)\s+(?P<title>.+?)(?: \(\d+\))?"
    r"(?:\.(?:txt|zip))?",
    re.IGNORECASE,
)
_MARK_CHARS = "\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff"
_MARKS = f"[{_MARK_CHARS}]*"
_SPACE = "[ \u00a0\u202f\u2007\u2009]"
_ODD_START = re.compile(rf"[\[\d{_MARK_CHARS}]")  # lines worth the tolerant header regex
_LRM = ("\u200e", "\u200f")

# Discovery, on a few normalised lines (text.normalise_invisible), learns the shape.
_D_DATE = r"(?P<date>[RH]?\d{1,4}(?P<dsep>[./-]) ?\d{1,2}(?P=dsep) ?[RH]?\d{1,4}(?: ?BE)?)"
_D_TIME = (
    r"\d{1,2}(?P<tsep>[:.])\d{2}(?P<sec>(?P=tsep)\d{2})?(?P<mer> ?(?:[AaPp]\.? ?[Mm]\.?|[صم]))?"
)
_D_CLOSE = r"(?P<close>(?(open)\] |(?: - |: )))"
_DISCOVER = (
    re.compile(rf"(?P<open>\[)?{_D_DATE}(?P<join>, | |، | à | klo ){_D_TIME}{_D_CLOSE}"),
    re.compile(rf"(?P<open>\[)?{_D_TIME}(?P<join>, ){_D_DATE}{_D_CLOSE}"),
)
_DATE_FIELD = re.compile(r"([RH]?)(\d+)")

# Notices written under a name: at the start of an Android body; anywhere in an iOS body,
# which then starts with U+200E.
_NOTICE_START = re.compile(
    r"(?:Messages and calls are end-to-end|Messages to this group are now|Messages you send to"
    r"|Your security code with |This business |Pesan dan panggilan terenkripsi"
    r"|Kode keamanan Anda dengan |Nachrichten und Anrufe sind Ende-zu-Ende)"
)
_NOTICE_ANYWHERE = re.compile(
    r"end-to-end|Ende-zu-Ende|extremo a extremo|de bout en bout|ponta a ponta|ponto a ponto"
    r"|сквозным шифрованием|koncovým šifrováním|مشفرة تمام|एंड-टू-एंड|エンドツーエンド"
    r"|ต้นทางถึงปลายทาง|mã hóa đầu cuối|uçtan uca|security code|Sicherheitsnummer"
    r"|código de seguridad|code de sécurité|código de segurança|kode keamanan|رمز أمانك"
    r"|सुरक्षा कोड|セキュリティコード|รหัสความปลอดภัย|mã bảo mật|код безопасности"
    r"|beveiligingscode|bezpečnostní kód|this business|secure service from Meta|bisnis ini"
    r"|created (?:this )?group|membuat grup|added you|menambahkan Anda|changed the subject"
    r"|changed (?:this|the) group|joined using|bergabung menggunakan|disappearing messages"
    r"|pesan sementara|changed their phone number|mengganti nomor|blocked this contact"
    r"|memblokir kontak|^\W*\S.{0,80} (?:added|removed|menambahkan|mengeluarkan) \S"
    r"|^\W*\S.{0,80} (?:left|keluar)\.?$",
    re.IGNORECASE,
)
_GROUP_EVENT = re.compile(
    r"\b(?:group|grup|gruppe|groupe|grupo|gruppo|groep|skupin\w*|групп\w*|created|added|removed"
    r"|joined|left|subject|subjek|menambahkan|mengeluarkan|bergabung|keluar|hinzugefügt|entfernt"
    r"|erstellt)\b",
    re.IGNORECASE,
)
_OWN_DELETION = re.compile(
    r"[\u200e\u200f]*(?:You deleted this message|Anda (?:telah )?menghapus pesan ini"
    r"|Du hast diese Nachricht gelöscht|Eliminaste este mensaje|Vous avez supprimé ce message"
    r"|(?:Você )?[Aa]pagou esta mensagem|Вы удалили (?:данное|это) сообщение"
    r"|Tuto zprávu jste odstranil|U hebt dit bericht verwijderd|Hai eliminato questo messaggio"
    r"|لقد حذفت هذه الرسالة|आपने यह मैसेज डिलीट किया|このメッセージを削除しました"
    r"|คุณได้ลบข้อความนี้|Bạn đã xoá tin nhắn này|Bu mesajı sildiniz)"
)
_EDITED = re.compile(
    r"\s*<(?:This message was edited|Pesan ini diedit|Diese Nachricht wurde bearbeitet"
    r"|Mensaje editado|Ce message a été modifié|Mensagem editada|Messaggio modificato"
    r"|Dit bericht is bewerkt|Сообщение изменено|Bu mesaj düzenlendi)>$"
)
# A "name" holding quotes or an action is a system line with ": " inside (a subject change).
_NOT_A_NAME = re.compile(
    r"[\"“”«»]| (?:changed|created|added|removed|menambahkan|mengubah|membuat|mengeluarkan) "
)
_PHONE = re.compile(r"\+?\d[\d ().\-]{5,}\d")
_YOU = frozenset({"you", "anda", "du"})
_MESSAGE, _NOTICE, _SYSTEM = "message", "notice", "system"


@dataclass(frozen=True)
class _Shape:
    """A header shape: what surrounds the date and the time, learnt from the first lines."""

    bracket: bool
    time_first: bool
    date_sep: str
    join: str
    time_sep: str
    seconds: bool
    meridiem: bool
    close: str

    def regex(self, tolerant: bool = False) -> re.Pattern[str]:
        """Return the regex reading this shape; groups: date, hour, minute, second, meridiem.

        (Time first: hour, minute, second, meridiem, date.) The ``tolerant`` one allows
        invisible marks around every part and odd spaces in the separators.
        """
        marks, space = (_MARKS, _SPACE) if tolerant else ("", " ")

        def literal(text: str) -> str:
            return "".join(space if ch == " " else re.escape(ch) for ch in text)

        sep = f"{marks}{re.escape(self.date_sep)} ?{marks}"
        date = rf"({marks}[RH]?\d{{1,4}}{sep}\d{{1,2}}{sep}[RH]?\d{{1,4}}(?: ?BE)?)"
        tsep = re.escape(self.time_sep)
        time = rf"(\d{{1,2}}){tsep}(\d{{2}})" + (rf"{tsep}(\d{{2}})" if self.seconds else "()")
        time += rf"{_SPACE}?([AaPp]\.?{_SPACE}?[Mm]\.?|[صم])" if self.meridiem else "()"
        join = literal(self.join)
        middle = f"{time}{join}{date}" if self.time_first else f"{date}{marks}{join}{time}"
        opening = rf"\[{marks}" if self.bracket else ""
        return re.compile(f"{marks}{opening}{middle}{marks}{literal(self.close)}")


def _discover(line: str) -> _Shape | None:
    """Return the header shape of a normalised line, or ``None`` when it has no header."""
    for time_first, pattern in enumerate(_DISCOVER):
        match = pattern.match(line)
        if match:
            return _Shape(
                bool(match["open"]), bool(time_first), match["dsep"], match["join"],
                match["tsep"], bool(match["sec"]), bool(match["mer"]), match["close"],
            )  # fmt: skip
    return None


def _date_fields(text: str) -> tuple[int, int, int, bool] | None:
    """Return ``(first, second, year, year_first)`` of a header's date, or ``None``.

    Two-digit years are 20yy; Japanese eras ``R``/``H`` start in 2019/1989; Buddhist years
    (``BE``, or above 2400) lose 543. A year-first date gives ``(month, day, year, True)``.
    """
    parts = _DATE_FIELD.findall(text)
    if len(parts) != 3:
        return None
    year_first = len(parts[0][1]) == 4 or bool(parts[0][0])
    era, digits = parts[0] if year_first else parts[2]
    year = int(digits)
    if era:
        year += 2018 if era == "R" else 1988
    elif len(digits) <= 2:
        year += 2000
    elif "BE" in text or year > 2400:
        year -= 543
    if year_first:
        return int(parts[1][1]), int(parts[2][1]), year, True
    return int(parts[0][1]), int(parts[1][1]), year, False


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= year <= 9999 and 1 <= month <= 12 and 1 <= day <= monthrange(year, month)[1]


def _fold(text: str) -> str:
    """Return a name folded for comparison: no marks, accents, case, ``~`` or extra spaces."""
    decomposed = unicodedata.normalize("NFKD", normalise_invisible(text).casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.replace("~", " ").split())


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdecimal())


def _same_phone(a: str, b: str) -> bool:
    return len(a) >= 7 and len(b) >= 7 and a[-9:] == b[-9:]


@dataclass
class _Author:
    name: str  # as written, without invisible marks or the "~ " of unsaved contacts
    ref: PersonRef
    key: str  # folded, for matching
    digits: str  # the phone number's digits when the name is one
    is_me: bool = False


def _author(raw: str) -> _Author | None:
    """Return the author a name as written stands for; ``None`` when it is no name."""
    name = normalise_invisible(raw).strip()
    name = name[1:].strip() if name.startswith("~") else name
    if not name or len(name) > 60 or raw.startswith("\u200e") or _NOT_A_NAME.search(name):
        return None
    phone = ""
    if _PHONE.fullmatch(name) and len(_digits(name)) >= 7:
        phone = ("+" if name.startswith("+") else "") + _digits(name)
    return _Author(name, PersonRef(name=name, phone=phone), _fold(name), phone)


def _split(
    line: str, start: int, authors: dict[str, _Author | None]
) -> tuple[_Author | None, int, str]:
    """Return ``(author, body start, kind)`` of a header line whose header ends at ``start``.

    ``kind`` is ``message``, ``notice`` (WhatsApp writing under someone's name) or ``system``
    (no author). The author ends at the first ": " (or ":", for "Carol:" with an empty body).
    ``authors`` caches each author as written (``None``: not a name, so a system line).
    """
    cut, skip = line.find(": ", start), 2
    if cut < 0:
        cut, skip = line.find(":", start), 1
        if cut < 0:
            return None, start, _SYSTEM
    raw = line[start:cut]
    author = authors.get(raw, False)
    if author is False:
        author = authors[raw] = _author(raw)
    if author is None:
        return None, start, _SYSTEM
    start = cut + skip
    if line.startswith(_LRM, start):
        notice = _NOTICE_ANYWHERE.search(line[start:].rstrip("\n"))
    else:
        notice = _NOTICE_START.match(line, start)
    return author, start, _NOTICE if notice else _MESSAGE


def _scan(
    lines: Iterable[str], shape: _Shape, authors: dict[str, _Author | None]
) -> Iterator[tuple[int, re.Match[str] | None, _Author | None, int, str, list[str]]]:
    """Yield each record: ``(line number, header, author, body start, kind, continuation)``.

    Text before the first header comes first, with ``None`` for the header.
    """
    exact, tolerant, odd = shape.regex().match, shape.regex(tolerant=True).match, _ODD_START.match
    number, match, author, start, kind, extra = 1, None, None, 0, _SYSTEM, []
    for index, line in enumerate(lines, start=1):
        found = exact(line)
        if found is None and odd(line):
            found = tolerant(line)
        if found is None:
            extra.append(line[:-1] if line.endswith("\n") else line)
            continue
        if match is not None or extra:
            yield number, match, author, start, kind, extra
        number, match, extra = index, found, []
        author, start, kind = _split(line, found.end(), authors)
    if match is not None or extra:
        yield number, match, author, start, kind, extra


@dataclass
class _Survey:
    """What the first pass learns: enough to choose the date order and who is me."""

    authors: dict[str, int] = field(default_factory=dict)  # name → messages
    noticed: dict[str, int] = field(default_factory=dict)  # name → notices written under it
    deleters: set[str] = field(default_factory=set)  # authors of "You deleted this message"
    group_events: bool = False
    headers: int = 0
    max_first: int = 0
    max_second: int = 0
    year_first: bool = False
    padded: bool = False
    unpadded: bool = False
    inversions: dict[str, int] = field(default_factory=lambda: {"dmy": 0, "mdy": 0})
    last: dict[str, tuple[int, int, int]] = field(default_factory=dict)

    def note_date(self, text: str) -> None:
        """Take a header's date (called when it differs from the previous header's)."""
        fields = _date_fields(text)
        if fields is None:
            return
        first, second, year, year_first = fields
        self.year_first |= year_first
        if year_first or not (_valid(year, second, first) or _valid(year, first, second)):
            return
        self.max_first, self.max_second = max(self.max_first, first), max(self.max_second, second)
        for part in _DATE_FIELD.findall(text)[:2]:
            self.unpadded |= len(part[1]) == 1
            self.padded |= part[1][0] == "0"
        for order, key in (("dmy", (year, second, first)), ("mdy", (year, first, second))):
            self.inversions[order] += key < self.last.get(order, key)
            self.last[order] = key

    def date_order(self, shape: _Shape) -> str:
        """Return ``ymd``, ``dmy`` or ``mdy`` by the rules in the module docstring."""
        if self.year_first:
            return "ymd"
        if self.max_first > 12 or self.max_second > 12:
            return "dmy" if self.max_first > 12 else "mdy"
        if self.inversions["dmy"] != self.inversions["mdy"]:
            return "dmy" if self.inversions["dmy"] < self.inversions["mdy"] else "mdy"
        us_style = shape.date_sep == "/" and self.unpadded and not self.padded
        return "mdy" if us_style else "dmy"


def _survey(lines: Iterable[str], shape: _Shape, authors: dict[str, _Author | None]) -> _Survey:
    """First pass: count headers, authors and notices; gather the evidence for the date order.

    It reads the headers as :func:`_scan` does, without building records: a lean loop, since
    every file is read twice.
    """
    survey = _Survey()
    exact, tolerant, odd = shape.regex().match, shape.regex(tolerant=True).match, _ODD_START.match
    date_group, counts, last_date = 5 if shape.time_first else 1, survey.authors, None
    for line in lines:
        found = exact(line)
        if found is None and odd(line):
            found = tolerant(line)
        if found is None:
            continue
        survey.headers += 1
        date_text = found.group(date_group)
        if date_text != last_date:
            last_date = date_text
            survey.note_date(date_text)
        author, start, kind = _split(line, found.end(), authors)
        if kind == _MESSAGE:
            counts[author.name] = counts.get(author.name, 0) + 1
            if _OWN_DELETION.match(line, start):
                survey.deleters.add(author.name)
            continue
        if author is not None:
            survey.noticed[author.name] = survey.noticed.get(author.name, 0) + 1
        survey.group_events |= bool(_GROUP_EVENT.search(line, start))
    return survey


def _title(filename: str, member: str) -> str:
    """Return the chat's title from the export's file name, its folder, or the zip member."""
    path = PurePosixPath(filename.replace("\\", "/"))
    candidates = [path.name, path.parent.name if path.name.lower() == "_chat.txt" else "", member]
    for candidate in candidates:
        match = _TITLE.fullmatch(normalise_invisible(PurePosixPath(candidate).name).strip())
        if match:
            return match["title"].strip()
    return ""


_UNREADABLE = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError)


@contextmanager
def _chat_text(source: ImportSource) -> Iterator[tuple[Callable[[], BinaryIO], str]]:
    """Yield a function opening the chat text's bytes afresh, and its name inside a zip."""
    with source.open() as stream:
        is_zip = stream.read(4) == b"PK\x03\x04"
    if not is_zip:
        yield source.open, ""
        return
    with source.open() as stream:
        try:
            archive = zipfile.ZipFile(stream)
            texts = [i for i in archive.infolist() if i.filename.lower().endswith(".txt")]
            texts = [i for i in texts if "__MACOSX" not in i.filename] + [None]
            chat = next((i for i in texts if i and i.filename.endswith("_chat.txt")), texts[0])
            if chat is not None:
                archive.open(chat).close()  # a bad header, name or method shows here
        except (*_UNREADABLE, zipfile.LargeZipFile, ValueError, RuntimeError) as error:
            raise FormatError(f"not a readable zip: {error}") from error
        if chat is None:
            raise FormatError("the zip holds no chat (_chat.txt or WhatsApp Chat … .txt)")
        with archive:
            yield (lambda: archive.open(chat)), chat.filename


def _detect_shape(opener: Callable[[], BinaryIO], encoding: str) -> _Shape:
    """Return the commonest header shape among the first lines."""
    counts: dict[_Shape, int] = {}
    with open_text(opener(), encoding) as text:
        for index, line in enumerate(text):
            if index >= DETECT_LINES or sum(counts.values()) >= 50:
                break
            shape = _discover(normalise_invisible(line))
            if shape is not None:
                counts[shape] = counts.get(shape, 0) + 1
    if not counts:
        raise FormatError("no WhatsApp message header (date, time, author) in the first lines")
    return max(counts, key=counts.__getitem__)


def _chat(
    survey: _Survey, authors: dict[str, _Author | None], options: ImportOptions, title: str
) -> tuple[ChatSummary, str, tuple[PersonRef, ...]]:
    """Return the summary to fill (title, me, group), the chat key and a 1:1 chat's partner.

    Marks the owner's authors ``is_me`` (the rules are in the module docstring).
    """
    title = title or max(survey.noticed, key=survey.noticed.__getitem__, default="")
    is_group = len(survey.authors) > 2 or survey.group_events
    present = list({a.name: a for a in authors.values() if a and a.name in survey.authors}.values())
    wanted, phones = {_fold(n) for n in options.me_names}, [_digits(p) for p in options.me_phones]
    mine = [a for a in present if a.key in wanted or any(_same_phone(a.digits, p) for p in phones)]
    if not (wanted or phones):
        key, digits = _fold(title), _digits(title)
        others = [a for a in present if a.key != key and not _same_phone(a.digits, digits)]
        if len(survey.deleters) == 1:
            mine = [a for a in present if a.name in survey.deleters]
        elif title and not is_group and len(present) <= 2 and len(others) == 1:
            mine = others
        mine = mine or [a for a in present if a.key in _YOU]
    keys = {a.key for a in mine}
    for author in authors.values():
        if author is not None:
            author.is_me = author.key in keys
    me = mine[0].name if mine else (options.me_names or options.me_phones or (None,))[0]
    partner = tuple(dict.fromkeys(a.ref for a in present if not a.is_me))
    if not partner and _author(title):
        partner = (_author(title).ref,)
    is_group = is_group or (me is not None and len(partner) > 1)
    key = _fold(title) or "|".join(sorted(a.key for a in present))
    return ChatSummary(me=me, title=title, is_group=is_group), key, partner


def _writers(conversation: list[Message]) -> tuple[PersonRef, ...]:
    """Return the people other than the owner who wrote in a conversation, in order."""
    return tuple(dict.fromkeys(m.author for m in conversation if m.author is not None))


def parse(source: ImportSource, options: ImportOptions) -> Iterator[Record]:
    """Yield the chat's conversations (when me is known), skipped lines and a final summary.

    Raises :class:`FormatError` for a file without WhatsApp headers, an unreadable zip or an
    unknown ``date_order``. The module docstring gives every rule.
    """
    order = (options.date_order or "").lower() or None
    if order is not None and order not in DATE_ORDERS:
        raise FormatError(f"unknown date order {options.date_order!r}; use dmy or mdy")
    with _chat_text(source) as (opener, member):
        try:
            encoding = detect_encoding(opener)
            shape = _detect_shape(opener, encoding)
            authors: dict[str, _Author | None] = {}
            with open_text(opener(), encoding) as text:
                survey = _survey(text, shape, authors)
        except _UNREADABLE as error:
            raise FormatError(f"cannot read the chat: {error}") from error
        if not survey.headers:
            raise FormatError("no line has the chat's header shape")
        title = _title(options.filename or source.name, member)
        summary, chat_key, partner = _chat(survey, authors, options, title)
        order = "ymd" if survey.year_first else order or survey.date_order(shape)
        reader = _Reader(shape, order, options.zone)
        with open_text(opener(), encoding) as text:
            for conversation in split_conversations(reader.messages(text, authors)):
                yield from reader.skipped
                reader.skipped.clear()
                summary.conversations += 1
                if summary.me is not None:
                    yield conversation_record(
                        conversation,
                        chat_key=chat_key,
                        source=NAME,
                        members=_writers(conversation) if summary.is_group else partner,
                        keep_text=options.keep_text,
                        group=summary.title if summary.is_group else "",
                    )
        yield from reader.skipped
        reader.fill(summary)
        yield summary


class _Reader:
    """The second pass: records → messages, counted for the summary."""

    def __init__(self, shape: _Shape, order: str, zone: tzinfo) -> None:
        self.shape, self.order, self.zone = shape, order, zone
        self.dates: dict[str, tuple[int, int, int] | None] = {}
        self.skipped: list[Skipped] = []
        self.counts: dict[str, int] = {}
        self.first: datetime | None = None  # the earliest and latest message times
        self.last: datetime | None = None

    def fill(self, summary: ChatSummary) -> None:
        """Write the message count, the authors and the span into ``summary``."""
        summary.messages = sum(self.counts.values())
        summary.authors = dict(self.counts)
        spec = "seconds" if self.shape.seconds else "minutes"
        if self.first is not None and self.last is not None:
            summary.first_at = self.first.replace(tzinfo=None).isoformat(timespec=spec)
            summary.last_at = self.last.replace(tzinfo=None).isoformat(timespec=spec)

    def messages(
        self, lines: Iterable[str], authors: dict[str, _Author | None]
    ) -> Iterator[Message]:
        """Yield the chat's messages in file order (system lines and notices left out)."""
        counts = self.counts
        time_first, first, last = self.shape.time_first, self.first, self.last
        fields, at = None, None
        for number, match, author, start, kind, extra in _scan(lines, self.shape, authors):
            if match is None:
                if any(line.strip() for line in extra):
                    self.skipped.append(Skipped(number, "text before the first message"))
                continue
            groups = match.groups()
            if groups != fields or at is None:  # messages often share their minute
                fields = groups
                at = self._time(fields[4:] + fields[:4] if time_first else fields, number)
            if at is None or kind != _MESSAGE:
                continue
            line = match.string
            body = line[start:].rstrip("\n")
            if extra:
                body = "\n".join([body, *extra]).rstrip()
            if body.endswith(">"):
                body = _EDITED.sub("", body, count=1)
            counts[author.name] = counts.get(author.name, 0) + 1
            first = at if first is None or at < first else first
            last = at if last is None or at > last else last
            yield Message(number, at, None if author.is_me else author.ref, body)
        self.first, self.last = first, last

    def _time(self, fields: tuple[str, ...], number: int) -> datetime | None:
        """Return the local time of a header's ``(date, hour, minute, second, meridiem)``."""
        date_text, hour, minute, second, meridiem = fields
        if date_text not in self.dates:
            first, second_field, year, year_first = _date_fields(date_text) or (0, 0, 0, False)
            mdy = year_first or self.order == "mdy"
            month, day = (first, second_field) if mdy else (second_field, first)
            self.dates[date_text] = (year, month, day) if _valid(year, month, day) else None
        ymd = self.dates[date_text]
        if ymd is None:
            reason = f"impossible date {date_text.strip()!r} (day/month order {self.order})"
            self.skipped.append(Skipped(number, reason))
            return None
        hours = int(hour)
        if meridiem and hours <= 12:  # 12 AM is 0:00; "23:59 PM" and "00:08 a. m." stay as written
            hours = hours % 12 + (12 if meridiem[0] in "pPم" else 0)
        try:
            return datetime(*ymd, hours, int(minute), int(second or 0), 0, self.zone)
        except ValueError:
            self.skipped.append(Skipped(number, f"impossible time {hour}:{minute} {meridiem}"))
            return None


def sniff(head: bytes, filename: str) -> float:
    """Return how sure we are that a file is a WhatsApp export (a titled name, a header)."""
    titled = bool(_title(filename, ""))
    if head.startswith(b"PK\x03\x04"):  # the first entries' names are in the head
        return 0.95 if b"_chat.txt" in head or b"WhatsApp Chat" in head else 0.9 * titled
    encoding = "utf-16" if head.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8"
    lines = [line for line in head.decode(encoding, "replace").splitlines()[:30] if line.strip()]
    hits = [_discover(normalise_invisible(line)) is not None for line in lines]
    if hits and hits[0]:
        return 0.95 if titled else 0.9
    return 0.7 if any(hits) else 0.3 if titled else 0.0
