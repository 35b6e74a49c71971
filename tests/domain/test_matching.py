from jalin.domain.matching import NamedPerson, match_name

PEOPLE = [
    NamedPerson(1, "Budi Santoso", ("Mas Budi",)),
    NamedPerson(2, "Budiman Hartono"),
    NamedPerson(3, "José Álvarez"),
    NamedPerson(4, "Siti Rahmawati"),
    NamedPerson(5, "Siti Rahmawati"),
    NamedPerson(6, "Made Wirawan"),
]


def test_an_exact_name_matches_whatever_the_case_and_accents():
    assert match_name("jose alvarez", PEOPLE).person_id == 3
    assert match_name("BUDI SANTOSO", PEOPLE).person_id == 1


def test_a_nickname_matches():
    assert match_name("mas budi", PEOPLE).person_id == 1


def test_word_prefixes_find_the_one_person_they_fit():
    assert match_name("budi s", PEOPLE).person_id == 1
    assert match_name("jose", PEOPLE).person_id == 3


def test_a_prefix_that_fits_several_people_is_ambiguous():
    found = match_name("budi", PEOPLE)
    assert found.person_id is None
    assert {c.id for c in found.candidates} >= {1, 2}


def test_a_small_typo_still_finds_the_person():
    assert match_name("made wirawn", PEOPLE).person_id == 6


def test_two_people_with_the_same_name_are_never_guessed_between():
    found = match_name("siti rahmawati", PEOPLE)
    assert found.person_id is None
    assert [c.id for c in found.candidates][:2] == [4, 5]


def test_an_unknown_name_matches_nobody():
    found = match_name("Xavier Quinn", PEOPLE)
    assert found.person_id is None


def test_an_empty_query_matches_nobody():
    assert match_name("  ", PEOPLE).person_id is None
