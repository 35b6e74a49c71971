import pytest

from jalin.domain.identity import (
    Identity,
    linkedin_key,
    name_key,
    name_similarity,
    suggest_duplicates,
)


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Pak Budi Santoso", "budi santoso"),
        ("Budi Santoso, S.Kom., M.M.", "budi santoso"),
        ("dr. Siti Rahmawati", "siti rahmawati"),
        ("Soekarno", "sukarno"),
        ("Djoko Tjahjono", "joko cahjono"),
        ("Mbak Ani", "ani"),
        ("Rina Wijaya MBA", "rina wijaya"),
    ],
)
def test_name_keys_drop_honorifics_degrees_and_old_spelling(raw, key):
    assert name_key(raw) == key


def test_a_lone_honorific_is_kept_as_the_name():
    assert name_key("Pak") == "pak"


def test_an_initial_stands_for_a_word():
    assert name_similarity("budi s", "budi santoso") >= 90


def test_different_people_with_one_shared_first_name_are_not_alike():
    assert name_similarity("budi santoso", "budi hartono") < 86


def test_it_suggests_spelling_and_honorific_variants():
    people = [
        Identity(1, "Pak Soeharto Wijaya"),
        Identity(2, "Suharto Wijaya"),
        Identity(3, "Budi Santoso", phones=frozenset({"+6281234567890"})),
        Identity(4, "Budi S."),
        Identity(5, "Ani Lestari"),
    ]
    pairs = {(s.a, s.b) for s in suggest_duplicates(people)}
    assert pairs == {(1, 2), (3, 4)}


def test_it_never_suggests_a_pair_that_shares_a_strong_key():
    people = [
        Identity(1, "Budi Santoso", emails=frozenset({"b@x.id"})),
        Identity(2, "Budi Santoso", emails=frozenset({"b@x.id"})),
    ]
    assert list(suggest_duplicates(people)) == []


def test_linkedin_urls_reduce_to_the_profile_handle():
    assert linkedin_key("https://www.linkedin.com/in/Budi-Santoso/?x=1") == "in/budi-santoso"
    assert linkedin_key("not a url") == ""


def test_extra_words_weaken_a_match():
    assert name_similarity("budi santoso", "budi santoso wijaya") >= 86
    assert name_similarity("john doe", "john richter james doe sr") < 86


def test_namesakes_with_different_phones_are_not_suggested():
    people = [
        Identity(1, "Budi Santoso", phones=frozenset({"+6281111111111"})),
        Identity(2, "Budi Santoso", phones=frozenset({"+6282222222222"})),
    ]
    assert list(suggest_duplicates(people)) == []


def test_a_shared_email_with_different_phones_does_not_merge_on_its_own():
    from jalin.domain.identity import automatic_merge_blocked

    a = Identity(1, "Chen Jie", phones=frozenset({"+861"}), emails=frozenset({"j@x.cn"}))
    b = Identity(2, "Chen Jie", phones=frozenset({"+862"}), emails=frozenset({"j@x.cn"}))
    assert automatic_merge_blocked(a, b) == "same email, different phones"
    family = Identity(3, "Hannah Thompson", phones=frozenset({"+861"}))
    assert automatic_merge_blocked(family, a) == "same phone or email, different names"
    nickname = Identity(4, "Pak Chen", phones=frozenset({"+861"}))
    assert automatic_merge_blocked(nickname, a) is None
