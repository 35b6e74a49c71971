"""What a message is for: asking, giving, thanking, or just keeping in touch.

One classifier for English and Bahasa Indonesia, formal and informal ("minta tolong", "bisa
bantu", "ada lowongan", "titip", "makasih", "matur nuwun"). It is a documented lexicon of
phrases with weights, not a trained model: every decision can be explained by the phrases that
matched, and it needs no data or network at run time.

Phrases are written in a small pattern syntax — literal words, ``(a|b)`` alternatives, ``?``
after a letter or a group for "optional", ``\\w+`` for any one word — and expanded once into
plain word sequences. Matching is then word by word against the folded text, a dictionary
lookup per word, so a million chat messages are classified in seconds (a regex search per
phrase took a minute).

Rules, in order:

1. each kind's phrases are looked for in the folded text (lower case, plain letters, repeated
   letters squeezed: "makasihhh" → "makasih"), word by word;
2. a kind's score is the sum of the weights of its matched phrases; a question mark adds to
   ``ask`` only when an ask phrase matched too ("bisa bantu?");
3. the best-scoring kind wins when its score reaches ``THRESHOLD``; otherwise ``touch``;
4. confidence = best / (best + runner-up + 1), so one strong phrase gives about 0.5–0.7 and
   several agreeing phrases approach 1.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from itertools import chain, repeat

THRESHOLD = 1.0

# (phrase regex, weight). Word boundaries are added around each phrase.
LEXICON: dict[str, tuple[tuple[str, float], ...]] = {
    "ask": (
        # Indonesian
        (r"minta tolong", 2.0),
        (r"mohon bantuan(nya)?", 2.0),
        (r"(bisa|boleh|bs) (minta )?(bantu|tolong)", 2.0),
        (r"tolong (dong|ya|yah|banget)", 1.5),
        (r"(bisa|boleh) minta", 1.5),
        (r"minta (info|referensi|rekomendasi|kontak|nomor|waktu)(nya)?", 1.5),
        (r"ada (lowongan|loker|info loker|kenalan|kontak)", 2.0),
        (r"titip(an)?", 1.5),
        (r"nitip", 1.5),
        (r"(bisa|boleh) (kenalin|dikenalin|dikenalkan|rekomendasiin|referensiin)", 2.0),
        (r"(butuh|perlu) (bantuan|bantu|pinjaman|modal|info)", 2.0),
        (r"pinjam(in)?", 1.5),
        (r"minjem", 1.5),
        (r"mau nanya", 1.0),
        (r"boleh nanya", 1.0),
        (r"numpang (tanya|nanya)", 1.0),
        (r"(bisa|boleh) (di)?bantu", 2.0),
        (r"referral", 1.5),
        (r"rekomendasi(in)?", 1.0),
        (r"nyari(in)? (kerja|kerjaan|sekolah|kampus)", 1.5),
        # English
        (r"(could|can|would) you (please )?(help|introduce|refer|recommend|lend|check|look)", 2.0),
        (r"(do|would) you (mind|know anyone|know someone|happen to know)", 1.5),
        (r"i need (your )?help", 2.0),
        (r"need a (favou?r|referral|hand|loan)", 2.0),
        (r"(ask|asking) (you )?(a|for a) favou?r", 2.0),
        (r"any (openings?|vacanc(y|ies)|job openings?|positions?)", 2.0),
        (r"(is|are) (there|they) hiring", 1.5),
        (r"(put|get) me in touch", 2.0),
        (r"introduce me", 2.0),
        (r"refer me", 2.0),
        (r"recommendation letter", 1.5),
        (r"could i borrow", 1.5),
        (r"can i borrow", 1.5),
        (r"please help", 1.5),
        (r"help me (with|out|find|get)", 1.5),
    ),
    "give": (
        (r"(aku|saya|gue|gw|gua) (bantu|bantuin|kenalin|kenalkan|rekomendasiin)", 2.0),
        (r"(nanti|biar) (aku|saya|gue|gw) (bantu|kenalin|bantuin)", 2.0),
        (r"(ini|berikut) (info|kontak|nomor|link)(nya)?", 1.5),
        (r"(udah|sudah) (aku|saya|gue|gw) (kirim|kenalin|rekomendasiin|referensikan)", 2.0),
        (r"(aku|saya|gue|gw) (kirim|kirimin|transfer)", 1.0),
        (r"(ada|nih) lowongan", 1.0),
        (r"silakan (pakai|dipakai|hubungi)", 1.0),
        (r"happy to help", 2.0),
        (r"(i|i'll|i will|let me) (introduce|connect|refer|recommend|send|share|help)", 2.0),
        (r"here(')?s (the|a|his|her|their) (contact|number|link|intro|info)", 1.5),
        (r"i('ve| have) (sent|introduced|referred|recommended|forwarded)", 2.0),
        (r"you can (use|borrow|have)", 1.0),
        (r"(i'm|i am) (hiring|looking for someone)", 1.0),
    ),
    "thanks": (
        (r"terima ?kasih", 2.0),
        (r"makasih|mksh|makasi|maaciw|kasihh", 2.0),
        (r"thx", 1.5),
        (r"tengkyu", 2.0),
        (r"matur (nuwun|suwun)", 2.0),
        (r"nuhun", 2.0),
        (r"hatur nuhun", 2.0),
        (r"suwun", 1.5),
        (r"thanks?( (a lot|so much|a bunch|again))?", 2.0),
        (r"thank you", 2.0),
        (r"tq", 1.0),
        (r"ty", 0.5),
        (r"(much )?appreciated", 1.5),
        (r"grateful", 1.5),
        (r"berkat (bantuan|kamu|anda|bapak|ibu)", 1.5),
        (r"jasa(mu|nya)", 1.0),
    ),
    "intro": (
        (r"(kenalin|kenalkan|perkenalkan),? (ini|nih)", 2.0),
        (r"(mau|ingin) (ngenalin|mengenalkan|memperkenalkan)", 2.0),
        (r"(let me|allow me to|i'd like to|wanted to) introduce", 2.0),
        (r"meet \w+,? (who|she|he)", 1.5),
        (r"cc(')?ing", 1.0),
        (r"looping in", 1.5),
        (r"(you two|kalian berdua) (should|harus|perlu) (meet|connect|ketemu|kenalan)", 2.0),
    ),
}
_PRIORITY = ("ask", "give", "intro", "thanks")
_REPEATS = re.compile(r"(\w)\1{2,}")
_WORDS = re.compile(r"[a-z0-9']+")
ANY_WORD = "\\w+"


def _expand(pattern: str) -> list[str]:
    """Return every literal string ``pattern`` stands for (see the module doc for the syntax)."""
    alternatives = _split_alternatives(pattern)
    if len(alternatives) > 1:
        return [literal for part in alternatives for literal in _expand(part)]
    results = [""]
    i = 0
    while i < len(pattern):
        if pattern.startswith(ANY_WORD, i):
            parts, i = [ANY_WORD], i + len(ANY_WORD)
        elif pattern[i] == "(":
            depth, j = 0, i
            while True:
                depth += {"(": 1, ")": -1}.get(pattern[j], 0)
                if depth == 0:
                    break
                j += 1
            parts = _expand(pattern[i + 1 : j])
            i = j + 1
        else:
            parts, i = [pattern[i]], i + 1
        if i < len(pattern) and pattern[i] == "?":
            parts, i = [*parts, ""], i + 1
        results = [r + p for r in results for p in parts]
    return results


def _split_alternatives(body: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for k, ch in enumerate(body):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == "|" and depth == 0:
            parts.append(body[start:k])
            start = k + 1
    return [*parts, body[start:]]


# Words of everyday chat that phrases contain: a poor key, since a key that is found sends
# the matcher to check each phrase it stands for.
_COMMON_WORDS = frozenset(
    "nanti sudah udah ketemu aku saya gue gw gua kamu ini itu ada bisa boleh mau minta nih"
    " info kirim share biar i you me the a an to for can could would do is are have send"
    " should two".split()
)


def _rarity(word: str) -> tuple[bool, bool, int]:
    """Rank a phrase's words for its key: a real word, not an everyday one, the longest."""
    return word != ANY_WORD, word not in _COMMON_WORDS, len(word)


def _phrase_index() -> dict[str, list[tuple[list[str], int, str, int, float, bool]]]:
    """Map each phrase's key word to its phrases.

    Each is ``(words, key position, kind, pattern number, weight, has a wildcard)``.
    The key is the phrase's longest word that is not an everyday one: such words are rare in
    chat, so most messages share no key with any phrase and are settled by one set operation.
    """
    index: dict[str, list] = {}
    number = 0
    for kind, phrases in LEXICON.items():
        for pattern, weight in phrases:
            for literal in _expand(pattern):
                words = tuple(
                    ANY_WORD if w == "w" and ANY_WORD in literal else w
                    for w in _WORDS.findall(literal.replace(ANY_WORD, " w "))
                )
                if words:
                    key = max(range(len(words)), key=lambda k: _rarity(words[k]))
                    entry = (list(words), key, kind, number, weight, ANY_WORD in words)
                    index.setdefault(words[key], []).append(entry)
            number += 1
    return index


_INDEX = _phrase_index()
_KEYS = frozenset(_INDEX)


@dataclass(frozen=True)
class KindGuess:
    kind: str
    confidence: float
    matched: tuple[str, ...] = ()


def fold_text(text: str) -> str:
    """Return ``text`` lower-cased, as plain ASCII letters, with 3+ repeated letters squeezed.

    Accents fall away with their letters kept ("terimakasíh" → "terimakasih"); emoji and other
    scripts, which no phrase of the lexicon contains, are dropped. All of it runs in C.
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _REPEATS.sub(r"\1", text.lower())


_TOKEN_WORDS: dict[str, tuple[str, ...]] = {}
_TOKEN_CACHE_SIZE = 200_000


def words_of(text: str) -> list[str]:
    """Return the words of ``text`` folded as :func:`fold_text` does, in order.

    Chat texts repeat the same few thousand tokens, so each whitespace-separated token is
    folded once and remembered: the text itself is only lower-cased and split (in C), not
    run through the folding regexes each time.
    """
    tokens = text.lower().split()
    cache = _TOKEN_WORDS
    for token in set(tokens).difference(cache):
        if len(cache) >= _TOKEN_CACHE_SIZE:
            cache.clear()
        cache[token] = tuple(_WORDS.findall(fold_text(token)))
    return list(chain.from_iterable(map(cache.__getitem__, tokens)))


def _matches(words: list[str]):
    """Yield ``(kind, pattern number, weight, phrase)`` for each phrase found in ``words``."""
    keys = _KEYS.intersection(words)
    if not keys:
        return
    size, found = len(words), []
    for key_word in keys:
        candidates = _INDEX[key_word]
        i = -1
        while True:
            try:
                i = words.index(key_word, i + 1)  # a C scan: most words are no key
            except ValueError:
                break
            for phrase, key, kind, number, weight, wild in candidates:
                start, end = i - key, i - key + len(phrase)
                if start < 0 or end > size:
                    continue
                if _fits(phrase, words, start) if wild else words[start:end] == phrase:
                    found.append((start, number, kind, weight, " ".join(words[start:end])))
    found.sort()  # in reading order, whatever order the set gave the keys in
    for _start, number, kind, weight, phrase in found:
        yield kind, number, weight, phrase


def _fits(phrase: list[str], words: list[str], start: int) -> bool:
    for offset, part in enumerate(phrase):
        if part != ANY_WORD and part != words[start + offset]:
            return False
    return True


def classify(text: str) -> KindGuess:
    """Return the kind of ``text`` (``ask``, ``give``, ``thanks``, ``intro`` or ``touch``).

    The guess carries a confidence from 0 to 1 and the phrases that decided it.
    """
    return _classify_words(words_of(text), "?" in text)


def _classify_words(words: list[str], question: bool) -> KindGuess:
    """Return the guess for a text's folded ``words``; ``question``: it holds a "?"."""
    scores: dict[str, float] = {}
    matched: dict[str, list[str]] = {}
    counted: set[int] = set()
    for kind, number, weight, phrase in _matches(words):
        if number in counted:
            continue
        counted.add(number)
        scores[kind] = scores.get(kind, 0.0) + weight
        matched.setdefault(kind, []).append(phrase)
    if not scores:
        return KindGuess("touch", 0.5)
    if "ask" in scores and question:
        scores["ask"] += 0.5
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], _PRIORITY.index(kv[0])))
    best_kind, best = ranked[0]
    if best < THRESHOLD:
        return KindGuess("touch", round(1 - best / (THRESHOLD + 1), 2))
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    return KindGuess(best_kind, round(best / (best + runner_up + 1), 2), tuple(matched[best_kind]))


def classify_kind(text: str) -> str:
    """Return just the kind of ``text`` (see :func:`classify`)."""
    return classify(text).kind


_MESSAGE_WORDS: dict[str, tuple[str, ...]] = {}


def _side_kind(texts: list[str]) -> str:
    """Return the kind of one side's messages read together, as :func:`classify` would.

    Messages repeat ("ok", "makasih", a shared link), so each message's words are folded
    once and remembered; a side's words are its messages' words in order.
    """
    cache = _MESSAGE_WORDS
    if len(cache) >= _TOKEN_CACHE_SIZE:
        cache.clear()
    for text in set(texts).difference(cache):
        cache[text] = tuple(words_of(text))
    words = list(chain.from_iterable(map(cache.__getitem__, texts)))
    return _classify_words(words, any(map(str.__contains__, texts, repeat("?")))).kind


def conversation_kind(initiator_texts: list[str], other_texts: list[str]) -> str:
    """Return the kind of a conversation from each side's messages.

    Each side's messages are read together. The initiator's ask makes it an ask; otherwise a
    give, an introduction or a thank-you on either side names it; otherwise an ask by the other
    side; otherwise a touch.
    """
    by_initiator = _side_kind(initiator_texts)
    if by_initiator == "ask":
        return "ask"
    by_other = _side_kind(other_texts)
    for kind in ("give", "intro", "thanks", "ask"):
        if kind in (by_initiator, by_other):
            return kind
    return "touch"
