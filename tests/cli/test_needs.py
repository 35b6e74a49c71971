"""`jalin need`, `jalin helpers`, `jalin favour`, `jalin link`: the flow from the command line."""

from __future__ import annotations


def test_a_relatives_job_need_from_helpers_to_thanks(jalin, owner, make_person, tmp_path):
    from jalin.core.services.people import affiliation_add

    make_person("Rizky Pratama", circles=["family"])
    sari = make_person("Sari Wulandari")
    make_person("Budi Santoso", closeness=9)
    affiliation_add(owner=owner, person=sari, organisation="Bank Mandiri", title="HR Manager")
    knows = tmp_path / "knows.csv"
    knows.write_text("Budi Santoso,Sari Wulandari,friend\n")
    assert jalin("links", str(knows)).exit_code == 0

    need = jalin.json("need", "add", "Kerja untuk Rizky", "--for", "rizky", "--kind", "job",
                      "--org", "Mandiri")  # fmt: skip
    assert need["for"] == "Rizky Pratama"
    found = jalin.json("helpers", str(need["need_id"]))
    assert {"person_id", "name", "path", "score", "verdict", "why"} <= set(found[0])
    assert ["Budi Santoso", "Sari Wulandari"] in [h["path"] for h in found]

    nid = str(need["need_id"])
    assert jalin("need", "ask", nid, "budi").exit_code == 0
    assert jalin("need", "intro", nid, "budi", "sari").exit_code == 0
    closed = jalin("need", "close", nid, "--outcome", "success")
    assert closed.exit_code == 0, closed.output
    assert "reminders to thank and give back" in closed.output
    shown = jalin.json("need", "show", nid)
    assert (shown["status"], shown["helpers"]) == ("success", ["Budi Santoso"])
    favours = jalin.json("favour", "list", "budi")
    assert {(f["direction"], f["status"]) for f in favours} == {
        ("given", "promised"), ("received", "done")
    }  # fmt: skip


def test_bad_input_names_the_problem_and_exits_2(jalin, make_person):
    make_person("Ani Wijaya")
    assert jalin("helpers", "99").exit_code == 2
    result = jalin("link", "Ani Wijaya", "Ani Wijaya")
    assert result.exit_code == 2
    assert "themselves" in result.output
    result = jalin("need", "add", "Sekolah", "--kind", "magic")
    assert result.exit_code == 2
    assert jalin.json("need", "list") == []
