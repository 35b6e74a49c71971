"""Identity resolution: when two records are the same person.

Two kinds of evidence, treated differently:

* **Strong keys** — a phone in E.164, a lower-cased email, a LinkedIn profile URL, a vCard UID.
  Sharing one is as good as proof; records sharing a strong key are merged automatically.
* **Names** — similar names only *suggest* a duplicate; the owner decides in the review queue.
  Names are compared after :func:`name_key`: accents and case folded, honorifics ("Pak", "Bu",
  "Mas", "Mbak", "Kak", "Dr.") and degrees ("S.Kom", "MBA", "Ph.D.") dropped, and the old
  Indonesian spellings written the new way (oe→u, dj→j, tj→c, sj→sy, nj→ny, ch→kh), so
  "Pak Soekarno, S.H." and "Sukarno" meet; a final y after a consonant reads as i (Rizky ~
  Rizki). Similarity is rapidfuzz's ``token_set_ratio`` over
  those keys, with an initial allowed to stand for a word ("Budi S." ~ "Budi Santoso").

Candidates are found by blocking (only names that share a word prefix are compared), so a
network of 100,000 people is not compared pair by pair.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from jalin.domain.normalise import fold_name

SUGGEST_SCORE = 86.0
EXTRA_WORD_COST = 6.0
COMPATIBLE_NAME_SCORE = 60.0
"""Name similarity (0–100) from which a pair goes to the review queue."""

HONORIFICS = frozenset(
    "pak bapak bu ibu mas mbak mba kak kakak bang abang om tante dik adik cik koh ko ci "
    "mr mrs ms miss mx dr prof ir drs dra h hj haji hajjah ustadz ustad ustadzah kyai sir "
    "madam bro sis".split()
)
DEGREES = frozenset(
    "skom st se sh spd ssi ssos sip sked sked sp sag sth sfarm sgz skm sds ssn sikom sstp "
    "mm mt mkom msi msc ma mba mph mpd mh mag mkes phd dr drs ir amd amd ak cpa cfa "
    "bsc ba bs meng beng llb llm md".split()
)
_OLD_SPELLING = (("oe", "u"), ("dj", "j"), ("tj", "c"), ("sj", "sy"), ("nj", "ny"), ("ch", "kh"))
_NON_WORD = re.compile(r"[^\w\s]")
_FINAL_Y = re.compile(r"(?<=[^aeiou\s])y\b")  # Rizky ~ Rizki, Dewy ~ Dewi


def name_key(name: str) -> str:
    """Return the comparison key of a name (see the module doc); ``""`` when nothing is left."""
    folded = fold_name(name)
    # Degrees follow a comma ("Budi, S.Kom., M.M."): drop everything after the first comma
    # when what follows is only degrees.
    head, _, tail = folded.partition(",")
    if tail and all(_NON_WORD.sub("", t) in DEGREES for t in tail.split() if t.strip(".")):
        folded = head
    words = [_NON_WORD.sub("", w) for w in folded.replace(".", ". ").split()]
    words = [w for w in words if w]
    while len(words) > 1 and words[0] in HONORIFICS:
        words = words[1:]
    while len(words) > 1 and words[-1] in DEGREES:
        words = words[:-1]
    key = " ".join(words)
    for old, new in _OLD_SPELLING:
        key = key.replace(old, new)
    return _FINAL_Y.sub("i", key)


@dataclass(frozen=True)
class Identity:
    """What identity resolution knows of a person: an id, names and strong keys."""

    id: int
    name: str
    phones: frozenset[str] = frozenset()
    emails: frozenset[str] = frozenset()
    linkedin: str = ""
    uid: str = ""
    organisations: frozenset = frozenset()  # any keys that name an organisation (ids, names)


@dataclass(frozen=True)
class Suggestion:
    """Two people who may be one, with a score (0–100) and the reasons a person can read."""

    a: int
    b: int
    score: float
    reasons: tuple[str, ...] = field(default_factory=tuple)


def linkedin_key(url: str) -> str:
    """Return a LinkedIn profile URL reduced to its handle (``linkedin:in/budi-santoso``)."""
    match = re.search(r"linkedin\.com/(in|pub)/([^/?#\s]+)", url.strip().lower())
    return f"{match[1]}/{match[2]}" if match else ""


def _expand_initials(a: list[str], b: list[str]) -> list[str]:
    """Replace each one-letter word of ``a`` by the word of ``b`` it abbreviates, if any."""
    result = []
    for word in a:
        if len(word) == 1:
            full = next((w for w in b if len(w) > 1 and w.startswith(word)), None)
            result.append(full or word)
        else:
            result.append(word)
    return result


def name_similarity(a: str, b: str) -> float:
    """Return how alike two name keys are, 0–100, letting initials stand for words.

    Word order does not matter ("Santoso Budi" ~ "Budi Santoso"). When all the words of one
    name appear in the other, each extra word costs ``EXTRA_WORD_COST``: "Budi Santoso" and
    "Budi Santoso Wijaya" are alike, "John Doe" and "John Richter James Doe Sr." much less.
    """
    if not a or not b:
        return 0.0
    words_a, words_b = a.split(), b.split()
    expanded_a = _expand_initials(words_a, words_b)
    expanded_b = _expand_initials(words_b, words_a)
    joined_a, joined_b = " ".join(expanded_a), " ".join(expanded_b)
    score = max(fuzz.token_sort_ratio(joined_a, joined_b), fuzz.ratio(joined_a, joined_b))
    small, large = sorted((set(expanded_a), set(expanded_b)), key=len)
    if len(small) >= 2 and small < large:
        score = max(score, 100.0 - EXTRA_WORD_COST * len(large - small))
    return float(score)


def names_compatible(a: str, b: str) -> bool:
    """Return False only when two name keys clearly belong to different people.

    Names in different scripts cannot be compared ("鈴木 由美" and "Yumi Suzuki"), nor can an
    empty one; names sharing a word or an initial ("Budi" and "Pak Budi Santoso") may be one
    person; otherwise they must be alike.
    """
    if not a or not b or not (a.isascii() and b.isascii()):
        return True
    words_a, words_b = set(a.split()), set(b.split())
    if words_a & words_b:
        return True
    return name_similarity(a, b) >= COMPATIBLE_NAME_SCORE


def automatic_merge_blocked(
    incoming: Identity, existing: Identity, *, same_source: bool = False
) -> str | None:
    """Return why two records that share a strong key should not merge on their own, or None.

    A shared phone or email is strong evidence, but not when the rest contradicts it: both
    have phone numbers and none is the same (two people given one address); both have LinkedIn
    profiles and they differ; the same address book already lists the existing person as a
    separate entry and no phone ties the two; or their names are plainly different (a family's
    landline). Such pairs go to the review queue instead.
    """
    shares_phone = bool(incoming.phones & existing.phones)
    if incoming.phones and existing.phones and not shares_phone:
        return "same email, different phones"
    if incoming.linkedin and existing.linkedin and incoming.linkedin != existing.linkedin:
        return "same email, different LinkedIn profiles"
    if same_source and not shares_phone:
        return "listed apart in the same source"
    if not names_compatible(name_key(incoming.name), name_key(existing.name)):
        return "same phone or email, different names"
    return None


def _share_strong_key(a: Identity, b: Identity) -> bool:
    """Whether two people share a phone, email, LinkedIn profile or vCard UID."""
    return bool(
        a.phones & b.phones
        or a.emails & b.emails
        or (a.linkedin and a.linkedin == b.linkedin)
        or (a.uid and a.uid == b.uid)
    )


def _blocks(key: str) -> set[str]:
    return {word[:3] for word in key.split() if len(word) >= 3}


MAX_BLOCK = 500
"""A block shared by more people than this (a very common first name) is not compared on."""


class IdentityIndex:
    """People indexed for finding duplicates: name keys and blocks, kept as people are added.

    Building it costs one :func:`name_key` per person; after that, the suggestions for a few new
    people compare them only with the people who share a block, so importing many small files
    one after another stays cheap.
    """

    def __init__(self, people: Iterable[Identity] = ()) -> None:
        self.people: dict[int, Identity] = {}
        self.keys: dict[int, str] = {}
        self.blocks: dict[str, set[int]] = defaultdict(set)
        for person in people:
            self.add(person)

    def add(self, person: Identity) -> None:
        """Add or replace a person."""
        self.people[person.id] = person
        self.keys[person.id] = key = name_key(person.name)
        for block in _blocks(key):
            self.blocks[block].add(person.id)

    def suggestions_for(
        self, ids: Iterable[int], *, threshold: float = SUGGEST_SCORE
    ) -> Iterator[Suggestion]:
        """Yield the suggested pairs that involve any of ``ids``, each pair once."""
        seen: set[tuple[int, int]] = set()
        for pid in ids:
            if pid not in self.people:
                continue
            for block in _blocks(self.keys[pid]):
                members = self.blocks[block]
                if len(members) > MAX_BLOCK:
                    continue
                for other in members:
                    pair = (min(pid, other), max(pid, other))
                    if other == pid or pair in seen:
                        continue
                    seen.add(pair)
                    found = _compare(
                        self.people[pair[0]], self.people[pair[1]], self.keys, threshold
                    )
                    if found is not None:
                        yield found


def suggest_duplicates(
    people: Iterable[Identity], *, threshold: float = SUGGEST_SCORE
) -> Iterator[Suggestion]:
    """Yield every pair of ``people`` whose names are alike (see :class:`IdentityIndex`).

    Pairs that share a strong key are not suggested — they are merged automatically. Pairs whose
    phone numbers all differ are not suggested unless they work at the same organisation, and
    different emails lower the score: different numbers are evidence of different people.
    """
    index = IdentityIndex(people)
    yield from index.suggestions_for(list(index.people), threshold=threshold)


def _compare(a: Identity, b: Identity, keys: dict[int, str], threshold: float) -> Suggestion | None:
    same_organisation = bool(a.organisations & b.organisations)
    if a.phones and b.phones and not same_organisation:
        # Both have numbers and none is shared: a namesake, not a duplicate (measured on the
        # benchmark data, this rule removes 4 in 10 suggestions and almost no true one).
        return None
    if _share_strong_key(a, b):  # merged automatically, never suggested
        return None
    score = name_similarity(keys[a.id], keys[b.id])
    reasons = [f"names alike ({score:.0f})"]
    if same_organisation:
        score += 5
        reasons.append("same organisation")
    if a.emails and b.emails:
        score -= 4
        reasons.append("different emails")
    if score < threshold:
        return None
    return Suggestion(a.id, b.id, round(min(score, 100.0), 1), tuple(reasons))
