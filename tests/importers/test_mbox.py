"""mbox and Gmail Takeout: one email interaction per personal message.

Line numbers of the real samples come from ``grep -n '^From '``; the Takeout sample's last
message has no Date header, so its time is the postmark's (``Tue Jul 20 00:22:49 +0000 2021``).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from hashlib import sha1

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jalin.importers import mbox, registry
from jalin.importers.base import (
    FormatError,
    ImportOptions,
    InteractionRecord,
    PersonRef,
    Skipped,
)
from tests.importers.conftest import (
    of_type,
    parse_all,
    realdata_files,
    realdata_path,
    require_realdata,
    source_from_bytes,
)
from tests.importers.fuzz import mutated, records_or_format_error, samples_of

SAMPLES = realdata_files("mbox", ".mbox")
TAKEOUT = "mbox/gmail-takeout-style-crlf-x-gm-thrid-labels-from-google-takeout-to-sqlite.mbox"
ROUNDCUBE = "mbox/mboxrd-from-escaping-crlf-from-roundcubemail.mbox"
ME = "ayu@example.com"


def mail(sender: str, to: str, subject="Halo", body="Apa kabar?", **headers: str) -> str:
    """One message with its postmark; ``headers`` add to (or, set to "", drop) the defaults."""
    fields = {
        "From": sender,
        "To": to,
        "Subject": subject,
        "Date": "Mon, 15 Jan 2024 10:00:00 +0700",
        "Message-ID": f"<{sha1(f'{sender}|{to}|{subject}|{body}'.encode()).hexdigest()}@x>",
    }
    fields |= {name.replace("_", "-"): value for name, value in headers.items()}
    lines = [f"{name}: {value}" for name, value in fields.items() if value]
    return "From x@example.com Mon Jan 15 03:00:00 2024\n" + "\n".join(lines) + f"\n\n{body}\n\n"


def parse_mbox(text: str, **options) -> list:
    options.setdefault("me_emails", (ME,))
    source = source_from_bytes(text.encode(), "mail.mbox")
    return list(mbox.parse(source, ImportOptions(**options)))


@pytest.mark.parametrize("sample", SAMPLES)
def test_it_reads_every_mbox_sample(sample: str) -> None:
    owners = ("person.person@example.net", "tb@tester.local")
    records = parse_all(mbox, realdata_path(sample), me_emails=owners)
    assert of_type(records, InteractionRecord)


@pytest.mark.parametrize("sample", SAMPLES)
def test_it_is_the_importer_chosen_for_each_mbox_sample(sample: str) -> None:
    path = realdata_path(sample)
    assert registry.choose(path.read_bytes()[:4096], path.name) is mbox


def test_it_reads_a_gmail_takeout_skipping_lists_and_chats_with_no_one_else() -> None:
    records = parse_all(
        mbox, realdata_path(TAKEOUT), me_emails=("Person.Person@example.net",), keep_text=True
    )
    zend, gnumed, own_chat, chat = records
    assert zend == Skipped(1, "mailing-list mail (List-Post: <mailto:fw-general@lists.zend.com>)")
    assert gnumed == Skipped(51, "mailing-list mail (List-Id: gnumed-devel.gnu.org)")
    assert own_chat == Skipped(148, "nobody but me in this message")  # a chat with no To
    assert chat.line == 157
    assert chat.participants == (PersonRef(name="罗", email="123@example.net"),)  # raw UTF-8
    assert chat.occurred_at == datetime(2021, 7, 20, 0, 22, 49, tzinfo=UTC)
    assert (chat.channel, chat.initiator, chat.summary) == ("message", "them", "test")
    assert chat.text == "好好学习，天天向上"


def test_it_unescapes_mboxrd_and_keeps_reused_message_ids_apart() -> None:
    records = parse_all(
        mbox, realdata_path(ROUNDCUBE), me_emails=("tb@tester.local",), keep_text=True
    )
    assert [r.line for r in records] == [1, 11, 21]
    assert [r.participants for r in records] == [
        (PersonRef(email="test@rc.net"),),
        (PersonRef(email="test1@rc.net"),),
        (PersonRef(email="test2@rc.net"),),
    ]
    assert [r.text for r in records] == ["1234", "From me", "XXXX"]
    assert [r.summary for r in records] == ["Import 1", "Import 2", "Import 3"]
    assert {r.occurred_at for r in records} == {datetime(2014, 5, 23, 17, 44, 50, tzinfo=UTC)}
    assert records[0].external_key == "mbox:de75@tester.local"
    assert len({r.external_key for r in records}) == 3


def test_it_finds_the_owner_in_every_message_when_not_told() -> None:
    told = parse_all(mbox, realdata_path(ROUNDCUBE), me_emails=("tb@tester.local",))
    assert parse_all(mbox, realdata_path(ROUNDCUBE)) == told
    takeout = parse_all(mbox, realdata_path(TAKEOUT))
    assert of_type(takeout, InteractionRecord)[0].initiator == "them"


def test_it_decodes_encoded_words_and_counts_me_writing_to_to_and_cc() -> None:
    text = mail(
        "Ayu <AYU@example.com>",
        "=?UTF-8?Q?=C5=81ukasz_Zieli=C5=84ski?= <lz@example.pl>, ayu@example.com",
        subject="=?UTF-8?B?6auY5qmLIOe+juWSsg==?=",
        Cc='"Santoso, Budi" <budi@example.com>',
    )
    [record] = parse_mbox(text)
    assert record.initiator == "me"
    assert record.participants == (
        PersonRef(name="Łukasz Zieliński", email="lz@example.pl"),
        PersonRef(name="Santoso, Budi", email="budi@example.com"),
    )
    assert record.summary == "高橋 美咲"
    assert record.occurred_at == datetime(2024, 1, 15, 3, 0, tzinfo=UTC)
    assert record.text == ""  # only with keep_text


def test_it_takes_only_the_sender_of_mail_from_others() -> None:
    [record] = parse_mbox(mail("Budi <budi@example.com>", f"{ME}, citra@example.com"))
    assert (record.initiator, record.participants) == (
        "them",
        (PersonRef("Budi", "", "budi@example.com"),),
    )
    assert record.channel == "email"


def test_it_classifies_the_kind_from_subject_and_body() -> None:
    text = mail("budi@example.com", ME, subject="Lowongan", body="Bisa minta tolong review CV?")
    text += mail(ME, "budi@example.com", subject="Re: Lowongan", body="Terima kasih banyak!")
    ask, thanks = parse_mbox(text)
    assert (ask.kind, thanks.kind) == ("ask", "thanks")


def test_it_skips_lists_bulk_and_automated_senders() -> None:
    text = (
        mail("news@example.com", ME, List_Id="<news.example.com>")
        + mail("promo@example.com", ME, Precedence="bulk")
        + mail("no-reply@accounts.example.com", ME)
        + mail("", ME)
    )
    reasons = [r.reason for r in parse_mbox(text)]
    assert reasons == [
        "mailing-list mail (List-Id: <news.example.com>)",
        "bulk mail (Precedence: bulk)",
        "automated sender no-reply@accounts.example.com",
        "a message without a From address",
    ]


def test_it_dates_a_message_by_received_then_postmark() -> None:
    received = "by mx.example.com; Tue, 16 Jan 2024 08:30:00 +0100"
    text = mail("budi@example.com", ME, Date="", Received=received)
    text += mail("citra@example.com", ME, Date="")
    by_received, by_postmark = parse_mbox(text)
    assert by_received.occurred_at == datetime(2024, 1, 16, 7, 30, tzinfo=UTC)
    assert by_postmark.occurred_at == datetime(2024, 1, 15, 3, 0, tzinfo=UTC)  # asctime is UTC
    assert mbox.postmark_date("From a@b Tue Aug 05 08:00:23 +0200 2008") == datetime(
        2008, 8, 5, 8, 0, 23, tzinfo=timezone(timedelta(hours=2))
    )


def test_it_keys_a_message_without_an_id_by_a_stable_hash() -> None:
    text = mail("budi@example.com", ME, Message_ID="")
    [first], [again] = parse_mbox(text), parse_mbox(text)
    assert first.external_key == again.external_key
    assert first.external_key.startswith("mbox:")


def test_it_splits_only_on_postmark_lines_and_reads_crlf() -> None:
    body = "From here on we talk.\n>>From the archive\nend"
    text = mail("budi@example.com", ME, body=body) + mail("citra@example.com", ME)
    one, two = parse_mbox(text.replace("\n", "\r\n"), keep_text=True)
    assert one.text == body.replace(">>From", ">From")
    assert two.participants[0].email == "citra@example.com"
    assert (one.line, two.line) == (1, 12)


def test_it_reads_a_message_whose_charset_is_unknown() -> None:
    text = mail("budi@example.com", ME, Content_Type="text/plain; charset=tf-8")
    [record] = parse_mbox(text, keep_text=True)
    assert (record.summary, record.text) == ("Halo", "")


def test_it_asks_for_the_owner_when_the_mailbox_cannot_tell() -> None:
    with pytest.raises(FormatError, match="--me-email"):
        parse_mbox(mail("budi@example.com", ME), me_emails=())


def test_it_finds_an_owner_who_writes_from_two_addresses() -> None:
    work = "ayu@kantor.co.id"
    text = "".join(
        mail(f"c{n}@example.com", ME if n % 2 else work, subject=f"s{n}") for n in range(6)
    ) + mail(ME, "c1@example.com", subject="reply")
    records = parse_mbox(text, me_emails=())
    assert [r.initiator for r in records] == ["them"] * 6 + ["me"]


def test_it_refuses_what_is_not_an_mbox() -> None:
    with pytest.raises(FormatError, match="not an mbox"):
        parse_mbox("Subject: hi\n\nbody\n")
    with pytest.raises(FormatError, match="no message"):
        parse_mbox("")
    assert mbox.sniff(b"BEGIN:VCALENDAR\r\n", "calendar.ics") == 0.0


PIECES = [b"\r\nFrom a Mon Jan  1 00:00:00 2024\r\n", b"=?UTF-8?Q?=C5?=", b"<>", b":"]


def parse_or_refuse(data: bytes) -> None:
    options = ImportOptions(me_emails=("person.person@example.net", "tb@tester.local"))
    records_or_format_error(mbox, data, options, allowed=(InteractionRecord, Skipped))


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=400))
def test_it_reads_or_refuses_random_bytes(data: bytes) -> None:
    parse_or_refuse(b"From x Mon Jan  1 00:00:00 2024\n" + data)
    parse_or_refuse(data)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_it_reads_or_refuses_mutated_samples(data) -> None:
    require_realdata()
    parse_or_refuse(data.draw(mutated(samples_of(SAMPLES), PIECES)))
