"""What a message is for: asking, giving, thanking, or just keeping in touch.

One classifier for English and Bahasa Indonesia, formal and informal ("minta tolong", "bisa
bantu", "ada lowongan", "titip", "makasih", "matur nuwun"). It is a documented lexicon of
phrases with weights, not a trained model: every decision can be explained by the phrases that
matched, and it needs no data or network at run time.

Rules, in order:

1. each kind's phrases are searched in the folded text (lower case, no accents, repeated
   letters squeezed: "makasihhh" → "makasih");
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
_COMPILED = {
    kind: tuple((re.compile(rf"(?<!\w){phrase}(?!\w)"), weight) for phrase, weight in phrases)
    for kind, phrases in LEXICON.items()
}
_REPEATS = re.compile(r"(\w)\1{2,}")


@dataclass(frozen=True)
class KindGuess:
    kind: str
    confidence: float
    matched: tuple[str, ...] = ()


def fold_text(text: str) -> str:
    """Return ``text`` lower-cased, without accents, with letters repeated 3+ times squeezed."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _REPEATS.sub(r"\1", plain)


def classify(text: str) -> KindGuess:
    """Return the kind of ``text`` (``ask``, ``give``, ``thanks``, ``intro`` or ``touch``).

    The guess carries a confidence from 0 to 1 and the phrases that decided it.
    """
    folded = fold_text(text)
    scores: dict[str, float] = {}
    matched: dict[str, list[str]] = {}
    for kind, phrases in _COMPILED.items():
        for pattern, weight in phrases:
            hit = pattern.search(folded)
            if hit:
                scores[kind] = scores.get(kind, 0.0) + weight
                matched.setdefault(kind, []).append(hit.group(0))
    if "ask" in scores and "?" in text:
        scores["ask"] += 0.5
    if not scores:
        return KindGuess("touch", 0.5)
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], _PRIORITY.index(kv[0])))
    best_kind, best = ranked[0]
    if best < THRESHOLD:
        return KindGuess("touch", round(1 - best / (THRESHOLD + 1), 2))
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    return KindGuess(best_kind, round(best / (best + runner_up + 1), 2), tuple(matched[best_kind]))


def classify_kind(text: str) -> str:
    """Return just the kind of ``text`` (see :func:`classify`)."""
    return classify(text).kind


def conversation_kind(messages: list[tuple[bool, str]]) -> str:
    """Return the kind of a conversation from its ``(is_initiator, text)`` messages.

    The initiator's ask makes it an ask; otherwise a give, an introduction or a thank-you
    anywhere in it names it; otherwise an ask by the other side; otherwise a touch.
    """
    kinds_by_initiator = {classify_kind(text) for is_initiator, text in messages if is_initiator}
    kinds_by_other = {classify_kind(text) for is_initiator, text in messages if not is_initiator}
    if "ask" in kinds_by_initiator:
        return "ask"
    every = kinds_by_initiator | kinds_by_other
    for kind in ("give", "intro", "thanks", "ask"):
        if kind in every:
            return kind
    return "touch"
