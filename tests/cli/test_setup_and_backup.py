import json

from django.contrib.auth import get_user_model

from jalin.core.models import Circle, Person


def test_init_creates_the_owner_with_seeded_circles(jalin_no_owner, tmp_path):
    password = tmp_path / "pw"
    password.write_text("a-long-enough-Passw0rd\n")
    result = jalin_no_owner("init", "--username", "ayu", "--password-file", str(password))
    assert result.exit_code == 0, result.output
    user = get_user_model().objects.get(username="ayu")
    assert user.check_password("a-long-enough-Passw0rd")
    assert sorted(Circle.objects.filter(owner=user).values_list("slug", flat=True)) == [
        "community",
        "family",
        "friends",
        "work",
    ]


def test_init_refuses_a_weak_password(jalin_no_owner, tmp_path):
    password = tmp_path / "pw"
    password.write_text("123")
    result = jalin_no_owner("init", "--username", "ayu", "--password-file", str(password))
    assert result.exit_code == 2
    assert "too short" in result.stderr
    assert not get_user_model().objects.exists()


def test_commands_before_init_say_what_to_do(jalin_no_owner):
    result = jalin_no_owner("today")
    assert result.exit_code == 1
    assert "jalin init" in result.stderr


def test_export_then_import_round_trips_exactly(jalin, owner, tmp_path):
    jalin("add", "Budi Santoso", "--circle", "friends", "--phone", "0812-3456-7890")
    jalin("log", "budi", "--when", "2026-01-05", "--note", "Tahun baru")
    first = tmp_path / "first.json"
    assert jalin("export", str(first)).exit_code == 0

    from jalin.core.services.accounts import owner_create

    owner_create(username="restored", password="x", validate=False)
    result = jalin("--user", "restored", "import", str(first), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["people"] == 1

    second = tmp_path / "second.json"
    assert jalin("--user", "restored", "export", str(second)).exit_code == 0
    a, b = json.loads(first.read_text()), json.loads(second.read_text())
    for document in (a, b):
        document.pop("exported_at"), document.pop("owner")
    assert a == b


def test_import_of_a_malformed_backup_names_the_file_and_line(jalin, owner, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "jalin-backup",\n "version": 1,\n "people": [}\n')
    result = jalin("import", str(broken))
    assert result.exit_code == 2
    assert f"{broken}:3:" in result.stderr
    assert not Person.objects.exists()


def test_import_of_an_unknown_file_says_so(jalin, tmp_path):
    other = tmp_path / "notes.txt"
    other.write_bytes(b"\xff\xfe\x00garbage")
    result = jalin("import", str(other))
    assert result.exit_code == 2
    assert "not a recognised format" in result.stderr


def test_demo_if_empty_leaves_real_data_alone(jalin):
    result = jalin("demo", "--if-empty")
    assert result.exit_code == 0
    assert "holds data already" in result.stdout
    assert not get_user_model().objects.filter(username="demo").exists()


def test_demo_prints_the_login(jalin_no_owner):
    result = jalin_no_owner("demo")
    assert result.exit_code == 0, result.output
    assert "demo" in result.stdout
    assert "jalin-demo" in result.stdout


def test_import_of_several_files_reads_them_in_parallel_and_reports_each(jalin, owner, tmp_path):
    from jalin.core.models import Interaction

    chats = []
    for number, name in enumerate(["Budi Santoso", "Sari Dewi", "Ani Wijaya"], start=1):
        chat = tmp_path / f"WhatsApp Chat with {name}.txt"
        chat.write_text(
            f"0{number}/03/21, 14:05 - {name}: Halo!\n0{number}/03/21, 14:06 - Ayu: Hai {name}\n"
        )
        chats.append(str(chat))
    broken = tmp_path / "broken.vcf"
    broken.write_bytes(b"\x00\x01\x02")
    result = jalin("import", *chats, str(broken), "--json")
    assert result.exit_code == 2
    summaries = json.loads(result.stdout)
    assert [s["file"] for s in summaries] == [*chats, str(broken)]
    assert [s.get("conversations") for s in summaries[:3]] == [1, 1, 1]
    assert summaries[3]["error"].startswith(f"{broken}: not a vCard file")
    assert Interaction.objects.filter(owner=owner).count() == 3


def test_import_of_a_folder_takes_the_exports_in_it_and_leaves_photos_alone(jalin, owner, tmp_path):
    from jalin.core.models import Interaction

    folder = tmp_path / "WhatsApp Chat - Budi Santoso"
    folder.mkdir()
    (folder / "_chat.txt").write_text(
        "[01/03/21 14:05:00] Budi Santoso: Halo!\n[01/03/21 14:06:00] Ayu: Hai Budi\n"
    )
    (folder / "00000012-PHOTO-2021-03-01.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 64)
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    result = jalin("import", str(folder))
    assert result.exit_code == 0, result.output
    assert "left alone 1 files" in result.output
    assert Interaction.objects.filter(owner=owner).count() == 1
