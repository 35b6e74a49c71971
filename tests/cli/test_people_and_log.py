from datetime import date, timedelta

from django.utils import timezone

from jalin.core.models import Interaction, Person


def test_add_stores_the_phone_as_e164(jalin, owner):
    result = jalin(
        "add",
        "Budi Santoso",
        "--circle",
        "friends",
        "--phone",
        "0812-3456-7890",
        "--email",
        "Budi@Example.com",
        "--org",
        "Bank Mandiri",
        "--title",
        "Analyst",
        "--birthday",
        "--03-22",
        "--closeness",
        "8",
    )
    assert result.exit_code == 0, result.output
    person = Person.objects.get(owner=owner)
    assert set(person.contact_points.values_list("value", flat=True)) == {
        "+6281234567890",
        "budi@example.com",
    }


def test_add_with_a_bad_phone_exits_2_and_adds_nobody(jalin, owner):
    result = jalin("add", "Budi Santoso", "--phone", "12")
    assert result.exit_code == 2
    assert "not a possible phone number" in result.stderr
    assert not Person.objects.exists()


def test_add_with_a_duplicate_email_names_the_other_person(jalin):
    jalin("add", "Budi Santoso", "--email", "budi@example.com")
    result = jalin("add", "Budi Dua", "--email", "budi@example.com")
    assert result.exit_code == 2
    assert "belongs to Budi Santoso" in result.stderr


def test_log_finds_a_person_by_a_name_without_accents(jalin, owner):
    jalin("add", "José Álvarez")
    result = jalin("log", "jose alvarez", "--channel", "call", "--note", "Catch-up")
    assert result.exit_code == 0, result.output
    interaction = Interaction.objects.get(owner=owner)
    assert (interaction.channel, interaction.summary) == ("call", "Catch-up")


def test_log_with_an_ambiguous_name_exits_2_listing_the_matches(jalin):
    jalin("add", "Budi Santoso")
    jalin("add", "Budiman Hartono")
    result = jalin("log", "budi")
    assert result.exit_code == 2
    assert "Budi Santoso" in result.stderr
    assert "Budiman Hartono" in result.stderr
    assert not Interaction.objects.exists()


def test_log_with_an_unknown_name_exits_2(jalin):
    jalin("add", "Budi Santoso")
    result = jalin("log", "Xavier Quinn")
    assert result.exit_code == 2
    assert "no person" in result.stderr


def test_log_with_a_bad_date_exits_2_and_logs_nothing(jalin):
    jalin("add", "Budi Santoso")
    result = jalin("log", "budi", "--when", "32/13/2026")
    assert result.exit_code == 2
    assert "is not a date" in result.stderr
    assert not Interaction.objects.exists()


def test_today_reflects_a_back_dated_interaction_logged_a_moment_ago(jalin):
    jalin("add", "Budi Santoso", "--cadence", "30")
    person_id = Person.objects.get().pk
    Person.objects.filter(pk=person_id).update(added_on=date(2024, 1, 1))
    long_ago = (timezone.localdate() - timedelta(days=45)).isoformat()
    assert jalin("log", "budi", "--when", long_ago).exit_code == 0
    [row] = jalin.json("today")
    assert row["person_id"] == person_id
    assert row["last_interaction"] == long_ago
    assert row["cadence_days"] == 30
    assert row["overdue_days"] == 15
    assert row["due_date"] == (timezone.localdate() - timedelta(days=15)).isoformat()

    assert jalin("log", "budi", "--when", "yesterday").exit_code == 0
    assert jalin.json("today") == []


def test_people_searches_and_filters_by_circle(jalin):
    jalin("add", "Budi Santoso", "--circle", "friends", "--org", "Bank Mandiri")
    jalin("add", "Ani Wijaya", "--circle", "family")
    assert [p["name"] for p in jalin.json("people", "mandiri")] == ["Budi Santoso"]
    assert [p["name"] for p in jalin.json("people", "--circle", "family")] == ["Ani Wijaya"]
    assert len(jalin.json("people")) == 2


def test_show_gives_the_profile_and_timeline(jalin):
    jalin("add", "Budi Santoso", "--closeness", "9", "--phone", "0812-3456-7890")
    jalin("log", "budi", "--kind", "ask", "--by", "them", "--note", "Minta referensi")
    shown = jalin.json("show", "budi")
    assert shown["cadence_days"] == 7
    assert shown["contact_points"] == [{"kind": "phone", "value": "+6281234567890"}]
    assert [(t["kind"], t["initiator"], t["summary"]) for t in shown["timeline"]] == [
        ("ask", "them", "Minta referensi")
    ]


def test_commands_only_see_the_chosen_owners_people(jalin, other_owner):
    from jalin.core.services.people import person_create

    person_create(owner=other_owner, name="Rahasia Orang Lain")
    # Two accounts exist now: the command must be told which one.
    assert jalin("people", "--json").exit_code == 2
    assert jalin.json("--user", "ayu", "people") == []
    names = [p["name"] for p in jalin.json("--user", "bima", "people")]
    assert names == ["Rahasia Orang Lain"]
    result = jalin("--user", "ayu", "show", "Rahasia")
    assert result.exit_code == 2
