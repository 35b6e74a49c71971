"""The vCard importer, against the real exports in ../shared/realdata/vcard and small cards.

Expected values were read off the raw files by hand (``cat -A``, ``xxd``), not taken from the
parser's output.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jalin.importers import registry, vcard
from jalin.importers.base import Affiliation, ContactRecord, FormatError, ImportOptions, Skipped
from tests.importers.conftest import (
    of_type,
    parse_all,
    realdata_files,
    realdata_path,
    source_from_bytes,
)
from tests.importers.fuzz import mutated, records_or_format_error, samples_of

SAMPLES = realdata_files("vcard", ".vcf")


def read(name: str) -> list:
    return parse_all(vcard, realdata_path(f"vcard/{name}"))


def only(name: str) -> ContactRecord:
    (record,) = read(name)
    assert isinstance(record, ContactRecord), record
    return record


def parse_bytes(data: bytes) -> list:
    return list(vcard.parse(source_from_bytes(data, "test.vcf"), ImportOptions()))


def card(*lines: str, end: str = "\r\n") -> bytes:
    return end.join(("BEGIN:VCARD", *lines, "END:VCARD", "")).encode()


# Every sample ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLES)
def test_it_reads_every_sample(name: str) -> None:
    records = parse_all(vcard, realdata_path(name))
    assert records
    assert all(isinstance(r, ContactRecord | Skipped) for r in records)
    assert all(r.line >= 1 for r in records)
    assert all(r.name.strip() for r in of_type(records, ContactRecord))


@pytest.mark.parametrize("name", SAMPLES)
def test_it_is_chosen_for_every_sample(name: str) -> None:
    path = realdata_path(name)
    assert registry.choose(path.read_bytes()[:4096], path.name) is vcard


# One test per sample, values checked against the file ------------------------------------


def test_it_reads_the_android_multicard_export_and_skips_the_nameless_cards() -> None:
    records = read("v21-android-qp-utf8-multicard-from-ez-vcard.vcf")
    assert [r.line for r in records] == [1, 6, 11, 18, 36, 71]
    first, second, third, fourth = records[:4]
    assert isinstance(first, Skipped)
    assert "names nobody" in first.reason
    assert isinstance(second, Skipped)
    assert second.line == 6
    assert third.name == "Ñ Ñ Ñ Ñ Ñ"
    assert third.phones == (("123456789", "cell"),)
    assert third.categories == ()  # "My Contacts" is Android's system group
    # N and FN break softly after "=C3=91=" and go on with "=20=C3=91…"
    assert fourth.name == " ".join(["Ñ"] * 11)
    assert fourth.phones == (
        ("123456", "cell"),
        ("234567", "home"),
        ("3456789", "cell"),
        ("45678901", "home"),
    )


def test_it_ignores_blackberrys_unfolded_photo() -> None:
    record = only("v21-blackberry-photo-unfolded-from-ez-vcard.vcf")
    assert (record.name, record.given_name, record.family_name) == ("John Doe", "john", "Doe")
    assert record.phones == (("+96123456789", "cell"),)
    assert record.affiliations == (Affiliation("Acme Solutions"),)
    assert record.notes == ""


def test_it_decodes_a_windows_1252_charset() -> None:
    record = only("v21-charset-windows-1252-from-roundcubemail.vcf")
    assert record.name == "John Doë"
    assert record.family_name == "Doë"
    assert record.emails == (("inbox@roundcube.net", "work"), ("roundcube@gmail.com", "home"))
    assert record.phones == (("+123456789", "work"), ("+987654321", "cell"))
    assert record.addresses == ("The street, Hometown, 5555, Cayman Islands",)
    assert record.city == "Hometown"
    assert record.notes == "The notes..."
    assert record.affiliations == (Affiliation("roundcube.net"),)


def test_it_reads_the_complicated_aosp_card() -> None:
    record = only("v21-complicated-qp-multi-note-photo-from-aosp-vcard.vcf")
    assert record.name == "Joe Due"
    assert (record.given_name, record.family_name) == ("Forrest", "Gump")
    assert record.affiliations == (
        Affiliation("Gump Shrimp Co.", "Shrimp Man", "Sales Dept.;Manager, Fish keeper"),
    )
    assert record.phones == (
        ("(111) 555-1212", "work"),
        ("(404) 555-1212", "home"),
        ("0311111111", "cell"),
        ("0322222222", "video"),
        ("0333333333", ""),
    )
    assert record.emails == (("forrestgump@walladalla.com", ""), ("cell@example.com", "cell"))
    assert record.notes == (
        "The following note is the example from RFC 2045.\n"
        "Now's the time for all folk to come to the aid of their country."
    )
    assert record.birthday == (1980, 1, 1)
    assert record.urls == ("http://www.example.com/",)


def test_it_takes_fn_over_a_one_part_n() -> None:
    record = only("v21-minimal-n-without-given-from-tine20.vcf")
    assert (record.name, record.given_name, record.family_name) == ("Michael", "", "Spahn")
    assert record.phones == (("040 12345", "work"),)
    assert record.emails == (("m.spahn@metaways.de", ""),)
    assert record.addresses == ("Teststraße 1, Hamburg, 12345",)


def test_it_reads_a_card_without_n() -> None:
    record = only("v21-missing-n-property-from-tine20.vcf")
    assert (record.name, record.given_name, record.family_name) == ("Hans Müller", "", "")
    assert record.city == "Nürnberg"
    assert record.affiliations == (Affiliation("Mein Schiff"),)


def test_it_builds_the_name_from_a_shift_jis_n() -> None:
    records = read("v21-multiple-entries-nec-x-types-from-aosp-vcard.vcf")
    assert [r.line for r in records] == [1, 12, 23]
    assert [r.name for r in records] == ["安藤ロイド3", "安藤ロイド4", "安藤ロイド5"]
    assert records[0].phones == (
        ("9", "x-nec-secret"),
        ("10", "x-nec-hotel"),
        ("11", "x-nec-school"),
        ("12", "home fax"),
    )


def test_it_joins_outlook_2003_quoted_printable_note() -> None:
    record = only("v21-outlook-2003-qp-key-from-ez-vcard.vcf")
    assert record.name == "John Doe III"
    assert record.nickname == "Joey"
    assert record.notes == "This is the note field!!\nSecond line\n\nThird line is empty"
    assert record.affiliations == (Affiliation("Company, The", "The Job Title", "TheDepartment"),)
    assert record.birthday == (1980, 3, 21)
    assert record.emails == (("jdoe@hotmail.com", ""),)
    assert record.phones[-1] == ("BusinessFaxPhone", "work fax")


def test_it_keeps_outlook_2007_note_lines_and_basic_birthday() -> None:
    record = only("v21-outlook-2007-qp-soft-breaks-from-ez-vcard.vcf")
    assert record.name == "Mr. Michael Angstadt Jr."
    assert record.notes == (
        "This is the NOTE field\t\n"
        "I assume it encodes this text inside a NOTE vCard type.\n"
        "But I'm not sure because there's text formatting going on here.\n"
        "It does not preserve the formatting"
    )
    assert record.birthday == (1922, 3, 10)
    assert ("(111) 555-4444", "cell") in record.phones
    assert len(record.phones) == 4  # X-MS-TEL is not a TEL


def test_it_reads_outlooks_card_with_a_folded_photo() -> None:
    record = only("v21-outlook-qp-label-photo-from-ez-vcard.vcf")
    assert (record.given_name, record.family_name) == ("John", "Doe")
    assert record.birthday == (1980, 3, 22)
    assert record.emails == (("john.doe@ibm.cm", ""),)
    assert record.notes.startswith("THIS SOFTWARE IS PROVIDED BY GEORGE EL-HADDAD ''AS IS'' AND")


def test_it_skips_a_card_with_only_a_photo() -> None:
    (record,) = read("v21-photo-bare-jpeg-param-from-sabre-vobject.vcf")
    assert isinstance(record, Skipped)
    assert record.line == 1
    assert "names nobody" in record.reason


def test_it_decodes_shift_jis_and_quoted_printable_shift_jis() -> None:
    record = only("v21-shift-jis-qp-sound-from-aosp-vcard.vcf")
    assert record.name == "安藤 ロイド 1"
    assert (record.family_name, record.given_name) == ("安藤", "ロイド1")
    assert record.addresses == ("東京都渋谷区桜丘町26-1セルリアンタワー6階, 150-8512",)
    assert record.notes == "メモ"


def test_it_reads_quoted_printable_without_charset_as_windows_1252() -> None:
    record = only("v21-thebat-qp-8bit-no-charset-from-roundcubemail.vcf")
    assert record.name == "Piotr Iksiñski"
    assert record.emails == (("piotr.iksinski@somedomain.com", ""),)


def test_it_survives_an_invalid_agent_line() -> None:
    record = only("v21-windows-mobile-65-invalid-agent-from-aosp-vcard.vcf")
    assert (record.name, record.family_name) == ("Example", "Example")


def test_it_reads_the_card_after_android_photo() -> None:
    record = only("v21-x-android-custom-after-photo-from-aosp-vcard.vcf")
    assert record.name == "Roid Ando"  # no FN: built from N
    assert record.birthday == (1975, 8, 20)  # the contact_event is of type 1, an anniversary


def test_it_reads_an_apple_company_card() -> None:
    record = only("v30-apple-photo-base64-param-from-roundcubemail.vcf")
    assert record.name == "Apple Computer AG"
    assert (record.given_name, record.family_name) == ("", "")
    assert record.urls == ("http://www.apple.ch",)
    assert record.city == "Wallisellen-Zürich"


def test_it_reads_em_clients_quoted_types_and_uid() -> None:
    record = only("v30-emclient-quoted-type-from-tine20.vcf")
    assert record.key == record.uid == "b41b1529-bfd2-437f-b441-19dc97b44d11"
    assert record.name == "Prefix Vor Nach Suffix"
    assert record.phones == (
        ("+49 PRIVAT", "home"),
        ("+49 MOBIL", "cell"),
        ("+49 MOBIL2", "other"),
        ("+49 FAX", "work fax"),
        ("+49 PRIVATFAX", "home fax"),
        ("+49 BUSINESS", "work"),
    )
    assert record.emails == (("privat@email.de", ""), ("business@email.de", ""))
    assert record.birthday == (1950, 1, 26)
    assert record.affiliations == (Affiliation("Firma", "Position", "Abteilung"),)
    assert record.notes == "Notes\nwith\nbreaks"


def test_it_unfolds_evolution_lines_folded_mid_value() -> None:
    record = only("v30-evolution-couchdb-folded-from-ez-vcard.vcf")
    assert record.name == "Mr. John Richter, James Doe Sr."
    assert record.phones == (("905-666-1234", "cell"), ("905-555-1234", "work"))
    assert record.emails == (("john.doe@ibm.com", "work"),)
    assert record.urls == ("http://www.ibm.com",)
    assert record.uid == "477343c8e6bf375a9bac1f96a5000837"
    assert record.categories == ("VIP",)
    assert record.affiliations == (Affiliation("IBM", "Money Counter", "Accounting, Dungeon"),)
    assert record.city == "Albaney"
    assert "WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED" in record.notes


def test_it_labels_a_gmail_item_group() -> None:
    record = only("v30-gmail-custom-labels-from-ez-vcard.vcf")
    assert record.phones == (("555 555 1111", "cell"), ("555 555 2222", "GRAND_CENTRAL"))
    assert record.nickname == "Gman"
    assert record.birthday == (1960, 9, 10)
    assert record.urls == ("http://TheProfile.com",)
    assert record.city == "Custom City"
    assert record.notes == (
        "This is GMail's note field.\nIt should be added as a NOTE type.\nACustomField: CustomField"
    )


def test_it_keeps_the_part_of_a_name_after_an_unescaped_comma() -> None:
    record = only("v30-gmail-itemN-xablabel-folded-note-from-ez-vcard.vcf")
    assert record.name == "Mr. John Richter, James Doe Sr."
    assert record.emails == (("john.doe@ibm.com", "home"),)
    assert record.birthday == (1980, 3, 22)  # not the X-ABDATE anniversary
    assert record.notes.startswith("THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIB")
    assert record.notes.endswith("POSSIBILITY OF SUCH DAMAGE.\nFavotire Color: Blue")


def test_it_reads_three_gmail_cards_without_a_final_newline() -> None:
    records = read("v30-gmail-multicard-no-trailing-newline-from-ez-vcard.vcf")
    assert [(r.line, r.name, r.emails) for r in records] == [
        (1, "Arnold Smith", (("asmithk@gmail.com", ""),)),
        (7, "Chris Beatle", (("chrisy55d@yahoo.com", ""),)),
        (13, "Doug White", (("dwhite@gmail.com", ""),)),
    ]


def test_it_reads_ios_6_cr_cr_lf_lines() -> None:
    record = only("v30-ios-6.1.3-cr-cr-lf-photo-from-aosp-vcard.vcf")
    assert record.name == "Bob Smith"
    assert record.emails == (("bob@smithauto.com", ""),)
    assert record.phones == (("(650) 555-1212", "cell"),)
    assert record.urls == ("www.smithauto.com",)
    assert record.affiliations == (Affiliation("Smith Auto Repair"),)


def test_it_unwraps_apples_built_in_labels() -> None:
    record = only("v30-ios5-iphone-type-xablabel-other-from-tine20.vcf")
    assert record.uid == "20485418136d9bfbe50cecb587cb12afb0a0cec9"
    assert record.emails == (
        ("lars@kneschke.de", "home"),
        ("l.kneschke@metaways.de", "work"),
        ("andere@mail.de", "Other"),
    )
    assert ("Tel Iphone", "iphone cell") in record.phones
    assert record.urls == ("www.heise.de", "www.private.de", "www.work.de")


def test_it_reads_the_iphone_export_mailed_with_cr_cr_lf() -> None:
    record = only("v30-iphone-ios5-cr-cr-lf-photo-from-ez-vcard.vcf")
    assert record.name == "Mr. John Richter James Doe Sr."
    assert record.phones[-1] == ("905-222-1234", "AssistantPhone")
    assert record.birthday == (2012, 6, 6)
    assert record.affiliations == (Affiliation("IBM", "Money Counter", "Accounting"),)


def test_it_reads_latin_1_bytes_and_a_broken_label() -> None:
    record = only("v30-latin1-bytes-broken-label-continuation-from-tine20.vcf")
    assert record.name == "München, Falk"
    assert (record.given_name, record.family_name) == ("Falk", "München")
    assert record.phones == (("12212/1212", "home"), ("0171-9394461", "cell"))  # empty fax
    assert record.addresses == (
        "Klippe 58, Bad Vilbel, 21255",
        "Platz der Republik 1, Düsseldorf, 40222",
    )
    assert record.affiliations == ()  # a TITLE without an ORG


def test_it_is_not_stopped_by_a_profile_line() -> None:
    record = only("v30-lotus-notes-via-apple-addressbook-from-ez-vcard.vcf")
    assert record.uid == "0e7602cc-443e-4b82-b4b1-90f62f99a199"
    assert record.nickname == "Johny,JayJay"
    assert record.affiliations == (Affiliation("IBM", "Generic Accountant", "SUN"),)
    assert record.birthday == (1980, 5, 21)


def test_it_reads_macos_escaped_commas_and_bare_labels() -> None:
    record = only("v30-macos-addressbook-itemN-photo-from-ez-vcard.vcf")
    assert record.name == "Mr. John Richter,James Doe Sr."
    assert record.phones[-1] == ("905-222-1234", "AssistantPhone")


def test_it_reads_sogo_categories_and_an_address_folded_mid_word() -> None:
    record = only("v30-sogo-connector-categories-folded-adr-from-tine20.vcf")
    assert record.categories == ("CATEGORY 1", "CATEGORY 2")
    assert record.addresses[0] == (
        "Address Business 2, Address Business 1, City Business, Region Business, 12345, "
        "Country Business"
    )
    assert record.key == "0134ac4e9974ee39937eb08659f774e4c6d6f061.vcf"
    assert record.birthday == (1975, 1, 16)


def test_it_splits_thunderbirds_escaped_category_list() -> None:
    record = only("v30-thunderbird-charset-params-from-ez-vcard.vcf")
    assert record.categories == ("category1", "category2", "category3")
    assert record.name == "John Doe"
    assert len(record.emails) == 5
    assert record.notes.startswith("This is the notes field.\nSecond Line\n\nFourth Line\n")
    assert record.notes.endswith('the "note" field; even curse words.')


def test_it_reads_utf_16_without_a_bom() -> None:
    record = only("v30-utf16be-no-bom-from-roundcubemail.vcf")
    assert record.name == "Ǽgean ĽdaMonté"
    assert record.addresses == ("169 Mária Canal, LaPaz, Conceptión, 245-876, Perú",)


def test_it_reads_a_4_0_card_with_a_label_parameter() -> None:
    record = only("v40-adr-label-param-caret-encoding-from-ez-vcard.vcf")
    assert record.name == "Dummy, Dummy"
    assert record.phones == (("+49 1234 56789", "cell"), ("+49 9876 54321", "work"))
    assert record.city == "Bad Homburg"
    assert record.key == "8b574c60-fd7f-4e99-b584-c5db131ae687"


def test_it_pairs_repeated_org_and_title() -> None:
    record = only("v40-fullcontact-multi-org-photo-uri-from-ez-vcard.vcf")
    assert record.affiliations == (
        Affiliation("Organization1", "Title1", "Department1"),
        Affiliation("Organization2", "Title2", "Department2"),
    )
    assert record.birthday == (2016, 8, 1)
    assert record.emails[-1] == ("custom@example.com", "customtype")
    assert record.categories == ("Tag",)
    assert record.nickname == "NickName"


def test_it_reads_the_rfc_6350_example() -> None:
    record = only("v40-rfc6350-spec-example-from-ez-vcard.vcf")
    assert record.birthday == (None, 2, 3)
    assert record.phones == (
        ("+1-418-656-9254;ext=102", "work"),
        ("+1-418-262-6501", "work cell video text"),
    )
    assert record.emails == (("simon.perreault@viagenie.ca", "work"),)
    assert record.city == "Quebec"


def test_it_reads_a_japanese_4_0_card() -> None:
    record = only("v40-sort-as-japanese-from-aosp-vcard.vcf")
    assert record.name == "安藤 ロイド"
    assert record.affiliations == (Affiliation("グーグル", "", "検索部門"),)


# Small cards for what no sample shows -------------------------------------------------------


def test_it_joins_a_soft_break_inside_a_utf8_character() -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
        b"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=D8=A7=D8=\r\n=A8 Siti=\r\n Aisyah\r\n"
        b"END:VCARD\r\n"
    )
    (record,) = parse_bytes(data)
    assert record.name == "اب Siti Aisyah"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("BDAY:1980-03-22", (1980, 3, 22)),
        ("BDAY:19800322", (1980, 3, 22)),
        ("BDAY;value=date:1980-03-22", (1980, 3, 22)),
        ("BDAY:1980-03-22T00:00:00Z", (1980, 3, 22)),
        ("BDAY:--0203", (None, 2, 3)),
        ("BDAY:--02-03", (None, 2, 3)),
        ("BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-15", (None, 4, 15)),
        ("BDAY;X-APPLE-OMIT-YEAR=1604:1985-04-15", (None, 4, 15)),
        ("BDAY:1604-06-26", (None, 6, 26)),
        ("BDAY:--0229", (None, 2, 29)),
        ("BDAY:1980-02-30", None),
        ("BDAY:sometime", None),
    ],
)
def test_it_reads_birthdays_in_every_form(line: str, expected) -> None:
    (record,) = parse_bytes(card("FN:Budi", line))
    assert record.birthday == expected


def test_it_takes_linkedin_nicknames_and_android_birthdays() -> None:
    (record,) = parse_bytes(
        card(
            "VERSION:2.1",
            "N:Susilo;Budi;;;",
            "URL:https://www.linkedin.com/in/budi-susilo",
            "X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;Mas Budi;1;;;;;;;;;;;;;",
            "X-ANDROID-CUSTOM:vnd.android.cursor.item/contact_event;1990-04-15;3;;;;;;;;;;;;;",
        )
    )
    assert record.name == "Budi Susilo"
    assert record.linkedin == "https://www.linkedin.com/in/budi-susilo"
    assert record.urls == ("https://www.linkedin.com/in/budi-susilo",)
    assert record.nickname == "Mas Budi"
    assert record.birthday == (1990, 4, 15)


def test_it_reads_4_0_tel_uris_and_strips_the_urn_from_uids() -> None:
    (record,) = parse_bytes(
        card(
            "VERSION:4.0",
            "FN:Sari",
            'TEL;VALUE=uri;TYPE="cell,voice";PREF=1:tel:+62-812-1927-4745',
            "UID:urn:uuid:0088a088-5e22-48ce-ad8c-d5ad767813d1",
        )
    )
    assert record.phones == (("+62-812-1927-4745", "cell"),)
    assert record.uid == record.key == "0088a088-5e22-48ce-ad8c-d5ad767813d1"


def test_it_counts_cr_cr_lf_as_two_line_ends_like_the_other_importers() -> None:
    records = parse_bytes(card("FN:A", end="\r\r\n") + card("FN:B", end="\r\r\n"))
    assert [r.line for r in records] == [1, 7]


def test_it_reads_utf_16_with_a_bom() -> None:
    (record,) = parse_bytes(card("FN:Dewi Lestari").decode().encode("utf-16"))
    assert record.name == "Dewi Lestari"


def test_it_skips_broken_cards_and_reads_the_rest() -> None:
    data = (
        card("FN:Ani", "TEL;CELL:0812")
        + b"BEGIN:VCARD\r\nFN:Never closed\r\n"
        + card("NOTE:nobody", "TEL:0813")
        + card("FN:Budi", 'EMAIL;TYPE="broken:budi@example.com')
    )
    records = parse_bytes(data)
    assert [type(r) for r in records] == [ContactRecord, Skipped, Skipped, ContactRecord]
    assert [r.line for r in records] == [1, 5, 7, 11]
    assert "not closed" in records[1].reason
    assert "names nobody" in records[2].reason
    assert records[3].name == "Budi"


def test_it_does_not_end_a_card_at_a_nested_agent_card() -> None:
    data = card("FN:Boss", "AGENT:", "BEGIN:VCARD", "FN:Assistant", "END:VCARD", "TEL:0812")
    (record,) = parse_bytes(data)
    assert (record.name, record.phones) == ("Boss", (("0812", ""),))


def test_it_refuses_a_file_without_cards() -> None:
    with pytest.raises(FormatError):
        parse_bytes(b"First Name,Last Name\r\nBudi,Santoso\r\n")


def test_it_keys_cards_without_uid_by_name_and_first_contact() -> None:
    before = parse_bytes(card("FN:Budi", "TEL:0812", "NOTE:old") + card("FN:Budi"))
    after = parse_bytes(card("FN:budi ", "TEL:0812", "TEL:0813", "NOTE:new") + card("FN:Budi"))
    assert before[0].key == after[0].key
    assert before[0].key.startswith("vcard:")
    assert before[1].key != before[0].key
    twins = parse_bytes(card("FN:Budi") + card("FN:Budi"))
    assert twins[1].key == twins[0].key + "#2"


def test_it_sniffs_vcards_and_nothing_else() -> None:
    assert vcard.sniff(b"BEGIN:VCARD\r\nVERSION:3.0\r\n", "x.txt") == 0.95
    assert vcard.sniff("BEGIN:VCARD\r\n".encode("utf-16-be"), "x") == 0.95
    assert vcard.sniff(b"\xef\xbb\xbf\r\nbegin:vcard\r\n", "x") == 0.95
    assert vcard.sniff(b"First Name,Last Name\r\n", "contacts.csv") == 0.0
    assert vcard.sniff(b"", "contacts.vcf") == 0.3


# Properties --------------------------------------------------------------------------------

PIECES = [
    b"BEGIN:VCARD",
    b"END:VCARD",
    b"VERSION:2.1",
    b"FN:Budi, Santoso",
    b"N:Santoso;Budi;;;",
    b"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=91=",
    b"NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=punycode:=F1",
    b'TEL;TYPE="cell:0812',
    b"item1.X-ABLabel:_$!<Other>!$_",
    b"item1.EMAIL:a@b.c",
    b"BDAY;X-APPLE-OMIT-YEAR=1604:1604-02-30",
    b"ORG:;;",
    b"CATEGORIES:\\,,",
    b"AGENT:",
    b"BEGIN:X",
    b"END:X",
    b"PHOTO;ENCODING=b:AAAA",
    b" folded",
    b"=20",
    b"ADR:;;\\",
    b"X-ANDROID-CUSTOM:vnd.android.cursor.item/contact_event;--0229;3",
]
FRAGMENTS = st.sampled_from(PIECES)
LINES = st.lists(FRAGMENTS | st.binary(max_size=12), max_size=30)
ENDS = st.sampled_from([b"\r\n", b"\n", b"\r", b"\r\r\n"])


def assert_records_or_format_error(data: bytes) -> None:
    records_or_format_error(vcard, data, allowed=(ContactRecord, Skipped))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=600))
def test_it_reads_random_bytes_or_raises_format_error(data: bytes) -> None:
    assert_records_or_format_error(data)


@settings(max_examples=300, deadline=None)
@given(LINES, ENDS)
def test_it_reads_card_like_noise_or_raises_format_error(lines: list[bytes], end: bytes) -> None:
    assert_records_or_format_error(end.join(lines))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_it_reads_mutated_samples_or_raises_format_error(data: st.DataObject) -> None:
    if not SAMPLES:
        realdata_path("vcard")  # skips visibly
    assert_records_or_format_error(
        data.draw(mutated(samples_of(SAMPLES), PIECES, edits=10, cut=64, noise=4))
    )


def test_it_reads_a_card_whose_charset_is_garbage_as_utf8() -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=\x00windows-1252:Santoso;Budi\r\n"
        b"FN;CHARSET=\x00windows-1252:Budi Santoso\r\nEND:VCARD\r\n"
    )
    records = list(vcard.parse(source_from_bytes(data), ImportOptions()))
    assert [r.name for r in records] == ["Budi Santoso"]
