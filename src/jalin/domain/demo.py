"""A deterministic demo network: what a new owner sees on first start, before any import.

About 150 people in the four seeded circles, with Indonesian (Javanese, Sundanese, Batak,
Minang, Chinese-Indonesian, Balinese, Bugis) and international names, and three years of
interactions ending at ``as_of``. Each person follows one *pattern*, so that every feature has
something to show (research/tie-strength.md §2.5–2.7):

* ``regular`` — contact at a jittered (gamma) rhythm shorter than their cadence, last contact
  within the cadence: *ok*. Inner ties (closeness 9–10) hear from the owner weekly-ish, family
  by calls, friends monthly-ish, work by email and meetings, community at group events;
* ``due`` — the same, but the last contact lies just past the cadence (ρ 1.05–1.35);
* ``drifting`` — frequent contact that stopped 4–12 months ago (ρ 1.7–3.5 on their cadence);
* ``dormant`` — active in the first year only: nothing for more than two years;
* ``one_sided`` — the owner starts ~95 % of the conversations; ``they_carry`` — they do ~85 %;
* ``asks_only`` — rare contacts from the owner, each after a silence longer than the cadence,
  mostly of kind ``ask`` (*ada maunya*);
* ``rare`` — no cadence (closeness 1–2 or layer 5): the odd contact, event-driven.

Family members are linked by a fixed family tree; colleagues at one organisation and members
of one school, club or community group know each other. About 30 favours (mostly done, a few
promised or asked) and six birthdays in the coming two weeks complete it. Everything follows
from one ``random.Random(seed)``: no clock, no I/O, no Django. Phone numbers are Indonesian
mobiles in local form (UK numbers from Ofcom's drama range, US ones from 555-01xx); emails use
reserved ``example`` domains, so that nobody real is ever written to.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from itertools import combinations
from zoneinfo import ZoneInfo

from jalin.domain.cadence import resolve_cadence
from jalin.domain.records import (
    AffiliationRecord,
    FavourRecord,
    InteractionRecord,
    LinkRecord,
    NetworkRecords,
    PersonRecord,
)
from jalin.domain.vocabulary import CHANNELS, INTERACTION_KINDS


def _items(text: str) -> list[tuple[str, ...]]:
    """Return a constant table written as comma-separated items of words (``_`` → space)."""
    items = text.replace("\n", ",").split(",")
    return [
        tuple(word.replace("_", " ") for word in item.split()) for item in items if item.strip()
    ]


def _table(text: str) -> list[tuple[str, ...]]:
    """Return the rows of a constant table written one row a line, cells split by ``|``."""
    return [tuple(cell.strip() for cell in line.split("|")) for line in text.strip().splitlines()]


DEMO_USERNAME = "demo"
DEMO_PASSWORD = "jalin-demo"
JAKARTA = ZoneInfo("Asia/Jakarta")
HISTORY_DAYS = 3 * 365
LINK_TARGET = 150
"""How many who-knows-whom links to draw beside the family tree."""

# Per name group: male (.m) and female (.f) given names, each list led by the honorific used in
# a nickname; surnames (.s); cities (.c); whole names (.x …) used as they are.
NAMES = {
    item[0]: item[1:]
    for item in _items("""
jawa.m Mas Budi Agus Eko Joko Bambang Hadi Wahyu Teguh Dimas Arif Bayu Slamet
jawa.f Kak Siti Dewi Sri Endang Ratna Wulan Yuni Rina Ani Indah Ayu Nurul
jawa.s Santoso Rahmawati Wibowo Susanto Prasetyo Hartono Kurniawan Nugroho Purnomo Setiawan
jawa.c Jakarta Jakarta Jakarta Surabaya Yogyakarta Semarang
sunda.m Kang Asep Ujang Dadang Cecep Yayan Rizal Deden Iwan
sunda.f Teh Euis Neneng Iis Tini Lilis Nining Rina
sunda.s Sutisna Permana Kusnadi Suryadi Hidayat Supriatna Sumarna Rusmana
sunda.c Bandung Bandung Jakarta Bogor
batak.m Bang Yohanes Daniel Samuel Hotman Jonathan Roy Martin
batak.f Kak Maria Tiur Debora Ruth Lamtiur Grace
batak.s Simanjuntak Siregar Nainggolan Sitompul Hutapea Panjaitan Lubis Nasution Sinaga Manurung
batak.c Medan Jakarta Medan
minang.m Uda Rahmat Yusuf Zulkifli Fadli Hendra Irfan
minang.f Uni Fitri Rahmi Aulia Yulia Desi
minang.s Chaniago Koto Piliang Tanjung Sikumbang Jambak
minang.c Padang Jakarta Pekanbaru
tionghoa.m Koh Kevin Hendra Steven Ivan Ferry Wilson Edwin
tionghoa.f Ci Stefanie Lina Yenny Melinda Cindy Olivia
tionghoa.s Tanoto Halim Wijaya Salim Gunadi Tanujaya Hartanto Sugianto Kusuma
tionghoa.c Jakarta Surabaya Medan Pontianak
tionghoa.x Liem_Swie_Hong Tan_Siok_Lan Oey_Tjin_Bie Kwee_Hong_Liang Lie_Mei_Ling
bali.m Bli Made Wayan Nyoman Ketut Gede Kadek
bali.f Mbok Luh_Ayu Putu_Ayu Komang_Sri Kadek_Dewi
bali.s Wirawan Sudarsana Artawan Suardana Adnyana Mahendra Budiarta Astawa
bali.c Denpasar Denpasar Jakarta
bugis.m Daeng Andi Baso Arman Syamsul
bugis.f Kak Andi_Tenri Nurhayati Hasnah
bugis.s Rahim Latief Hamzah Syarifuddin Mappanyukki
bugis.c Makassar Makassar Jakarta
intl.x José_Álvarez Zoë_Müller Émile_Durand Søren_Kjær Chloé_Lefèvre Sarah_O'Connor
intl.y James_Whitfield Priya_Raghunathan Tan_Wei_Lin Hiroshi_Tanaka Emily_Carter Daniel_Kim
intl.z Nguyễn_Thị_Lan Łukasz_Wójcik Siobhán_Kelly Mateus_Gonçalves Ana_María_Rodríguez
intl.w Rajesh_Iyer Chen_Jia_Hui Björn_Åström Oliver_Bennett Kofi_Mensah Amelia_Hughes
intl.c Singapore Singapore London London Madrid Munich San_Francisco Melbourne Tokyo
""")
}
GROUP_WEIGHTS = {"jawa": 34, "sunda": 12, "batak": 10, "minang": 7, "tionghoa": 10, "bali": 6}
GROUP_WEIGHTS |= {"bugis": 4}
INTL_WEIGHT = {"work": 16, "friends": 8, "community": 2}
DIAL = {"London": "+44", "Singapore": "+65", "San Francisco": "+1", "Washington": "+1"}
ORGS = _table("""
Bank Mandiri | bankmandiri | Jakarta | Relationship Manager;VP Corporate Banking;Analis Kredit
Telkom Indonesia | telkom | Bandung | Manager Digital Business;Network Engineer;Product Owner
Gojek | gojek | Jakarta | Senior Product Manager;Engineering Manager;Data Scientist
Tokopedia | tokopedia | Jakarta | Head of Partnerships;Software Engineer;UX Researcher
Universitas Indonesia | ui | Depok | Dosen Fakultas Ekonomi dan Bisnis;Peneliti
Institut Teknologi Bandung | itb | Bandung | Dosen Teknik Informatika;Kepala Laboratorium
Pertamina | pertamina | Jakarta | Process Engineer;HR Business Partner
Puskesmas Kebayoran Baru | puskesmas-kebayoran | Jakarta | Dokter Umum;Bidan
Kopi Kita Digital | kopikita | Jakarta | Co-founder & CEO;CTO;Growth Lead
Bank Central Asia | bca | Jakarta | Branch Manager;IT Security Lead
""")
INTL_ORGS = _table("""
DBS Bank | dbs | Singapore | VP Technology;Relationship Manager
Grab | grab | Singapore | Regional Operations Lead;Product Designer
Unilever | unilever | London | Brand Manager
University College London | ucl | London | Research Fellow
Siemens | siemens | Munich | Project Engineer
World Bank | worldbank | Washington | Senior Economist
Stripe | stripe | San Francisco | Partnerships Manager
""")
STUDY = ("Universitas Indonesia", "S1 Ilmu Komputer"), ("Institut Teknologi Bandung", "S2 MBA")
FAMILY = _items("""
eyang jawa f 8 Eyang_Putri 1938, father jawa m 9 Bapak 1961, mother jawa f 10 Ibu 1964
elder jawa m 8 Mas_{} 1990, elder-wife sunda f 6 Mbak_{} 1991, younger jawa f 9 Dik_{} 1999
younger-husband batak m 5 - 1997, nephew jawa m 5 - 2016, niece jawa f 5 - 2019
pakde jawa m 5 Pakde_{} 1957, bude jawa f 5 Bude_{} 1959, cousin1 jawa m 6 - 1988
cousin2 jawa f 4 - 1992, om minang m 4 Om_{} 1966, tante jawa f 5 Tante_{} 1968
cousin3 minang m 3 - 1995, spouse sunda f 10 - 1996, papah sunda m 7 Papah 1963
mamah sunda f 7 Mamah 1965, ipar sunda m 6 Kang_{} 1993
""")
"""The owner's family: role, name group, gender, closeness, nickname ({} = first name), born."""
FAMILY_LINKS = _items("""
eyang father parent, eyang pakde parent, father mother spouse, father elder parent
mother elder parent, father younger parent, mother younger parent, elder younger sibling
elder elder-wife spouse, younger younger-husband spouse, elder nephew parent
elder niece parent, elder-wife nephew parent, elder-wife niece parent, nephew niece sibling
father pakde sibling, pakde bude spouse, pakde cousin1 parent, bude cousin1 parent
pakde cousin2 parent, cousin1 cousin2 sibling, om tante spouse, mother tante sibling
tante cousin3 parent, om cousin3 parent, cousin1 cousin3 relative, papah mamah spouse
papah spouse parent, mamah spouse parent, papah ipar parent, mamah ipar parent
spouse ipar sibling
""")
"""The family tree between roles: the first is <kind> of the second."""
SLOTS = {"friends": 36, "work": 48, "community": 31, "friends work": 7}
SLOTS |= {"friends community": 5, "work community": 3}
CLIQUES = _items("""
friends sma-8 Teman_SMA_8_Jakarta, friends alumni-ui Teman_kuliah_di_UI
friends kos-depok Tetangga_kos_di_Depok, friends badminton Main_badminton_Kamis_malam
work startup Konferensi_Tech_in_Asia, work klien Proyek_klien
work investor Demo_day_akselerator, work vendor Tender_aplikasi_kasir
community rt-05 Arisan_RT_05, community lari Lari_pagi_di_GBK
community masjid Pengajian_bulanan, community relawan Relawan_banjir_2024
""")
"""Where people of a circle come from: circle, tag, how we met."""
EVENTS = _items("""
rt-05 30 Arisan_RT_05, lari 21 Lari_pagi_bareng_komunitas, masjid 30 Pengajian_bulanan
relawan 75 Kerja_bakti_relawan, alumni-ui 110 Temu_alumni_UI
startup 45 Meetup_Komunitas_Startup_Jakarta, family 80 Kumpul_keluarga_besar
""")
"""Group gatherings: members' tag (or circle), mean days between two, title."""
MIX = {
    item[0]: tuple(int(n) for n in item[1:])
    for item in _items("""
family 45 30 15 10 0 0 1, friends 55 10 5 25 2 3 0, work 30 8 10 22 30 0 0
community 55 8 0 25 2 10 0, earliest 7 7 8 9 8 8 9, latest 22 21 21 20 18 20 17
""")
}
"""Per circle, the weight of each channel (in ``CHANNELS`` order); the hours each is used."""
KIND_WEIGHTS = (86, 4, 5, 3, 2)
"""Weights of ``INTERACTION_KINDS`` (touch, ask, give, thanks, intro) in ordinary contact."""
SUMMARIES = _table("""
touch.family | Tanya kabar, cerita soal cucu | Video call sama keponakan | Bahas rencana mudik
touch.friends | Ngopi di Kemang, cerita soal kerjaan baru | Catch-up over lunch | Nonton bareng
touch.work | Quick check-in after the conference | Makan siang di Senayan City | Bahas proyek
touch.community | Ngobrol setelah rapat RT | Tanya kabar setelah banjir | Happy birthday wishes
ask | Asked for a referral to {org} | Minta saran soal investor | Tanya lowongan di {org}
ask | Asked for feedback on the pitch deck | Minta info sekolah untuk keponakan
give | Kirim info lowongan yang cocok | Shared a contact at {org} | Kirim oleh-oleh dari Yogya
thanks | Terima kasih sudah bantu referensi | Thanked them for the intro
intro | Kenalkan ke teman di {org} | Introduced them to a founder friend
given | Referensi untuk lowongan di {org} | Reviewed their pitch deck | Bantu pindahan rumah
given | Kenalkan ke investor angel | Mentoring soal karier | Lent my camera for the wedding
received | Referral to a hiring manager at {org} | Dicarikan info sekolah untuk keponakan
received | Pinjam mobil untuk mudik | Rekomendasi dokter anak | Feedback on my CV
""")
NOTES = _table("""
Suka kopi tubruk; jangan telepon sebelum jam 9 | Anaknya baru masuk SD | Vegetarian
Looking for a co-founder | Punya jaringan luas di BUMN | Always replies on Sunday evenings
""")
PATTERN_COUNTS = {"dormant": 8, "drifting": 10, "one_sided": 8, "they_carry": 5}
PATTERN_COUNTS |= {"asks_only": 6, "due": 6}
P_ME = {"one_sided": 0.95, "they_carry": 0.15, "asks_only": 0.85}
"""Chance that the owner starts a contact, by pattern (0.5 otherwise)."""


@dataclass
class _Spec:
    """A person under construction, with what the generator needs beyond the record."""

    key: str
    name: str
    circles: tuple[str, ...]
    group: str
    gender: str
    born: int
    closeness: int | None
    pattern: str = "regular"
    org: tuple[str, ...] = ()
    tag: str = ""
    layer: int | None = None
    own_cadence: int | None = None
    added: date = date.min
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def cadence(self) -> int | None:
        """Return the cadence in days the app will apply to this person (None: never due)."""
        own, layer, closeness = self.own_cadence, self.layer, self.closeness
        return resolve_cadence(
            own_days=own, layer=layer, closeness=closeness, circles=self.circles
        ).days


def demo_network(*, as_of: datetime, seed: int = 2026) -> NetworkRecords:
    """Return a deterministic demo network ending at ``as_of`` (an aware datetime).

    The same ``as_of`` and ``seed`` give exactly the same records, so the demo can be rebuilt
    and tested; nothing in it happens after ``as_of`` and its history starts three years
    before. See the module docstring for the patterns it plants.
    """
    if as_of.tzinfo is None or as_of.utcoffset() is None:
        raise ValueError("as_of must be a timezone-aware datetime")
    now = as_of.astimezone(JAKARTA)
    rng = random.Random(seed)
    specs = _family(rng)
    specs += _others(rng, len(specs), {s.name for s in specs})
    _assign_patterns(rng, specs)
    _add_details(rng, specs, now)
    interactions = _interactions(rng, specs, now)
    interactions.sort(key=lambda i: (i.occurred_at, i.person_keys))
    return NetworkRecords(
        people=tuple(_record(s) for s in specs),
        interactions=tuple(interactions),
        links=tuple(_links(rng, specs)),
        favours=tuple(_favours(rng, specs, now)),
    )


def _name(rng: random.Random, group: str, gender: str, taken: set[str]) -> str:
    """Return a name of ``group`` not yet in ``taken``, and add it there."""
    while True:
        if f"{group}.x" in NAMES and (group == "intl" or rng.random() < 0.25):
            pool = [n for key in "xyzw" for n in NAMES.get(f"{group}.{key}", ())]
            name = rng.choice(pool)
        else:
            name = f"{rng.choice(NAMES[f'{group}.{gender}'][1:])} {rng.choice(NAMES[group + '.s'])}"
        if name not in taken:
            taken.add(name)
            return name


def _family(rng: random.Random) -> list[_Spec]:
    """Return the owner's family: a fixed tree whose roles get names drawn from ``rng``."""
    specs: list[_Spec] = []
    taken: set[str] = set()
    for index, (role, group, gender, closeness, nick, born) in enumerate(FAMILY, start=1):
        name = _name(rng, group, gender, taken)
        spec = _Spec(f"p{index:03d}", name, ("family",), group, gender, int(born), int(closeness))
        nickname = "" if nick == "-" else nick.format(name.split()[0])
        spec.tag, spec.extra = role, {"nickname": nickname, "tags": ("keluarga",)}
        specs.append(spec)
    by_role = {s.tag: s for s in specs}
    by_role["spouse"].layer, by_role["mother"].layer, by_role["eyang"].own_cadence = 0, 1, 14
    by_role["cousin1"].circles = ("family", "work")
    by_role["cousin1"].org = ORGS[2]
    return specs


def _others(rng: random.Random, offset: int, taken: set[str]) -> list[_Spec]:
    """Return the friends, colleagues and community people, each with a name group and org."""
    slots = [tuple(key.split()) for key, count in SLOTS.items() for _ in range(count)]
    specs: list[_Spec] = []
    for index, circles in enumerate(slots, start=offset + 1):
        abroad = sum(s.group == "intl" for s in specs) < 20
        weights = GROUP_WEIGHTS | {"intl": INTL_WEIGHT[circles[0]] * abroad}
        group = rng.choices(list(weights), list(weights.values()))[0]
        gender = rng.choice("mf")
        name = _name(rng, group, gender, taken)
        closeness = rng.choice((None, 2, 3, 4, 4, 5, 5, 5, 6, 6, 7, 7, 8))
        born = rng.randint(1962, 2001)
        spec = _Spec(f"p{index:03d}", name, circles, group, gender, born, closeness)
        _, spec.tag, met_how = rng.choice([c for c in CLIQUES if c[0] == circles[0]])
        spec.extra.update(tags=(spec.tag,), met_how=met_how)
        if "work" in circles or rng.random() < 0.1:
            spec.org = rng.choice(INTL_ORGS if group == "intl" else ORGS)
        specs.append(spec)
    best = [s for s in specs if s.circles[0] == "friends" and s.group != "intl"][:3]
    for spec, closeness in zip(best, (10, 9, 9), strict=True):
        spec.closeness = closeness
    for spec in specs[-2:]:
        spec.closeness, spec.layer = 2, 5
    mentor = next(s for s in specs if s.circles == ("work",) and s.group != "intl")
    mentor.closeness, mentor.layer, mentor.own_cadence, mentor.tag = 7, 2, 45, "mentor"
    mentor.extra.update(tags=("mentor",), met_how="Program mentoring")
    return specs


def _assign_patterns(rng: random.Random, specs: list[_Spec]) -> None:
    """Give some people a planted pattern; closeness is set so that the pattern reads right."""
    free = [s for s in specs if 3 <= (s.closeness or 0) <= 8 and s.layer is None]
    free = [s for s in free if s.own_cadence is None]
    rng.shuffle(free)
    for pattern, count in PATTERN_COUNTS.items():
        chosen = [s for s in free if "family" in s.circles][: int(pattern == "drifting")]
        chosen += [s for s in free if "family" not in s.circles][: count - len(chosen)]
        for spec in chosen:
            free.remove(spec)
            spec.pattern = pattern
            if pattern in ("drifting", "asks_only", "due"):
                spec.closeness = rng.choice((5, 6))
    for spec in specs:
        if spec.cadence is None:
            spec.pattern = "rare"


def _add_details(rng: random.Random, specs: list[_Spec], now: datetime) -> None:
    """Fill in contact points, affiliations, birthdays, city, dates, nickname and notes."""
    start = now.date() - timedelta(days=HISTORY_DAYS)
    phones: set[str] = set()
    emails: set[str] = set()
    for spec in specs:
        extra = spec.extra
        extra["city"] = city = _city(rng, spec)
        late = spec.pattern == "regular" and spec.circles[0] in ("work", "community")
        late = late and rng.random() < 0.35
        days = rng.randint(30, HISTORY_DAYS - 40) if late else rng.randint(0, 14)
        spec.added = start + timedelta(days=days)
        if late:
            extra["met_on"] = spec.added
        if rng.random() < 0.85 and (spec.group != "intl" or city in DIAL):
            extra["phones"] = (_phone(rng, city, phones),)
        if rng.random() < 0.7 or spec.org:
            extra["emails"] = _emails(rng, spec, emails)
        if spec.org:
            extra["affiliations"] = _affiliations(rng, spec, now.date())
        elif "friends" in spec.circles and rng.random() < 0.2:
            org, title = rng.choice(STUDY)
            ended = date(2018, 7, 31)
            extra["affiliations"] = (
                AffiliationRecord(org, title, "study", date(2014, 8, 1), ended),
            )
        if rng.random() < 0.88:
            year = None if rng.random() < 0.1 else spec.born
            extra["birthday"] = (year, rng.randint(1, 12), rng.randint(1, 28))
        if "family" not in spec.circles and spec.group != "intl" and rng.random() < 0.15:
            extra["nickname"] = f"{NAMES[f'{spec.group}.{spec.gender}'][0]} {spec.name.split()[0]}"
        if rng.random() < 0.12:
            extra["notes"] = rng.choice([note for row in NOTES for note in row])
    for offset, spec in zip((1, 3, 5, 8, 11, 13), rng.sample(specs, 6), strict=True):
        soon = now.date() + timedelta(days=offset)
        soon += timedelta(days=int((soon.month, soon.day) == (2, 29)))
        spec.extra["birthday"] = (spec.born, soon.month, soon.day)


def _city(rng: random.Random, spec: _Spec) -> str:
    """Return where a person lives: their organisation's city, else their name group's."""
    if spec.org and rng.random() < 0.85:
        return spec.org[2]
    if "family" in spec.circles:
        return "Bandung" if spec.group == "sunda" else rng.choice(("Jakarta", "Yogyakarta"))
    return rng.choice(NAMES[spec.group + ".c"])


def _phone(rng: random.Random, city: str, taken: set[str]) -> str:
    """Return a phone number not in ``taken``: local Indonesian form, or international."""
    while True:
        dial = DIAL.get(city, "")
        if dial == "+44":
            number = f"+44 7700 900{rng.randint(0, 999):03d}"
        elif dial == "+65":
            number = f"+65 9{rng.randint(0, 999):03d} {rng.randint(0, 9999):04d}"
        elif dial == "+1":
            area = "415" if city == "San Francisco" else "202"
            number = f"+1 {area}-555-01{rng.randint(0, 99):02d}"
        else:
            prefix = rng.choice(("0811", "0812", "0813", "0821", "0852", "0857", "0878", "0896"))
            number = f"{prefix}-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
        if number not in taken:
            taken.add(number)
            return number


def _ascii(text: str) -> str:
    """Return ``text`` as lower-case ASCII letters and dots, for an email's local part."""
    text = text.lower().translate(str.maketrans({"ł": "l", "ø": "o", "æ": "ae", " ": "."}))
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded if ch.isalnum() or ch == ".")


def _emails(rng: random.Random, spec: _Spec, taken: set[str]) -> tuple[str, ...]:
    """Return one or two unique emails: a personal one and, for the employed, a work one."""
    local = _ascii(spec.name)
    found = []
    if not spec.org or rng.random() < 0.4:
        domain = rng.choice(("example.com", "example.net", "example.org"))
        found.append(f"{local}{f'{spec.born % 100:02d}' if rng.random() < 0.3 else ''}@{domain}")
    if spec.org:
        found.append(f"{local}@{spec.org[1]}.example")
    result = []
    for email in found:
        while email in taken:
            email = email.replace("@", f"{rng.randint(0, 9)}@", 1)
        taken.add(email)
        result.append(email)
    return tuple(result)


def _affiliations(rng: random.Random, spec: _Spec, today: date) -> tuple[AffiliationRecord, ...]:
    """Return the current job at ``spec.org`` and, for some, the job before it."""
    begun = date(rng.randint(2012, today.year - 1), rng.randint(1, 12), 1)
    current = AffiliationRecord(spec.org[0], rng.choice(spec.org[3].split(";")), "work", begun)
    if rng.random() > 0.25:
        return (current,)
    before = rng.choice([org for org in ORGS if org != spec.org])
    earlier = date(begun.year - rng.randint(2, 5), rng.randint(1, 12), 1)
    title = rng.choice(before[3].split(";"))
    return current, AffiliationRecord(before[0], title, "work", earlier, begun)


def _rhythm(rng: random.Random, spec: _Spec) -> tuple[float, float, float]:
    """Return (days since the last contact, mean gap, least gap) in days for a pattern."""
    cadence = spec.cadence or 365
    pattern = spec.pattern
    if pattern == "due":
        return cadence * rng.uniform(1.05, 1.35), cadence * 0.5, 1
    if pattern == "drifting":
        return min(365, max(120, cadence * rng.uniform(1.7, 3.5))), cadence * 0.35, 1
    if pattern == "dormant":
        return rng.uniform(760, 900), 45, 3
    if pattern in ("one_sided", "they_carry"):
        return rng.uniform(2, 25), 25, 4
    if pattern == "asks_only":
        return rng.uniform(5, 60), 60, cadence + 5
    if pattern == "rare":
        return rng.uniform(30, 700), 400, 30
    return cadence * rng.uniform(0.05, 0.9), max(4.0, cadence * 0.6), 0.5


def _interactions(rng: random.Random, specs: list[_Spec], now: datetime) -> list[InteractionRecord]:
    """Return every person's one-to-one interactions, walked back from the last, and events."""
    start = now - timedelta(days=HISTORY_DAYS)
    result: list[InteractionRecord] = []
    for spec in specs:
        since, mean, least = _rhythm(rng, spec)
        first = max(start, datetime.combine(spec.added, time(12), JAKARTA))
        moment = now - timedelta(days=since)
        if moment < first:  # added recently: the last contact follows the first meeting
            moment = first + (now - first) * rng.uniform(0.3, 1.0)
        moments = [first] if "met_on" in spec.extra else []
        while moment > first:
            moments.append(moment)
            moment -= timedelta(days=max(least, rng.gammavariate(2.0, mean / 2)))
        for moment in moments:
            interaction = _one_to_one(rng, spec, moment, now)
            if start <= interaction.occurred_at <= now:
                result.append(interaction)
    return result + _events(rng, specs, start, now)


def _at(rng: random.Random, day: datetime, channel: str, now: datetime) -> datetime:
    """Return a plausible local time on ``day`` for ``channel``, a day earlier if in the future."""
    index = CHANNELS.index(channel)
    hour = rng.randint(MIX["earliest"][index], MIX["latest"][index])
    when = datetime.combine(day.date(), time(hour, rng.randrange(0, 60, 5)), JAKARTA)
    return when - timedelta(days=1) if when > now else when


def _one_to_one(rng: random.Random, spec: _Spec, day: datetime, now: datetime) -> InteractionRecord:
    """Return one contact with ``spec``: channel from their circle, initiator from pattern."""
    mix = list(MIX[spec.circles[0]])
    if spec.extra.get("city") not in ("Jakarta", "Depok", "Bogor"):
        mix[3] //= 4  # far away: fewer meetings in person
    channel = rng.choices(CHANNELS, mix)[0]
    if channel in ("meeting", "event") and spec.pattern == "regular" and rng.random() < 0.6:
        initiator = "mutual"
    else:
        initiator = "me" if rng.random() < P_ME.get(spec.pattern, 0.5) else "them"
    if spec.pattern == "asks_only" and initiator == "me":
        kind = "ask" if rng.random() < 0.8 else "touch"
    else:
        kind = rng.choices(INTERACTION_KINDS, KIND_WEIGHTS)[0]
    summary = _summary(rng, kind, spec) if kind != "touch" or rng.random() < 0.15 else ""
    mine = theirs = 0
    minutes = None
    if channel in ("message", "email"):
        top = 1 if channel == "email" else 6
        mine = rng.randint(int(initiator != "them"), top)
        theirs = rng.randint(int(initiator != "me"), 1 if spec.pattern == "one_sided" else top)
    elif channel != "letter":
        minutes = rng.randint(*{"call": (3, 45), "video": (10, 60)}.get(channel, (30, 150)))
    when = _at(rng, day, channel, now)
    return InteractionRecord(
        (spec.key,), when, channel, initiator, kind, summary, mine, theirs, minutes
    )


def _summary(rng: random.Random, kind: str, spec: _Spec) -> str:
    """Return a short note for an interaction or favour of ``kind`` (``given``, ``ask`` …)."""
    kind = f"touch.{spec.circles[0]}" if kind == "touch" else kind
    texts = [text for row in SUMMARIES if row[0] == kind for text in row[1:]]
    return rng.choice(texts).format(org=spec.org[0] if spec.org else "Tokopedia")


def _events(
    rng: random.Random, specs: list[_Spec], start: datetime, now: datetime
) -> list[InteractionRecord]:
    """Return group gatherings: each event's members are regular people sharing its tag."""
    result = []
    for tag, gap_text, title in EVENTS:
        gap = int(gap_text)
        members = [s for s in specs if s.pattern == "regular" and tag in (s.tag, s.circles[0])]
        if len(members) < 3:
            continue
        channel = "meeting" if tag == "family" else "event"
        day = now - timedelta(days=rng.uniform(1, gap))
        while day >= start:
            present = rng.sample(members, rng.randint(2, min(6, len(members))))
            keys = tuple(sorted(s.key for s in present))
            initiator = rng.choices(("mutual", "them", "me"), (6, 3, 1))[0]
            when, minutes = _at(rng, day, channel, now), rng.randint(90, 240)
            if when >= start:
                record = InteractionRecord(keys, when, channel, initiator, summary=title)
                result.append(replace(record, minutes=minutes))
            day -= timedelta(days=max(7.0, rng.gammavariate(3.0, gap / 3)))
    return result


def _links(rng: random.Random, specs: list[_Spec]) -> list[LinkRecord]:
    """Return the family tree plus about ``LINK_TARGET`` colleague, friend and knows links."""
    by_role = {s.tag: s.key for s in specs if "family" in s.circles}
    links = [LinkRecord(by_role[a], by_role[b], kind) for a, b, kind in FAMILY_LINKS]
    seen = {frozenset((link.from_key, link.to_key)) for link in links}
    groups: dict[tuple[str, str], list[str]] = {}
    for spec in specs:
        if "family" not in spec.circles:
            if spec.org:
                groups.setdefault(("colleague", spec.org[0]), []).append(spec.key)
            kind = "friend" if spec.circles[0] == "friends" else "knows"
            groups.setdefault((kind, spec.tag), []).append(spec.key)
    candidates = []
    for (kind, _), keys in groups.items():
        chance = 0.6 if kind == "colleague" else 0.12
        candidates += [(a, b, kind) for a, b in combinations(keys, 2) if rng.random() < chance]
    others = [s.key for s in specs if "family" not in s.circles]
    for _ in range(LINK_TARGET // 3):
        a, b = rng.sample(others, 2)
        candidates.append((a, b, rng.choice(("knows", "knows", "knows", "introduced_by"))))
    rng.shuffle(candidates)
    limit = len(links) + LINK_TARGET
    for a, b, kind in candidates:
        if len(links) >= limit or frozenset((a, b)) in seen:
            continue
        seen.add(frozenset((a, b)))
        links.append(LinkRecord(a, b, kind))
    return links


def _favours(rng: random.Random, specs: list[_Spec], now: datetime) -> list[FavourRecord]:
    """Return about 30 favours: mostly done, a few promised or asked, all in the past."""
    eligible = [s for s in specs if s.pattern not in ("dormant", "rare", "drifting")]
    eligible = [s for s in eligible if (s.closeness or 0) > 3]
    statuses = ["done"] * 23 + ["promised"] * 3 + ["asked"] * 3 + ["declined"]
    favours = []
    for spec, status in zip(rng.sample(eligible, len(statuses)), statuses, strict=True):
        direction = rng.choice(("given", "received"))
        if status in ("promised", "asked") or spec.pattern == "asks_only":
            direction = "given" if status == "promised" else "received"
        days_ago = rng.randint(3, 45) if status != "done" else rng.randint(10, 700)
        on = now.date() - timedelta(days=days_ago)
        text = _summary(rng, direction, spec)
        favours.append(FavourRecord(spec.key, direction, text, status, on))
    return sorted(favours, key=lambda favour: (favour.occurred_on, favour.person_key))


def _record(spec: _Spec) -> PersonRecord:
    """Return the finished ``PersonRecord`` of a spec."""
    return PersonRecord(
        key=spec.key,
        name=spec.name,
        circles=spec.circles,
        closeness=spec.closeness,
        layer=spec.layer,
        cadence_days=spec.own_cadence,
        added_on=spec.added,
        **spec.extra,  # type: ignore[arg-type]
    )
