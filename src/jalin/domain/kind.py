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

# (phrase pattern, weight), per kind; see the module doc for the syntax and the rules.
_ME = "(aku|saya|gue|gw|gua|kami)"  # the writer, in Indonesian chat
_YOU = "(lo|lu|kamu|km|kakak|kak|mas|mbak|mba|bapak|pak|ibu|bu|anda)"  # the reader
LEXICON: dict[str, tuple[tuple[str, float], ...]] = {
    "ask": (
        # Indonesian: asking for help or a favour
        (r"minta tolong", 2.0),
        (r"(mohon|memohon) (bantuan|kesediaan|arahan|masukan|saran|petunjuk|dukungan)(nya)?", 2.0),
        (r"mohon dibantu", 2.0),
        (r"memohon", 1.0),
        (r"(bisa|boleh|bs) (minta )?(bantu|tolong)", 2.0),
        (r"(bisa|boleh|bs) dibantu", 2.0),
        (r"tolong", 1.0),
        (r"tolong (dong|ya|yah|banget|bgt)", 1.5),
        (r"tolongin", 2.0),
        (r"(bisa|boleh) minta", 1.5),
        (
            r"minta (info|referensi|rekomendasi|kontak|nomor|nomer|no|waktu|pendapat|saran"
            r"|masukan|link|surat|data|file|bantuan|tolong|alamat|email|cv)(nya)?",
            1.5,
        ),
        (r"bantu (share|sebar|sebarin|cek|cekin|cariin|carikan|review|isi|isiin|rt)", 1.5),
        (r"(butuh|perlu) (bantuan|bantu|pinjaman|modal|info|saran|masukan)", 2.0),
        (r"(bisa|boleh) (gak|ga|nggak|ngga|enggak|gk) " + _ME, 1.0),
        (r"(boleh|bisa) " + _ME + " (minta|pinjam|pinjem|titip|nitip|tanya|nanya)", 2.0),
        (r"titip(an)?", 1.5),
        (r"nitip", 1.5),
        (r"(pinjam|pinjem|minjem|minjam)(in)?", 1.5),
        (r"mau nanya", 1.0),
        (r"boleh nanya", 1.0),
        (r"numpang (tanya|nanya)", 1.0),
        (r"(nyuwun|nyuhunkeun) (tulung|tolong|bantuan|bantosan|pitulung)", 2.0),
        (r"nyuhunkeun", 1.0),
        # Indonesian: looking for work, contacts, recommendations
        (r"ada (lowongan|loker|info loker|info lowongan)", 1.5),
        (r"ada (kenalan|kontak)", 2.0),
        (r"punya (kenalan|kontak|koneksi)", 1.5),
        (r"kenal (orang|seseorang|temen|teman|anak)", 1.0),
        (r"(kalo|kalau|klo|kl) ada (info|kerjaan|lowongan|loker|posisi|proyek|project|peluang)", 1.0),
        (r"kabarin (aku|gue|gw|gua|saya|ya)", 0.5),
        (r"(kantor|tempat|perusahaan|tim)(mu| " + _YOU + ")", 0.5),
        (r"buka (posisi|lowongan|loker|rekrutmen)", 0.5),
        (
            r"(cari|nyari|cariin|nyariin|mencari) (kerja|kerjaan|pekerjaan|lowongan|loker|magang"
            r"|kos|kost|kosan|kontrakan|sekolah|kampus)",
            1.5,
        ),
        (r"(bisa|boleh) (kenalin|dikenalin|dikenalkan|rekomendasiin|referensiin)", 2.0),
        (r"referral", 1.5),
        (r"rekomendasi(in)?", 1.0),
        # English: favours and help
        (r"could you", 1.0),
        (
            r"(could|can|would|will) you (please |kindly |possibly )?(help|introduce|refer"
            r"|recommend|lend|check|look|take|send|pass|forward|review|proofread|share|connect"
            r"|cover|write|sign|spare|tell|find|read|put|let me know|intro|advise|vouch|loop"
            r"|mention|sponsor|endorse|mentor)",
            2.0,
        ),
        (r"(would|will) you be (willing|able|open|up for|interested in helping)", 2.0),
        (r"(do|would) you (mind|know anyone|know someone|happen to know)", 1.5),
        (r"(you know|know of) (anyone|someone|somebody)", 1.5),
        (r"happen to have", 2.0),
        (r"mind if i", 1.5),
        (r"(could|may) i (ask|borrow|get|have|use|trouble)", 2.0),
        (r"can i (borrow|ask you|trouble)", 1.5),
        (r"pick your brain", 2.0),
        (r"any chance", 1.5),
        (r"is there any way", 2.0),
        (r"(would|will) it be possible", 2.0),
        (r"wondering if you (could|can|would|might|know|have|had)", 2.0),
        (r"if you could", 1.5),
        (r"(i'd|i would) (really |greatly )?(appreciate|be grateful|be thankful)", 2.0),
        (r"appreciate it if", 1.5),
        (r"(love|like|appreciate) (an|your|a) (intro|introduction|referral|reference)", 2.0),
        (r"(as|be) (a|my) reference", 1.5),
        (r"good word for me", 2.0),
        (r"i need (your |some )?(help|advice)", 2.0),
        (r"need a (favou?r|referral|hand|loan)", 2.0),
        (r"(ask|asking) (you )?(a|for a) favou?r", 2.0),
        (r"favou?r", 1.0),
        (r"any (tips|advice|pointers|suggestions|leads)", 1.5),
        (r"(any|a) (contacts?|connections?) (at|in|there|with)", 1.5),
        (r"who should i (talk|speak|reach|contact|ask|email|write)", 2.0),
        (r"(i'm|i am) trying to (reach|find|get in touch)", 1.5),
        (r"any (openings?|vacanc(y|ies)|job openings?|positions?)", 2.0),
        (r"(is|are) (there|they) hiring", 1.5),
        (r"(your|ur) (team|company|firm|office|startup|org) (is |are )?(still |currently )?hiring", 2.0),
        (r"(anyone|someone|people|companies) (who's |who is |that's )?hiring", 1.5),
        (r"looking for (a |an )?(new )?(job|role|position|opportunity|internship|work)", 2.0),
        (r"job (hunting|searching|seeking|search)", 1.5),
        (r"if you hear (of|about) (anything|any|something|an?)", 1.5),
        (r"(send|point) (them|him|her|anyone) my way", 2.0),
        (r"(love|like) to apply", 1.0),
        (r"(put|get) me in touch", 2.0),
        (r"introduce me", 2.0),
        (r"connect me", 2.0),
        (r"refer me", 2.0),
        (r"recommendation letter", 1.5),
        (r"can i borrow", 1.5),
        (r"please help", 1.5),
        (r"help me (with|out|find|get)", 1.5),
    ),
    "give": (
        # Indonesian: offering, sending, introducing the reader to someone
        (
            _ME + r" (bantu|bantuin|kenalin|kenalkan|rekomendasiin|rekomendasikan|referensiin"
            r"|pinjemin|pinjamkan|lampirkan|lampirin|teruskan|terusin|forward|forwardin)",
            2.0,
        ),
        (r"(nanti|biar) " + _ME + " (bantu|kenalin|bantuin)", 2.0),
        (
            r"mau " + _ME + " (kenalin|sambungin|bantu|bantuin|pinjemin|kirimin|jemput"
            r"|anterin|rekomendasiin|teruskan)",
            2.0,
        ),
        (r"biar " + _ME + " (yg|yang)", 1.5),
        (
            r"(ini|nih|berikut|ini dia) (info|kontak|nomor|nomer|no|link|file|data|template"
            r"|draft|dokumen|rekening|norek|alamat|email|lowongan|loker|materi)(nya)?",
            1.5,
        ),
        (
            r"(udah|sudah|udh) " + _ME + " (kirim|kirimin|kirimkan|kenalin|rekomendasiin"
            r"|referensikan|rekomendasikan|transfer|transferin|teruskan|terusin|forward|share"
            r"|bilangin|sampaikan|masukin)",
            2.0,
        ),
        (_ME + " (kirim|kirimin|kirimkan|transfer|transferin|share|sharein)", 1.0),
        (_ME + " ada (info|kenalan|kontak|lowongan|loker)", 2.0),
        (r"(ada|nih) (lowongan|loker)", 1.0),
        (r"(lowongan|loker|lowongannya|lokernya) nih", 1.5),
        (r"(kantor|tempat|perusahaan|tim)(ku| " + _ME + ")", 0.5),
        (r"(siapa tau|siapa tahu|kalau|kalo|klo) (minat|berminat|tertarik|butuh)", 1.5),
        (r"(minat|tertarik) (ga|gak|nggak|ngga|gk|enggak|engga)", 1.5),
        (r"(kalo|kalau|klo|kl) (butuh|perlu)", 1.0),
        (r"(bilang|kabarin|hubungi|kontak) aja", 1.0),
        (r"(pake|pakai) aja", 1.0),
        (r"boleh kok", 1.5),
        (r"silakan (pakai|pake|dipakai|hubungi|kontak|ambil|pinjam|pinjem|gunakan|digunakan)", 1.0),
        (r"semoga (membantu|bermanfaat)", 1.0),
        (r"(ngobrol|ngomong|bilang) (sama|ke|dengan)", 0.5),
        (r"kamu bisa (langsung )?(interview|mulai|masuk|pakai|pake|ambil|hubungi|kontak)", 1.0),
        # English
        (r"happy to help", 2.0),
        (
            r"(glad|happy) to (help|introduce|connect|share|send|intro|review|lend|refer"
            r"|recommend|write|assist|look|put)",
            2.0,
        ),
        (r"(i|i'll|i will|let me) (introduce|connect) you", 2.0),
        (r"(i|i'll|i will|let me) (refer|recommend|send|share|help|forward|pass)", 2.0),
        (r"introduce you to", 1.0),
        (
            r"i can (lend|help|review|introduce|connect|send|share|cover|check|look|take"
            r"|write|forward|pass|drive|pick)",
            1.5,
        ),
        (r"want me to", 2.0),
        (
            r"here(')?s (the|a|an|his|her|their|my|our) (contact|number|link|intro|info|email"
            r"|details|file|deck|slides|notes|cv|resume|list|doc|document|template|report)",
            1.5,
        ),
        (
            r"here (is|are) (the|a|an|his|her|their|my|our) (contact|number|link|info|email"
            r"|details|file|deck|slides|notes|list|doc|document|template|report)",
            1.5,
        ),
        (r"attached", 1.0),
        (r"(you asked for|as requested)", 1.0),
        (r"i('ve| have) (sent|introduced|referred|recommended|forwarded|shared|attached)", 2.0),
        (r"(i|just|i've just|i just) (forwarded|shared|sent|referred|transferred|venmo'd)", 2.0),
        (r"(sent|paid|venmo'd|transferred) you", 1.5),
        (r"sharing (the|my|our|this|some)", 1.5),
        (r"put in a good word", 2.0),
        (r"feel free to", 1.5),
        (r"don't hesitate to", 1.5),
        (r"let me know if you need", 2.0),
        (r"if you (ever )?need (anything|help|a hand|a place|a ride|someone)", 1.5),
        (r"you're welcome to (borrow|use|stay|take|have|come)", 2.0),
        (r"you can (use|borrow|have)", 1.0),
        (r"thought of you", 1.0),
        (r"(we're|we are|i'm|i am) (hiring|looking for someone)", 2.0),
        (r"(my|our) (team|company|firm|startup) (has|have|is hiring)", 1.5),
        (r"(spoke|talked|chatted) (with|to)", 0.5),
        (r"(she's|he's|they're|she is|he is|they are) (keen|happy|glad|open) to (meet|chat)", 1.5),
    ),
    "thanks": (
        (r"terima ?kasih", 2.0),
        (r"(makasih|mksh|makasi|maaciw|kasihh|makacih|mkasih|maksih|trims|trimakasih)", 2.0),
        (r"(thx|thnx|thanx|tks)", 1.5),
        (r"(tengkyu|tenkyu|tengkiu|tysm|tyvm|kamsia)", 2.0),
        (r"matur (nuwun|suwun)", 2.0),
        (r"(nuhun|haturnuhun)", 2.0),
        (r"hatur nuhun", 2.0),
        (r"suwun", 1.5),
        (r"thanks?( (a lot|so much|a bunch|again))?", 2.0),
        (r"thank you", 2.0),
        (r"cheers for", 2.0),
        (r"i owe you", 2.0),
        (r"tq", 1.0),
        (r"ty", 1.0),
        (r"(much )?appreciated", 1.5),
        (r"appreciate (it|you|the|your|this|that|all|everything)", 1.5),
        (r"grateful", 1.5),
        (r"berkat (bantuan|rekomendasi|kamu|anda|bapak|ibu|mas|mbak|kakak)", 1.5),
        (r"jasa(mu|nya)", 1.0),
    ),
    "intro": (
        (r"(kenalin|kenalkan|perkenalkan|perkenalin),? (ini|nih)", 2.0),
        (r"(kenalin|kenalkan|perkenalkan|perkenalin)", 1.5),
        (r"(mau|ingin) (ngenalin|mengenalkan|memperkenalkan)", 2.0),
        (r"(ini|ieu) (mas|mbak|mba|pak|bu|bapak|ibu|kak|bang|teh|kang|om|tante)", 1.0),
        (r"ini dia orangnya", 1.5),
        (r"(yg|yang) (kemarin|kemaren|tadi|pernah) " + _ME + " (ceritain|ceritakan|bilang)", 1.0),
        (r"(dia|beliau) (lagi|sedang) (butuh|cari|nyari|mencari)", 0.5),
        (r"kalian (berdua )?(bisa )?(langsung )?(ngobrol|lanjut|kenalan|diskusi)", 1.5),
        (r"kalian (berdua )?(kayaknya|kayanya|sepertinya|pasti|bakal)? ?cocok", 2.0),
        (r"(lanjut|langsung) ngobrol", 1.0),
        (r"(masukin|tambahin|add|invite) (\w+ )?\w+ ke (grup|group)", 1.5),
        (r"bikin (grup|group)", 1.0),
        (r"(let me|allow me to|i'd like to|wanted to) introduce", 2.0),
        (r"(i'd like|i want|i wanted) you to meet", 2.0),
        (r"please meet", 2.0),
        (r"meet \w+,? (who|she|he|my|our)", 1.5),
        (r"meet \w+ \w+ meet", 2.0),
        (r"introducing", 1.5),
        (r"cc( |')?ing", 1.0),
        (r"(looping|loop|looped|bringing|adding|copying) in", 1.5),
        (r"adding \w+ to (this|the) (thread|email|chat|group)", 2.0),
        (r"copied (him|her|them) (here|in)", 1.5),
        (r"connect(ing)? you (two|both|all)", 2.0),
        (r"(great|pleased|delighted) to (connect|introduce) you", 2.0),
        (r"(putting|put) you (in touch|together)", 2.0),
        (r"hi both", 1.0),
        (r"(let|leave) you (two|both)", 1.5),
        (r"take it from here", 1.5),
        (r"(you'd|you would|you both would|you two would) (get along|hit it off|click)", 2.0),
        (r"(you two|kalian berdua) (should|harus|perlu) (meet|connect|ketemu|kenalan)", 2.0),
    ),
    "touch": (
        # Polite formulas that look like another kind but only keep in touch.
        (r"thanks? (you )?for asking", 3.0),
        (r"(perkenalkan|kenalin|kenalkan),? (nama|saya|aku|gw)", 2.0),
    ),
}
_PRIORITY = ("ask", "give", "intro", "thanks", "touch")
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
