"""The Google Contacts CSV importer, against ../shared/realdata/google-csv and small files.

Expected values were read off the raw files by hand, not taken from the parser's output.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jalin.importers import google_csv, registry
from jalin.importers.base import Affiliation, ContactRecord, FormatError, ImportOptions, Skipped
from tests.importers.conftest import parse_all, realdata_files, realdata_path, source_from_bytes
from tests.importers.fuzz import mutated, records_or_format_error, samples_of

SAMPLES = realdata_files("google-csv", ".csv")

CURRENT_HEADER = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
    "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,"
    "Organization Title,Organization Department,Birthday,Notes,Photo,Labels,"
    "E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,"
    "Phone 1 - Label,Phone 1 - Value,Address 1 - Label,Address 1 - Formatted,"
    "Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,"
    "Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address,"
    "Website 1 - Label,Website 1 - Value"
)


def read(name: str) -> list:
    return parse_all(google_csv, realdata_path(f"google-csv/{name}"))


def parse_text(text: str) -> list:
    return list(google_csv.parse(source_from_bytes(text.encode(), "c.csv"), ImportOptions()))


def row(cells: dict[str, str]) -> str:
    """A row under CURRENT_HEADER with the given cells, by header."""
    return ",".join(cells.get(column, "") for column in CURRENT_HEADER.split(","))


@pytest.mark.parametrize("name", SAMPLES)
def test_it_reads_every_sample(name: str) -> None:
    records = parse_all(google_csv, realdata_path(name))
    assert records
    assert all(isinstance(r, ContactRecord) for r in records)


@pytest.mark.parametrize("name", SAMPLES)
def test_it_is_chosen_for_every_sample(name: str) -> None:
    path = realdata_path(name)
    assert registry.choose(path.read_bytes()[:4096], path.name) is google_csv


def test_it_reads_the_german_legacy_export() -> None:
    records = read("google-legacy-csv-crlf-multiline-labels-from-tine20.csv")
    assert [r.line for r in records] == [2, 3, 4, 5, 6]
    assert [r.name for r in records] == ["Ando", "Anna", "Anne", "axel", "Bus Winsen"]
    ando, _, anne, axel, bus = records
    assert (ando.given_name, ando.family_name) == ("Ando", "family")
    assert ando.phones == (("+49227913452", "Mobile"),)
    assert ando.categories == ()  # only "* My Contacts"
    assert anne.phones == (("01235684494", "Mobile"),)
    assert axel.family_name == "gert"
    assert axel.emails == (("abc@here.de", "Other"),)
    assert axel.categories == ("kunden",)
    assert axel.notes == "rutan"
    assert bus.phones == (("021224351809", "Home"),)
    assert bus.addresses == ("Ring 22, Winsen",)  # the quoted, two-line Formatted cell
    assert bus.city == "Winsen"


def test_it_reads_every_block_of_the_legacy_header() -> None:
    (record,) = read("google-legacy-csv-multiline-address-my-contacts-group-from-roundcubemail.csv")
    assert record.line == 2
    assert record.name == "Prefix Firstname Middle Lastname Suffix"
    assert (record.given_name, record.family_name) == ("Firstname", "Lastname")
    assert record.nickname == "nick"
    assert record.birthday == (1975, 12, 12)
    assert record.notes == 'note"note'
    assert record.categories == ("Test",)
    assert record.emails == (
        ("home@aaa.pl", "Home"),
        ("work@email.pl", "Work"),
        ("unknown@email.com", ""),
        ("other@email.com", "Other"),
    )
    assert record.phones == (
        ("pager", "Pager"),
        ("mainphone", "Main"),
        ("homephone", "Home"),
        ("homefax", "Home Fax"),
        ("mobile", "Mobile"),
        ("workphone", "Work"),
        ("workfax", "Work Fax"),
    )
    assert record.addresses == (
        "home_street, home_pobox, home_city, home_state home_zip, home_country",
        "work_street, work_city work_zip, work_country",
    )
    assert record.city == "home_city"
    assert record.affiliations == (Affiliation("company", "jobtitle"),)
    assert record.urls == ("test.com", "home.page.com")


def test_it_reads_the_current_header() -> None:
    text = "\r\n".join(
        (
            CURRENT_HEADER,
            row(
                {
                    "First Name": "Tiara",
                    "Last Name": "Nugroho",
                    "Name Prefix": "Mbak",
                    "Organization Name": '"Litware, Inc."',
                    "Organization Title": "Sales Executive",
                    "Birthday": " --04-15",
                    "Notes": '"Teman kantor lama,\r\n""Si jago Excel"""',
                    "Labels": "* myContacts ::: * starred ::: Keluarga",
                    "E-mail 1 - Label": "* Home",
                    "E-mail 1 - Value": "tiara@example.com ::: tiara@work.example",
                    "Phone 1 - Label": "Mobile",
                    "Phone 1 - Value": "0813-8643-1768 ::: +62 819 6417 8363",
                    "Address 1 - Label": "Home",
                    "Address 1 - Formatted": '"Surabaya\nIndonesia"',
                    "Address 1 - City": "Surabaya",
                    "Website 1 - Label": "Profile",
                    "Website 1 - Value": "https://www.linkedin.com/in/tiara-nugroho",
                }
            ),
            row({"First Name": "Budi", "Birthday": "1990-04-15", "Labels": "* myContacts"}),
        )
    )
    tiara, budi = parse_text(text)
    assert (tiara.line, budi.line) == (2, 5)
    assert tiara.name == "Mbak Tiara Nugroho"
    assert tiara.birthday == (None, 4, 15)
    assert tiara.notes == 'Teman kantor lama,\n"Si jago Excel"'
    assert tiara.categories == ("Keluarga",)
    assert tiara.emails == (("tiara@example.com", "Home"), ("tiara@work.example", "Home"))
    assert tiara.phones == (("0813-8643-1768", "Mobile"), ("+62 819 6417 8363", "Mobile"))
    assert tiara.addresses == ("Surabaya, Indonesia",)
    assert tiara.city == "Surabaya"
    assert tiara.linkedin == "https://www.linkedin.com/in/tiara-nugroho"
    assert tiara.affiliations == (Affiliation("Litware, Inc.", "Sales Executive"),)
    assert budi.birthday == (1990, 4, 15)
    assert budi.categories == ()


def test_it_skips_broken_rows_and_reads_the_rest() -> None:
    huge = "x" * 200_000  # over the csv module's field size limit
    text = "\n".join(
        (
            CURRENT_HEADER,
            row({"First Name": "Ani"}),
            row({"Phone 1 - Value": "0812", "Labels": "* myContacts"}),
            row({"First Name": "Budi", "Notes": huge}),
            row({"First Name": "Citra"}),
        )
    )
    records = parse_text(text)
    assert [type(r) for r in records] == [ContactRecord, Skipped, Skipped, ContactRecord]
    assert [r.line for r in records] == [2, 3, 4, 5]
    assert "names nobody" in records[1].reason
    assert records[3].name == "Citra"


def test_it_keys_rows_by_name_and_first_email() -> None:
    before = parse_text(
        "\n".join((CURRENT_HEADER, row({"First Name": "Ani", "E-mail 1 - Value": "a@x.id"})))
    )
    after = parse_text(
        "\n".join(
            (
                CURRENT_HEADER,
                row({"First Name": "ANI", "E-mail 1 - Value": "A@x.id", "Notes": "new"}),
            )
        )
    )
    assert before[0].key == after[0].key
    assert before[0].key.startswith("google-csv:")


def test_it_refuses_other_files() -> None:
    with pytest.raises(FormatError):
        parse_text("First Name,Last Name,E-mail Address\nBudi,Santoso,b@x.id\n")
    with pytest.raises(FormatError):
        parse_text("")


def test_it_scores_outlook_and_linkedin_headers_low() -> None:
    assert google_csv.sniff(b"First Name,Last Name,E-mail Address,Mobile Phone\r\n", "x") == 0
    assert google_csv.sniff(b"First Name,Last Name,URL,Email Address,Company,Position\n", "") == 0
    assert google_csv.sniff(CURRENT_HEADER.encode("utf-8-sig"), "contacts.csv") == 0.95


# Properties --------------------------------------------------------------------------------

CELLS = st.sampled_from(
    ['"', '""', " ::: ", "* myContacts", "--02-30", "1990-13-01", "\r\n", ";", "\x00", "é"]
)


def assert_records_or_format_error(data: bytes) -> None:
    records_or_format_error(google_csv, data, allowed=(ContactRecord, Skipped))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=600))
def test_it_reads_random_bytes_or_raises_format_error(data: bytes) -> None:
    assert_records_or_format_error(data)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(CELLS | st.text(max_size=8), max_size=40), max_size=6))
def test_it_reads_noise_under_a_google_header(rows: list[list[str]]) -> None:
    lines = [CURRENT_HEADER, *(",".join(cells) for cells in rows)]
    assert_records_or_format_error("\n".join(lines).encode("utf-8", "surrogatepass"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_it_reads_mutated_samples_or_raises_format_error(data: st.DataObject) -> None:
    if not SAMPLES:
        realdata_path("google-csv")  # skips visibly
    assert_records_or_format_error(
        data.draw(mutated(samples_of(SAMPLES), edits=10, cut=4, noise=4))
    )
