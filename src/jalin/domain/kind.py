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

Weights say how much a phrase settles on its own: 2 or more settles it ("minta tolong",
"could you help", "thank you", "please meet"); 1–1.5 is enough alone but yields to a stronger
phrase of another kind ("tolong", "feel free to"); 0.5 is a hint that only counts together with
others ("kantormu", "your team", "spoke with"). An offer in the first person outweighs the
ask phrase inside it ("aku bisa bantu", 2.5, over "bisa bantu", 2). The ``touch`` phrases are
polite formulas that look like another kind but only keep in touch ("thanks for asking",
"titip salam", "thank goodness"): they score for ``touch`` and so outweigh the look-alike.

Rules, in order:

1. each kind's phrases are looked for in the folded text (lower case, plain letters, repeated
   letters squeezed: "makasihhh" → "makasih"; a word doubled with "2" written out: "nanya2" →
   "nanya nanya"), word by word;
2. a kind's score is the sum of the weights of its matched patterns, each pattern counted
   once; a question mark adds 0.5 to ``ask`` only when an ask phrase of weight 1 or more
   matched too ("bisa bantu?", but not "kantormu?");
3. the best-scoring kind wins when its score reaches ``THRESHOLD``, a tie going to the first
   of ask, give, intro, thanks, touch; otherwise ``touch``;
4. confidence = best / (best + runner-up + 1), so one strong phrase gives about 0.5–0.7 and
   several agreeing phrases approach 1.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain, repeat

THRESHOLD = 1.0

# (phrase pattern, weight), per kind; see the module doc for the syntax and the rules.
_ME = "(aku|saya|gue|gw|gua|kami)"  # the writer, in Indonesian chat
_YOU = "(lo|lu|kamu|km|kakak|kak|mas|mbak|mba|bapak|pak|ibu|bu|anda|teteh|akang)"  # the reader
LEXICON: dict[str, tuple[tuple[str, float], ...]] = {
    "ask": (
        # Indonesian: help and favours
        (r"minta tolong", 2.0),
        (
            r"(mohon|memohon) (bantuan|kesediaan|arahan|masukan|saran|petunjuk|dukungan|info"
            r"|informasi)(nya)?",
            2.0,
        ),
        (r"mohon dibantu", 2.0),
        (r"(memohon|meminta|berkenan)", 1.5),
        (r"bersedia", 1.0),
        (r"apakah (bapak|ibu|anda|kakak|mas|mbak) (bersedia|berkenan|bisa)", 2.0),
        (r"menanyakan", 1.0),
        (r"maaf mengganggu", 1.0),
        (r"(bisa|boleh|bs) (minta )?(bantu|tolong)", 2.0),
        (r"(bisa|boleh|bs) dibantu", 2.0),
        (
            r"(bisa|boleh|bs) (jemput|jemputin|anter|anterin|nganterin|temenin|bantuin|cariin"
            r"|beliin|kirimin|ajarin)",
            1.5,
        ),
        (r"apakah (saya|aku) (bisa|boleh|dapat)", 1.5),
        (r"tolong", 1.0),
        (r"tolong (dong|ya|yah|banget|bgt)", 1.5),
        (r"tolongin", 2.0),
        (r"bantuin (aku|gw|gue|gua|saya|dong)", 2.0),
        (
            r"(temenin|anterin|cariin|beliin|kirimin|jemputin|bawain|tanyain|cekin|bikinin"
            r"|fotoin|benerin|ingetin|pilihin|liatin|bacain|sampein|bilangin) (aku|gw|gue|gua|saya"
            r"|dong|donk)",
            1.5,
        ),
        (r"(ajarin|ngajarin) (aku|gw|gue|saya|dong)", 1.5),
        (r"ada (yg|yang) bisa", 1.5),
        (r"(bisa|boleh) minta", 1.5),
        (
            r"minta (info|referensi|rekomendasi|kontak|nomor|nomer|no|waktu|pendapat|saran"
            r"|masukan|link|surat|data|file|bantuan|alamat|email|cv|contoh)(nya)?",
            1.5,
        ),
        (r"kasih (saran|masukan|pendapat|rekomendasi|arahan|tips|info)", 1.5),
        (r"ada (saran|masukan|tips|ide)", 1.5),
        (r"surat (referensi|rekomendasi|keterangan|pengantar)", 1.0),
        (r"(ada )?kemungkinan (saya|aku)", 1.5),
        (r"tau (kontak|nomor|nomer|orang|tempat)", 1.0),
        (r"boleh (share|sharing|kirimin|bagi)", 1.5),
        (r"boleh dong", 1.0),
        (r"dikenalin", 1.0),
        (r"bantu (share|sebar|sebarin|cek|cekin|cariin|carikan|review|isi|isiin|rt|vote)", 1.5),
        (
            r"(butuh|perlu) (bantuan|bantu|pinjaman|pinjeman|modal|info|saran|masukan|duit|dana"
            r"|uang|kerjaan|pekerjaan|kerja|surat|referensi|rekomendasi)",
            2.0,
        ),
        (r"(bisa|boleh) (gak|ga|nggak|ngga|enggak|gk) " + _ME, 1.0),
        (r"(boleh|bisa) " + _ME + " (minta|pinjam|pinjem|titip|nitip|tanya|nanya)", 2.0),
        (r"titip(an)?", 1.5),
        (r"nitip", 1.5),
        (r"(pinjam|pinjem|minjem|minjam|meminjam)(in)?", 1.5),
        (r"mau nanya", 1.0),
        (r"boleh nanya", 1.0),
        (r"numpang (tanya|nanya)", 1.0),
        # Javanese and Sundanese
        (r"(nyuwun|nyuhunkeun) (tulung|tolong|bantuan|bantosan|pitulung)", 2.0),
        (r"nyuhunkeun", 1.0),
        (r"tiasa (ngabantosan|ngabantos|bantos|dibantos|dibantosan|nulungan)", 2.0),
        (r"(ngabantosan|bantosan)", 1.0),
        (r"(upami|mun|lamun) aya (lowongan|info|padamelan)", 1.5),
        (r"(wartosan|naros)", 1.0),
        (r"(hapunten|punten) ngaganggu", 1.0),
        # Indonesian: work, contacts, recommendations
        (r"ada (lowongan|loker|posisi|info loker|info lowongan)", 1.5),
        (r"ada (kenalan|kontak)", 2.0),
        (r"ada (info|lowongan|loker|kenalan|kontak) (ga|gak|nggak|ngga|gk|enggak|engga)", 1.0),
        (r"(barangkali|siapa tau|siapa tahu|mungkin) (\w+ )?ada (info|lowongan|loker|posisi)", 1.5),
        (r"punya (kenalan|kontak|koneksi|nomor|nomer|no)", 1.5),
        (r"kenal (orang|seseorang|temen|teman|anak)", 1.0),
        (
            r"(yg|yang) (bagus|recommended|rekomen|oke|ok|murah|terpercaya) (ga|gak|nggak|gk|di"
            r"|buat|untuk)",
            1.0,
        ),
        (
            r"(kalo|kalau|klo|kl) ada (info|kerjaan|lowongan|loker|posisi|proyek|project"
            r"|peluang)",
            1.0,
        ),
        (r"kabarin (aku|gue|gw|gua|saya|ya)", 0.5),
        (r"(kantor|tempat|perusahaan|tim)(mu| " + _YOU + ")", 0.5),
        (r"buka (posisi|lowongan|loker|rekrutmen)", 0.5),
        (
            r"(butuh|cari|nyari|buka) (orang|karyawan|staf|staff|freelancer|tenaga) (ga|gak|nggak"
            r"|gk|ngga|enggak)",
            1.0,
        ),
        (
            r"(cari|nyari|cariin|nyariin|mencari) (kerja|kerjaan|pekerjaan|lowongan|loker|magang"
            r"|internship|kos|kost|kosan|kontrakan|sekolah|kampus)",
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
            r"|mention|sponsor|endorse|mentor|ask|remind|keep|teach|explain|grab|pick|drop"
            r"|water|feed|watch|show|call|print|bring|point|give me)",
            2.0,
        ),
        (
            r"(would you|will you|you'd|you would) be (willing|able|comfortable|open|up for"
            r"|interested in helping)",
            2.0,
        ),
        (r"(be )?so kind as to", 2.0),
        (r"(do|would) you (mind|know anyone|know someone|happen to know)", 1.5),
        (r"(you know|know of) (anyone|someone|somebody)", 1.5),
        (r"(know|recommend) (a|any) (good|reliable|decent|trustworthy)", 1.5),
        (r"any idea (who|where|how|if|whether)", 1.5),
        (r"happen to have", 2.0),
        (r"do you have a (spare|few minutes|minute|moment)", 1.5),
        (r"(mind|okay|ok|alright) if i", 1.5),
        (
            r"mind (sharing|sending|checking|helping|introducing|forwarding|passing|looking"
            r"|taking|reviewing|covering|watching|asking|lending|connecting)",
            2.0,
        ),
        (r"know (anyone|anybody)", 1.0),
        (r"(could|may) i (ask|borrow|get|have|use|trouble|crash)", 2.0),
        (r"can i (borrow|ask you|trouble)", 1.5),
        (r"pick your brain", 2.0),
        (r"any chance", 1.5),
        (r"(is there any|any) way (you|i) (could|can|might)", 2.0),
        (r"is there any way", 2.0),
        (r"is there (someone|anyone|anybody)", 1.0),
        (r"(would|will) it be possible", 2.0),
        (r"wondering (if|whether) (you|you'd) (could|can|would|might|know|have|had|be)?", 2.0),
        (r"hoping (you could|you can|you might|you would|to get|to ask|to borrow)", 2.0),
        (r"if you could", 1.5),
        (r"(i'd|i would) (really |greatly )?(appreciate|be grateful|be thankful)", 2.0),
        (r"appreciate it if", 1.5),
        (r"(love|like|appreciate) (an|your|a) (intro|introduction|referral|reference)", 2.0),
        (r"an (intro|introduction) to", 1.5),
        (
            r"(love|like|appreciate|value|need|want|get) (your|some|any) (advice|input|feedback"
            r"|take|thoughts|guidance|opinion|perspective)",
            2.0,
        ),
        (r"(be my|as my|as a|be a) reference for me", 1.5),
        (r"(be my|as my) reference", 1.5),
        (r"you as a reference", 1.5),
        (r"good word for me", 2.0),
        (r"keep me in mind", 2.0),
        (r"i need (your |some )?(help|advice)", 2.0),
        (r"i need a (favou?r|referral|hand|loan|reference)", 2.0),
        (r"need a favou?r", 2.0),
        (r"(ask|asking) (you )?(a|for a) favou?r", 2.0),
        (r"favou?r", 1.0),
        (r"any (tips|advice|pointers|suggestions|leads|recommendations|recs)", 1.5),
        (r"know if (anyone|anybody|someone|anyone's|your)", 1.5),
        (r"i need someone", 1.5),
        (r"would you have (time|a minute|a moment|a few minutes|some time)", 1.5),
        (
            r"(would|could|will) (your|ur) (team|company|firm|office|boss|manager) (be|consider)",
            1.5,
        ),
        (r"(any|a) (contacts?|connections?) (at|in|there|with)", 1.5),
        (r"who (should i|i should|do i|can i) (talk|speak|reach|contact|ask|email|write)", 2.0),
        (r"(best|right) person to (contact|talk|ask|speak|reach|email)", 2.0),
        (r"(i|we) could (talk|speak) to", 1.0),
        (r"point me (to|in|towards)", 2.0),
        (r"(i'm|i am) trying to (reach|find|get in touch)", 1.5),
        (r"any (openings?|vacanc(y|ies)|job openings?|positions?|internships?|roles?|jobs?)", 2.0),
        (r"(is|are) (there|they) hiring", 1.5),
        (
            r"(your|ur) (team|company|firm|office|startup|org) (is |are )?(still |currently )?"
            r"hiring",
            2.0,
        ),
        (r"(your|ur) (team|company|firm|office|startup|org) (needs|need|is looking)", 1.5),
        (r"(your|ur) (team|company|firm|office|startup|org)", 0.5),
        (r"(anyone|someone|people|companies|who's|who is) (who's |who is |that's )?hiring", 1.5),
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
        (r"letter of (recommendation|support|reference)", 1.5),
        (r"please help", 1.5),
        (r"help me (with|out|find|get)", 1.5),
    ),
    "give": (
        # Indonesian: the writer offers, sends, introduces the reader to someone. An offer in
        # the first person outweighs the ask phrase it holds ("aku bisa bantu" > "bisa bantu").
        (
            _ME + r" (bantu|bantuin|kenalin|kenalkan|rekomendasiin|rekomendasikan|referensiin"
            r"|pinjemin|pinjamkan|lampirkan|lampirin|teruskan|terusin|forward|forwardin|anterin"
            r"|jemput|jemputin|fotoin|cantumkan|cantumin|minjemin|tanyain|tanyakan|bawain"
            r"|bawakan|beliin|bayarin)",
            2.0,
        ),
        (
            _ME + r" (bisa|siap|boleh) (bantu|bantuin|kirim|kirimin|anterin|jemput|jadi|kenalin"
            r"|pinjemin|minjemin|share|urus|urusin|ajarin|ngajarin|cariin|transfer|rekomendasiin)",
            2.5,
        ),
        (_ME + r" (kasih|kasi)", 1.5),
        (r"kasih (kontak|nomor|nomer|no|link)(nya)?", 1.0),
        (r"(dia|beliau|orangnya|mereka) (pasti )?bisa (bantu|bantuin)", 1.0),
        (
            r"(nanti|biar) " + _ME + " (bantu|kenalin|bantuin|tanyain|tanyakan|kasih|kirim"
            r"|kirimin|sambungin|sambungkan|hubungin|hubungkan|cariin|cek|cekin|urus|urusin"
            r"|anterin|jemput)",
            2.0,
        ),
        (_ME + " (tau|tahu|kenal) (orang|seseorang|temen|teman)", 1.5),
        (r"(bisa|boleh) (kamu|lo|lu) (pake|pakai|pinjem|pinjam|ambil|bawa)", 1.5),
        (
            r"mau " + _ME + " (kenalin|sambungin|bantu|bantuin|pinjemin|kirimin|jemput"
            r"|anterin|rekomendasiin|teruskan|masukin|bilangin)",
            2.0,
        ),
        (r"biar " + _ME + " (aja )?(yg|yang)", 1.5),
        (_ME + " (yg|yang) (urus|bayar|handle|jemput|anter|anterin|tanggung)", 1.5),
        (
            r"(ini|nih|berikut|ini dia) (info|kontak|nomor|nomer|no|link|file|data|template"
            r"|draft|dokumen|rekening|norek|alamat|email|materi)(nya)?",
            1.5,
        ),
        (
            r"((udah|sudah|udh) " + _ME + "|" + _ME + " (udah|sudah|udh)) (kirim|kirimin|kirimkan"
            r"|kenalin|rekomendasiin|referensikan|rekomendasikan|transfer|transferin|teruskan|terusin|forward|share"
            r"|bilangin|sampaikan|masukin|balikin|kembalikan|bayar|bayarin|tanyain|tanyakan)",
            2.0,
        ),
        (_ME + " (kirim|kirimin|kirimkan|transfer|transferin|share|sharein)", 1.0),
        (_ME + " ada (info|kenalan|kontak|lowongan|loker|temen|teman|orang|lebih)", 2.5),
        (_ME + r" ada (\w+ )?(tiket|voucher)", 2.0),
        (r"(ada|siapa) (yg|yang) (mau|pengen|perlu) (nitip|titip|dibeliin|dibawain)", 2.5),
        (r"(kirim|kirimin|kasih) (cv|resume|lamaran)(nya| kamu| lo| mu)? ke (aku|gw|saya)", 2.0),
        (r"ke (aku|gw|gue|saya) aja", 1.0),
        (r"(ada|nih) (lowongan|loker)", 1.0),
        (r"(lowongan|loker|lowongannya|lokernya|proyek|project|beasiswa) (\w+ )?nih", 1.5),
        (r"minat", 1.0),
        (_ME + " punya (template|contoh|materi|info|kontak|nomor|nomer|kenalan|buku|file)", 2.0),
        (
            r"(ga|gak|nggak|ngga|tidak) usah (\w+ )?(\w+ )?(dibalikin|diganti|dibayar|balikin"
            r"|ganti|bayar)",
            1.5,
        ),
        (r"(kantor|tempat|perusahaan|tim)(ku| " + _ME + ")", 0.5),
        (r"(bos|atasan|manajer|manager|hrd)(ku| " + _ME + ")", 0.5),
        (r"(siapa tau|siapa tahu|kalau|kalo|klo) (minat|berminat|tertarik)", 1.5),
        (r"(minat|tertarik) (ga|gak|nggak|ngga|gk|enggak|engga)", 1.5),
        (r"(kalo|kalau|klo|kl) (kamu |lo |lu )?(lagi )?(butuh|perlu|cari|nyari)", 1.5),
        (r"(kalo|kalau|klo|kl) (kamu |lo |lu )?mau", 0.5),
        (r"cocok (buat|untuk) (kamu|lo|lu|kakak|kak|mas|mbak|anda)", 1.0),
        (r"(bilang|kabarin|hubungi|kontak) aja", 1.0),
        (r"(pake|pakai|kirim|kirimin|ambil) aja", 1.0),
        (r"boleh kok", 1.5),
        (r"silakan (pakai|pake|dipakai|hubungi|kontak|ambil|pinjam|pinjem|gunakan|digunakan)", 1.0),
        (r"semoga (membantu|bermanfaat)", 1.0),
        (r"(ngobrol|ngomong|bilang) (sama|ke|dengan)", 0.5),
        (r"(soal|tentang) (kamu|lo|lu|mbak|mas|kakak|anda)", 0.5),
        (r"kamu bisa (langsung )?(interview|mulai|masuk|pakai|pake|ambil|hubungi|kontak)", 1.0),
        # English
        (
            r"(glad|happy|willing) to (help|introduce|connect|share|send|intro|review|lend|refer"
            r"|recommend|write|assist|look|put|cover)",
            2.0,
        ),
        (r"(glad|happy|willing) to be (a|your)", 2.0),
        (r"(i|i'll|i will|let me) (introduce|connect) you", 2.0),
        (r"(i|i'll|i will|let me) (refer|recommend|send|share|help|forward|pass)", 2.0),
        (r"(i'll|i will|let me|i can) ask (my|around|a friend|someone|people)", 1.5),
        (r"(i have|i've got|i got) (an? )?(extra|spare)", 1.5),
        (
            r"(i'll|i will|let me) (email|bring|lend|get you|find you|check with|set you up"
            r"|hook you up|cover)",
            1.5,
        ),
        (r"i know (someone|somebody|a guy|people|a person)", 1.5),
        (r"(want|need) an? (intro|introduction)", 1.5),
        (r"added you to", 1.5),
        (r"put (you|your name) forward", 2.0),
        (r"(sent|send) (it |them |this )?over", 1.5),
        (r"(take|have|use|borrow) my", 1.0),
        (r"(i'll|i will|i can|let me|happy to) put you in touch", 2.0),
        (r"introduce you to", 1.0),
        (
            r"(i|we) (can|could) (lend|help|review|introduce|connect|send|share|cover|check|look"
            r"|take|write|forward|pass|drive|pick|give|host|email|bring)",
            1.5,
        ),
        (r"(if it|if that) helps", 1.0),
        (r"if you want (it|them|one|me to)", 1.0),
        (r"(it's|is) yours", 1.0),
        (r"want me to", 2.0),
        (r"(here you go|here it is)", 1.5),
        (r"here(')?s (my|his|her|their)", 1.5),
        (
            r"here(')?s (the|a|an|our) (contact|number|link|intro|info|email|details|file|deck"
            r"|slides|notes|cv|resume|list|doc|document|template|report|recording|video|address"
            r"|summary|draft|form|contract|code)",
            1.5,
        ),
        (
            r"here (is|are) (the|a|an|his|her|their|my|our) (contact|number|link|info|email"
            r"|details|file|deck|slides|notes|list|doc|document|template|report|recording)",
            1.5,
        ),
        (r"attached", 1.0),
        (r"(you asked for|as requested)", 1.0),
        (
            r"i('ve| have) (sent|introduced|referred|recommended|forwarded|shared|attached"
            r"|transferred|paid|emailed|passed)",
            2.0,
        ),
        (
            r"(i|just|i've just|i just) (forwarded|shared|sent|referred|transferred|venmo'd"
            r"|emailed)",
            2.0,
        ),
        (r"(sent|paid|venmo'd|transferred|emailed|texted|messaged) you", 1.5),
        (r"(dropped|mentioned|passed|put|forwarded) your (name|cv|resume|details|profile)", 2.0),
        (r"passed (it|this|them) (along|on)", 1.5),
        (r"(shared|sent|forwarded) (\w+ )?(\w+ )?(\w+ )?with you", 1.5),
        (r"sending (it|them|this|over)", 1.5),
        (r"sharing (the|my|our|this|some|a)", 1.5),
        (r"(might|may|would) interest you", 1.5),
        (r"(told|mentioned|talked to|spoke to|spoke with) (\w+ )?(\w+ )?about you", 1.5),
        (r"mentioned you to", 1.5),
        (r"ask around", 1.5),
        (r"put in a good word", 2.0),
        (r"feel free to", 1.5),
        (r"don't hesitate to", 1.5),
        (r"let me know if you need", 2.0),
        (r"anything i can do", 2.0),
        (r"if you (ever )?need", 1.5),
        (r"you're welcome to (borrow|use|stay|take|have|come)", 2.0),
        (r"you can (use|borrow|have|stay|take|crash|keep)", 1.5),
        (r"thought of you", 1.0),
        (r"you'd be (great|perfect|a great fit|a good fit|ideal)", 1.0),
        (r"(we're|we are|i'm|i am) (hiring|looking for someone)", 2.0),
        (
            r"(my|our) (team|company|firm|startup|office) (is|are) (looking for|hiring"
            r"|recruiting)",
            2.0,
        ),
        (r"(my|our) (team|company|firm|startup) (has|have)", 1.5),
        (r"(opening|vacancy|role|position) (on|in|at) (my|our)", 1.5),
        (r"(spoke|talked|chatted) (with|to)", 0.5),
        (r"(she's|he's|they're|she is|he is|they are) (keen|happy|glad|open) to (meet|chat)", 1.5),
    ),
    "thanks": (
        (r"terima ?kasih", 2.0),
        (r"(makasih|mksh|makasi|maaciw|kasihh|makacih|mkasih|maksih|trims|trimakasih)", 2.0),
        (r"(thx|thnx|thanx|tks)", 2.0),
        (r"that's (really |very |so |super )?helpful", 1.5),
        (r"(sangat|bener bener|beneran) (membantu|ngebantu)", 1.5),
        (r"(tengkyu|tenkyu|tengkiu|tysm|tyvm|kamsia)", 2.0),
        (r"matur (nuwun|suwun)", 2.0),
        (r"(maturnuwun|matursuwun|nuhun|haturnuhun)", 2.0),
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
        (
            r"(kenalin|kenalkan|perkenalkan) (sama |ke |dengan )?(pak|bu|bapak|ibu|mas|mbak|kak"
            r"|bang|dia|beliau|temen|teman|sepupu|rekan|adik|kakak|sahabat)",
            1.0,
        ),
        (r"(mau|ingin) (ngenalin|mengenalkan|memperkenalkan)", 2.0),
        (r"(kenalin|kenalkan|perkenalkan) kalian", 2.0),
        (
            r"(guys|teman teman|temen temen|semuanya|semua|gaes),? (ini|kenalin|kenalkan"
            r"|perkenalkan)",
            1.5,
        ),
        (r"(anak|anggota|karyawan|rekan|member) baru", 1.0),
        (r"(ini|ieu) (mas|mbak|mba|pak|bu|bapak|ibu|kak|bang|teh|kang|om|tante)", 1.0),
        (
            r"ini (temen|teman|sahabat|sepupu|rekan|kolega|adik|kakak) (gw|gue|aku|saya|kantor"
            r"|kuliah|kampus|sekantor|sma|smp)",
            1.5,
        ),
        (r"ini (temenku|temanku|sepupuku|rekanku|adikku|kakakku|sahabatku)", 1.5),
        (r"ini dia orangnya", 1.5),
        (
            r"(yg|yang) (kemarin |kemaren |tadi |pernah )?" + _ME + " (ceritain|ceritakan|bilang"
            r"|sebut|omongin|rekomendasikan|rekomendasiin)",
            1.5,
        ),
        (r"(dia|beliau) (lagi|sedang) (butuh|cari|nyari|mencari)", 0.5),
        (r"kalian (berdua )?(bisa )?(langsung )?(ngobrol|lanjut|kenalan|diskusi|koordinasi)", 1.5),
        (
            r"kalian (berdua )?(kayaknya |kayanya |sepertinya |pasti |bakal )?(cocok|nyambung"
            r"|klop)",
            2.0,
        ),
        (r"kalian (berdua )?sama sama", 1.0),
        (r"(lanjut|langsung) ngobrol", 1.0),
        (r"(ngobrol|koordinasi|diskusi|kenalan) langsung", 1.0),
        (r"kenalan (dulu )?(sama|dengan|ama)", 1.0),
        (r"(masukin|tambahin|add|invite) (\w+ )?\w+ ke (grup|group)", 1.5),
        (r"(bikin|bikinin|buatin) (grup|group)", 1.0),
        (r"(masukin|tambahin|add|invite|gabungin) kalian", 2.0),
        (r"silakan (diskusi|lanjut|ngobrol|dilanjut|kenalan)", 1.0),
        (r"(let me|allow me to|i'd like to|i want to|wanted to) introduce", 2.0),
        (r"meet each other", 2.0),
        (r"meet \w+ \w+ (runs|is|has|works|just|leads|was|heads|founded)", 1.5),
        (r"introduc(e|ing) you (both|two|all)", 2.0),
        (r"(i'd like|i want|i wanted) you to meet", 2.0),
        (r"please meet", 2.0),
        (r"meet \w+,? (who|she|he|my|our)", 1.5),
        (r"meet \w+ \w+ meet", 2.0),
        (
            r"meet (my|our) (friend|colleague|cofounder|partner|sister|brother|cousin|boss"
            r"|manager|mentor|former|old|good|dear)",
            2.0,
        ),
        (r"introducing", 1.5),
        (r"cc( |')?ing", 1.0),
        (r"(cc'd|ccd|cc'ed|cced)", 1.5),
        (r"(looping|loop|looped|bringing|adding|copying) in", 1.5),
        (r"copying", 1.0),
        (r"adding \w+ (here|to)", 1.5),
        (r"adding \w+ to (this|the) (thread|email|chat|group)", 2.0),
        (r"copied (him|her|them) (here|in)", 1.5),
        (r"connecting you", 2.0),
        (r"connect you (two|both|all)", 2.0),
        (r"(great|pleased|delighted) to (connect|introduce) you", 2.0),
        (r"(putting|put) you (in touch|together)", 2.0),
        (r"(passing|handing) you (over )?to", 1.5),
        (r"(hi|hey|hello) (both|you two)", 1.0),
        (r"(let|leave) you (two|both)", 1.5),
        (r"take it from here", 1.5),
        (r"(i mentioned|i told you about|i was telling you about)", 1.0),
        (r"(who|she|he) (runs|leads|heads|manages|handles|founded|owns)", 0.5),
        (r"(you'd|you would|you both would|you two would) (get along|hit it off|click)", 2.0),
        (r"(you two|you both|both of you) (should|might|would|could|will|may)", 1.5),
        (r"(have|has) (so much|a lot|lots|plenty) in common", 1.5),
        (r"both of you", 1.0),
        (r"(thought|think) you (two |both )?should (talk|meet|connect|chat)", 2.0),
        (r"for you (two|both) to (meet|connect|talk|chat)", 2.0),
        (r"this is my (friend|colleague|cousin|sister|brother|partner|cofounder|old|former)", 1.5),
        (r"(she's|he's|she is|he is) the one", 1.0),
        (r"(you're both|you are both|you both|you two are)", 0.5),
        (r"you two (should|must|need to) (meet|connect)", 2.0),
        (r"kalian (berdua )?(harus|wajib|perlu|mesti) (ngobrol|ketemu|kenalan|kenal)", 2.0),
    ),
    "touch": (
        # Polite formulas that look like another kind but only keep in touch.
        (r"thanks? (you )?for asking", 3.0),
        (r"(perkenalkan|kenalin|kenalkan),? (nama|saya|aku|gw)", 2.0),
        (r"titip salam", 2.0),
        (r"(can|could) you believe", 2.0),
        (r"thank (goodness|god|heavens)", 3.0),
        (r"(glad|happy|seneng|senang) (i |we )?(could|bisa) (help|bantu|membantu)", 3.0),
        (r"(you're welcome|sama sama)", 1.0),
        (r"(doain|doanya|doakan)", 2.0),
        (r"bantu doa", 3.0),
        (r"tolong jangan", 1.5),
    ),
}
_PRIORITY = ("ask", "give", "intro", "thanks", "touch")
_REPEATS = re.compile(r"(\w)\1{2,}")
_DOUBLED = re.compile(r"\b([a-z]{2,})2\b")  # Indonesian "sama2" for "sama-sama"
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
    " should two ga gak nggak yg yang lagi kak mas mbak pak bu kalau kalo your this that both"
    " know dia ke sama dengan buat untuk aja ya dong please my our it we any just so meet"
    " here happy looking".split()
)


def _rarity(word: str) -> tuple[bool, bool, int]:
    """Rank a phrase's words for its key: a real word, not an everyday one, the longest."""
    return word != ANY_WORD, word not in _COMMON_WORDS, len(word)


def _phrase_index() -> dict[str, tuple[list, list]]:
    """Map each phrase's key word to its phrases: ``(shapes, wildcard phrases)``.

    The key is the phrase's longest word that is not an everyday one: such words are rare in
    chat, so most messages share no key with any phrase and are settled by one set operation.
    Plain phrases are grouped by shape, ``(key position, length, table)``, the table mapping
    each phrase's words to its ``(pattern number, kind, weight)``: a found key costs one
    dictionary lookup per shape, however many phrases share it. A phrase with a wildcard is
    ``(words, key position, kind, pattern number, weight)``, checked word by word.
    """
    index: dict[str, tuple[list, list]] = {}
    number = 0
    for kind, phrases in LEXICON.items():
        for pattern, weight in phrases:
            for literal in _expand(pattern):
                words = tuple(
                    ANY_WORD if w == "w" and ANY_WORD in literal else w
                    for w in _WORDS.findall(literal.replace(ANY_WORD, " w "))
                )
                if not words:
                    continue
                key = max(range(len(words)), key=lambda k: _rarity(words[k]))
                shapes, wild = index.setdefault(words[key], ([], []))
                if ANY_WORD in words:
                    wild.append((list(words), key, kind, number, weight))
                    continue
                table = next((t for k, n, t in shapes if (k, n) == (key, len(words))), None)
                if table is None:
                    shapes.append((key, len(words), table := {}))
                table.setdefault(words, []).append((number, kind, weight))
            number += 1
    return index


@functools.cache
def _phrases() -> tuple[dict[str, tuple[list, list]], frozenset[str]]:
    """Return the phrase index and its key words, built on first use (a tenth of a second,
    which importing a vCard, say, need not pay)."""
    index = _phrase_index()
    return index, frozenset(index)


@dataclass(frozen=True)
class KindGuess:
    kind: str
    confidence: float
    matched: tuple[str, ...] = ()


def fold_text(text: str) -> str:
    """Return ``text`` lower-cased, as plain ASCII letters, with 3+ repeated letters squeezed.

    Accents fall away with their letters kept ("terimakasíh" → "terimakasih"); emoji and other
    scripts, which no phrase of the lexicon contains, are dropped; a word doubled with a "2"
    is written out ("nanya2" → "nanya nanya"). All of it runs in C.
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _DOUBLED.sub(r"\1 \1", _REPEATS.sub(r"\1", text.lower()))


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
    index, all_keys = _phrases()
    keys = all_keys.intersection(words)
    if not keys:
        return
    size, found = len(words), []
    for key_word in keys:
        shapes, wild = index[key_word]
        i = -1
        while True:
            try:
                i = words.index(key_word, i + 1)  # a C scan: most words are no key
            except ValueError:
                break
            for key, length, table in shapes:
                start, end = i - key, i - key + length
                if start >= 0 and end <= size:
                    phrase = tuple(words[start:end])
                    for number, kind, weight in table.get(phrase, ()):
                        found.append((start, number, kind, weight, " ".join(phrase)))
            for phrase, key, kind, number, weight in wild:
                start, end = i - key, i - key + len(phrase)
                if start >= 0 and end <= size and _fits(phrase, words, start):
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
    return _guess(_matches(words_of(text)), "?" in text)


def _guess(found: Iterable[tuple[str, int, float, str]], question: bool) -> KindGuess:
    """Return the guess from the phrases ``found`` (in reading order); ``question``: a "?"."""
    scores: dict[str, float] = {}
    matched: dict[str, list[str]] = {}
    counted: set[int] = set()
    firm_ask = False  # an ask phrase that is more than a hint (weight 1 or more) matched
    for kind, number, weight, phrase in found:
        if number in counted:
            continue
        counted.add(number)
        scores[kind] = scores.get(kind, 0.0) + weight
        matched.setdefault(kind, []).append(phrase)
        firm_ask = firm_ask or (kind == "ask" and weight >= 1)
    if not scores:
        return KindGuess("touch", 0.5)
    if firm_ask and question:
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


_MESSAGE_MATCHES: dict[str, tuple[tuple[str, int, float, str], ...]] = {}


def _side_kind(texts: list[str]) -> str:
    """Return the kind of one side's messages read together.

    Each message's phrases are found once and remembered (chats repeat "ok", "makasih", a
    shared link); a side's phrases are its messages' phrases in order, each pattern counted
    once, as :func:`classify` counts them in one text. A phrase never spans two messages.
    """
    cache = _MESSAGE_MATCHES
    if len(cache) >= _TOKEN_CACHE_SIZE:
        cache.clear()
    for text in set(texts).difference(cache):
        cache[text] = tuple(_matches(words_of(text)))
    found = chain.from_iterable(map(cache.__getitem__, texts))
    return _guess(found, any(map(str.__contains__, texts, repeat("?")))).kind


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
