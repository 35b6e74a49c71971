"""The Outlook / Thunderbird / generic address-book CSV importer.

Expected values were read off the raw files in ../shared/realdata/outlook-csv by hand (``xxd``
for the Windows-1252 bytes), not taken from the parser's output.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jalin.importers import google_csv, outlook_csv, registry
from jalin.importers.base import Affiliation, ContactRecord, FormatError, ImportOptions, Skipped
from tests.importers.conftest import parse_all, realdata_files, realdata_path, source_from_bytes
from tests.importers.fuzz import mutated, records_or_format_error, samples_of

SAMPLES = realdata_files("outlook-csv", ".csv")

ENGLISH_HEADER = (
    '"Title","First Name","Middle Name","Last Name","Suffix","Company","Department",'
    '"Job Title","Business Street","Business City","Business Postal Code",'
    '"Business Country/Region","Home Street","Home City","Business Phone","Home Phone",'
    '"Mobile Phone","Birthday","Categories","E-mail Address","E-mail Type",'
    '"E-mail Display Name","E-mail 2 Address","Notes","Web Page"'
)


def read(name: str) -> list:
    return parse_all(outlook_csv, realdata_path(f"outlook-csv/{name}"))


def parse_bytes(data: bytes, **options) -> list:
    return list(outlook_csv.parse(source_from_bytes(data, "c.csv"), ImportOptions(**options)))


@pytest.mark.parametrize("name", SAMPLES)
def test_it_reads_every_sample(name: str) -> None:
    records = parse_all(outlook_csv, realdata_path(name))
    assert records
    assert all(isinstance(r, ContactRecord | Skipped) for r in records)


@pytest.mark.parametrize("name", SAMPLES)
def test_it_is_chosen_for_every_sample(name: str) -> None:
    path = realdata_path(name)
    assert registry.choose(path.read_bytes()[:4096], path.name) is outlook_csv


def test_it_reads_semicolons_in_windows_1252() -> None:
    records = read("generic-semicolon-cp1252-from-tine20.csv")
    assert [r.line for r in records] == [2, 3, 4, 5]
    assert [(r.given_name, r.family_name) for r in records] == [
        ("Peter", "Pan"),
        ("Maja", "Biene"),
        ("ÖzdemirÖ", "Üglü"),  # bytes D6 7A 64 65 6D 69 72 D6 ; DC 67 6C FC
        ("Weiss", "Cornelius"),  # swapped in the file itself
    ]
    assert records[2].name == "ÖzdemirÖ Üglü"
    assert records[2].emails == (("oezdemir@ueglue.tu", ""),)


def test_it_reads_german_outlook_headers_and_ragged_rows() -> None:
    baumann, weiss = read("outlook-2013-german-localized-headers-cp1252-from-tine20.csv")
    assert (baumann.line, weiss.line) == (2, 4)  # Baumann's Notizen cell holds a line break
    assert baumann.name == "Christian Baumann"
    assert baumann.phones == (("+49 (0) 40 6432131-550", "work"),)
    assert baumann.emails == (("c.baumann@unittest.de", ""),)
    assert baumann.affiliations == (Affiliation("unittest", "Vertrieb"),)
    assert baumann.addresses == ("Pickhuben 2, Hamburg, 20457, Deutschland",)
    assert baumann.city == "Hamburg"
    assert baumann.birthday is None  # "0.0.00"
    assert baumann.notes == ""
    assert weiss.name == "Cornelius Weiß"
    assert weiss.phones == (
        ("040 6432131545", "work"),
        ("040 6432131545", "home"),
        ("0176 164321545", "mobile"),
    )
    assert weiss.affiliations == (Affiliation("unittest", "Softwareengineering"),)


def test_it_skips_the_row_that_has_only_emails() -> None:
    (record,) = read("outlook-csv-email-columns-minimal-from-roundcubemail.csv")
    assert isinstance(record, Skipped)
    assert record.line == 2
    assert "names nobody" in record.reason


def test_it_reads_thunderbirds_columns() -> None:
    (record,) = read("thunderbird-csv-export-from-roundcubemail.csv")
    assert record.name == "Displayname"
    assert (record.given_name, record.family_name, record.nickname) == (
        "Firstname",
        "Lastname",
        "Nick",
    )
    assert record.emails == (("test@domain.tld", ""), ("next@domain.tld", ""))
    assert record.phones == (
        ("phone work", "work"),
        ("phone home", "home"),
        ("fax", "fax"),
        ("pager", "pager"),
        ("mobile", "mobile"),
    )
    assert record.addresses == (
        "Priv address, City, region, xx-xxx, USA",
        "Addr work, Wcity, Wstate, 33-333, Poland",
    )
    assert record.city == "City"
    assert record.affiliations == (Affiliation("Organization", "title", "department"),)
    assert record.urls == ("http://page.com", "http://webpage.tld")
    assert record.birthday == (1970, 11, 15)


def test_it_reads_an_english_outlook_export() -> None:
    header = ENGLISH_HEADER
    rows = (
        '"Mr.","Budi","","Santoso","","Contoso","Sales","Manager","Jl. Sudirman 1","Jakarta",'
        '"10220","Indonesia","","","(021) 555-0101","","0812-3456-7890","3/22/1980",'
        '"Business;Personal","/o=ExchangeLabs/ou=Exchange/cn=Recipients/cn=budi","EX",'
        '"Budi Santoso (budi@contoso.com)","budi@example.com","Met at ""JSX""","www.budi.id"',
        '"","Sari","","Dewi","","","","","","","","","","Bandung","","","","0/0/00",'
        '"","","","","","",""',
    )
    budi, sari = parse_bytes("\r\n".join((header, *rows)).encode("cp1252"))
    assert budi.name == "Mr. Budi Santoso"
    assert budi.emails == (("budi@contoso.com", ""), ("budi@example.com", ""))
    assert budi.phones == (("(021) 555-0101", "work"), ("0812-3456-7890", "mobile"))
    assert budi.birthday == (1980, 3, 22)
    assert budi.categories == ("Business", "Personal")
    assert budi.affiliations == (Affiliation("Contoso", "Manager", "Sales"),)
    assert budi.addresses == ("Jl. Sudirman 1, Jakarta, 10220, Indonesia",)
    assert budi.notes == 'Met at "JSX"'
    assert budi.urls == ("www.budi.id",)
    assert (sari.name, sari.city, sari.birthday) == ("Sari Dewi", "Bandung", None)


@pytest.mark.parametrize(
    ("written", "order", "expected"),
    [
        ("22.03.1980", None, (1980, 3, 22)),
        ("3/4/1980", None, (1980, 3, 4)),
        ("3/4/1980", "dmy", (1980, 4, 3)),
        ("22/3/1980", None, (1980, 3, 22)),
        ("1980-03-22", None, (1980, 3, 22)),
        ("3/22/80", None, (1980, 3, 22)),
        ("0.0.00", None, None),
        ("0/0/00", None, None),
        ("soon", None, None),
    ],
)
def test_it_reads_outlook_dates(written: str, order: str | None, expected) -> None:
    (record,) = parse_bytes(f"First Name,Birthday\nBudi,{written}\n".encode(), date_order=order)
    assert record.birthday == expected


def test_it_reads_tab_separated_utf_16_exports() -> None:
    text = "Vorname\tNachname\tE-Mail-Adresse\r\nJürgen\tMüller\tj@example.de\r\n"
    (record,) = parse_bytes(text.encode("utf-16"))
    assert record.name == "Jürgen Müller"
    assert record.emails == (("j@example.de", ""),)


def test_it_reads_french_outlook_headers() -> None:
    text = "Prénom;Nom;Adresse de messagerie;Tél. mobile;Société\nÉlodie;Dupont;e@x.fr;06 12;ACME\n"
    (record,) = parse_bytes(text.encode("cp1252"))
    assert record.name == "Élodie Dupont"
    assert record.phones == (("06 12", "mobile"),)
    assert record.affiliations == (Affiliation("ACME"),)


def test_it_skips_broken_rows_and_reads_the_rest() -> None:
    text = "First Name,Last Name,Mobile Phone\nAni,A,1\n,,0812\nBudi,B,\n"
    records = parse_bytes(text.encode())
    assert [type(r) for r in records] == [ContactRecord, Skipped, ContactRecord]
    assert [r.line for r in records] == [2, 3, 4]


def test_it_refuses_files_without_name_or_email_columns() -> None:
    with pytest.raises(FormatError):
        parse_bytes(b"Date,Amount\n2024-01-01,3\n")
    with pytest.raises(FormatError):
        parse_bytes(b"")


def test_it_does_not_steal_google_or_linkedin_exports() -> None:
    google = b"Name,Given Name,Family Name,Group Membership,E-mail 1 - Type,E-mail 1 - Value\r\n"
    linkedin = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    assert outlook_csv.sniff(google, "contacts.csv") < 0.2 < google_csv.sniff(google, "")
    assert outlook_csv.sniff(linkedin, "Connections.csv") < 0.2
    assert outlook_csv.sniff(ENGLISH_HEADER.encode(), "contacts.csv") == 0.9
    assert outlook_csv.sniff(b"First Name;Last Name;E-Mail\n", "x.csv") == 0.6


# Properties --------------------------------------------------------------------------------

CELLS = st.sampled_from(['"', '""', ";", "\t", "0.0.00", "13/13/13", "2/29/00", "\r\n", "é"])


def assert_records_or_format_error(data: bytes) -> None:
    records_or_format_error(outlook_csv, data, allowed=(ContactRecord, Skipped))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=600))
def test_it_reads_random_bytes_or_raises_format_error(data: bytes) -> None:
    assert_records_or_format_error(data)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(CELLS | st.text(max_size=8), max_size=30), max_size=6))
def test_it_reads_noise_under_an_outlook_header(rows: list[list[str]]) -> None:
    lines = [ENGLISH_HEADER, *(",".join(cells) for cells in rows)]
    assert_records_or_format_error("\n".join(lines).encode("utf-8", "surrogatepass"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_it_reads_mutated_samples_or_raises_format_error(data: st.DataObject) -> None:
    if not SAMPLES:
        realdata_path("outlook-csv")  # skips visibly
    assert_records_or_format_error(
        data.draw(mutated(samples_of(SAMPLES), edits=10, cut=4, noise=4))
    )
