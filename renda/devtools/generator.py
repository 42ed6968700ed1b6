"""Pure generation of the demo city: no database, same seed → same plan.

:func:`build_plan` returns a :class:`DemoPlan` of plain rows (persons, deputies,
organizations, posts, memberships, users) that :mod:`renda.devtools.seeding`
writes. Keeping the two apart lets a test prove determinism without a database.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from . import demo_data as D


@dataclass
class PersonRow:
    name: str
    gender: str
    ethnicity: str
    birth_year: int
    party: str
    education: str
    occupation: str
    address: str = ""


@dataclass
class DeputyRow:
    person: int
    delegation: str
    constituency: str
    electing_unit: str
    category: str
    is_reelected: bool = False
    elected_on: dt.date | None = None
    status: str = "active"
    status_date: dt.date | None = None
    status_reason: str = ""


@dataclass
class OrgRow:
    code: str
    name: str
    name_en: str
    kind: str
    parent: str | None
    abbreviation: str = ""
    sort_order: int = 100


@dataclass
class PostRow:
    organization: str
    label: str
    role: str
    elected_or_appointed: bool
    sort_order: int = 100


@dataclass
class MembershipRow:
    person: int
    organization: str
    role: str
    start_date: dt.date
    post: str | None = None  # label of a post of the same organization
    in_term: bool = True
    is_full_time: bool = False
    end_date: dt.date | None = None
    end_reason: str = ""


@dataclass
class UserRow:
    username: str
    role: str
    password: str
    display_name: str
    person: int | None = None
    scope: str | None = None


@dataclass
class DemoPlan:
    seed: int
    persons: list[PersonRow] = field(default_factory=list)
    deputies: list[DeputyRow] = field(default_factory=list)
    organizations: list[OrgRow] = field(default_factory=list)
    posts: list[PostRow] = field(default_factory=list)
    memberships: list[MembershipRow] = field(default_factory=list)
    users: list[UserRow] = field(default_factory=list)

    def names(self) -> list[str]:
        return [p.name for p in self.persons]


class NameMaker:
    """Chinese names drawn from weighted surnames and given-name characters, never repeated."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()
        self.surnames = [s for s, _ in D.SURNAMES]
        self.weights = [w for _, w in D.SURNAMES]

    def make(self, gender: str, birth_year: int, ethnicity: str = "汉族") -> str:
        for _attempt in range(200):
            name = self._candidate(gender, birth_year, ethnicity)
            if name not in self.used:
                self.used.add(name)
                return name
        raise RuntimeError("name space exhausted")  # pragma: no cover

    def _candidate(self, gender: str, birth_year: int, ethnicity: str) -> str:
        rng = self.rng
        if ethnicity == "蒙古族" and rng.random() < 0.6:
            return rng.choice(D.MONGOLIAN_NAMES)
        surname = rng.choices(self.surnames, self.weights)[0]
        modern = birth_year >= 1980
        if gender == "female":
            pool = D.GIVEN_FEMALE_MODERN if modern else D.GIVEN_FEMALE_CLASSIC
        else:
            pool = D.GIVEN_MALE_MODERN if modern else D.GIVEN_MALE_CLASSIC
        single = rng.random() < (0.15 if modern else 0.3)
        given = rng.choice(pool) if single else rng.choice(pool) + rng.choice(pool)
        if len(given) == 2 and given[0] == given[1] and rng.random() < 0.7:
            given = given[0] + rng.choice(pool)
        return surname + given


class _Builder:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.names = NameMaker(self.rng)
        self.plan = DemoPlan(seed=seed)

    # -- persons --------------------------------------------------------
    def person(
        self,
        *,
        category: str,
        occupation: str,
        gender: str | None = None,
        birth: tuple[int, int] | None = None,
        party: str | None = None,
        district: str = "",
        town: str = "",
        minority_ok: bool = True,
    ) -> int:
        rng = self.rng
        if gender is None:
            gender = "female" if rng.random() < D.WOMEN_SHARE.get(category, 0.27) else "male"
        lo, hi = birth or _BIRTH.get(category, (1958, 1995))
        birth_year = rng.randint(max(lo, 1958), min(hi, 1995))
        ethnicity = "汉族"
        if minority_ok and rng.random() < D.MINORITY_SHARE:
            ethnicity = rng.choices([e for e, _ in D.MINORITIES], [w for _, w in D.MINORITIES])[0]
        if party is None:
            party = self._party(category)
        education = rng.choice(_EDUCATION.get(category, ("大学",)))
        address = f"{D.CITY_NAME}{district}{town}" if district else ""
        self.plan.persons.append(
            PersonRow(
                name=self.names.make(gender, birth_year, ethnicity),
                gender=gender,
                ethnicity=ethnicity,
                birth_year=birth_year,
                party=party,
                education=education,
                occupation=occupation[:120],
                address=address,
            )
        )
        return len(self.plan.persons) - 1

    def _party(self, category: str) -> str:
        cpc, democratic = _PARTY.get(category, (0.6, 0.2))
        roll = self.rng.random()
        if roll < cpc:
            return "cpc"
        if roll < cpc + democratic:
            return self.rng.choice(D.DEMOCRATIC_PARTIES)
        return "none"

    # -- places and jobs ------------------------------------------------
    def town(self, district: str) -> str:
        return self.rng.choice(D.TOWNS[district])

    def company(self) -> str:
        return self.rng.choice(D.PRIVATE_COMPANIES) + self.rng.choice(D.PRIVATE_INDUSTRIES)

    def job(self, category: str, district: str, town: str) -> str:
        rng = self.rng
        if category == "worker":
            return rng.choice(D.EMPLOYERS_INDUSTRY) + rng.choice(D.WORKER_JOBS)
        if category == "farmer":
            village = rng.choice(D.VILLAGE_STEMS) + "村"
            role = rng.choice(
                (
                    "村民",
                    "村民",
                    "种植大户",
                    "党支部书记、村委会主任",
                    "专业合作社理事长",
                    "家庭农场主",
                )
            )
            return f"{district}{town}{village}{role}"
        if category == "professional":
            place, titles = rng.choice(D.PROFESSIONAL_PLACES)
            return place + rng.choice(titles)
        return rng.choice(D.OTHER_JOBS).format(company=self.company(), district=district, town=town)


_BIRTH = {
    "leading_cadre": (1962, 1982),
    "worker": (1968, 1995),
    "farmer": (1960, 1992),
    "professional": (1960, 1990),
    "military": (1966, 1990),
    "other": (1958, 1995),
}
_EDUCATION = {
    "leading_cadre": ("研究生", "研究生", "大学"),
    "worker": ("高中", "中专", "大专", "大专", "大学"),
    "farmer": ("初中", "高中", "高中", "中专", "大专"),
    "professional": ("研究生", "研究生", "大学"),
    "military": ("大学", "研究生", "大专"),
    "other": ("大学", "大专", "高中", "研究生"),
}
#: Share of CPC members and of democratic-party members by category; the rest are non-party.
_PARTY = {
    "leading_cadre": (0.95, 0.04),
    "military": (1.0, 0.0),
    "worker": (0.7, 0.0),
    "farmer": (0.65, 0.0),
    "professional": (0.5, 0.3),
    "other": (0.45, 0.2),
}


def _date_in(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def build_plan(seed: int = D.DEFAULT_SEED) -> DemoPlan:
    """Return the whole demo city for a seed; no database access."""
    b = _Builder(seed)
    rng, plan = b.rng, b.plan
    city = D.CITY_NAME
    term_start = D.TERM_START
    regional = [code for code, *_ in D.DELEGATIONS]
    district_of = {code: district for code, district, _w, _r in D.DELEGATIONS}
    weights = [w for _c, _d, w, _r in D.DELEGATIONS]
    rural = [code for code, _d, _w, is_rural in D.DELEGATIONS if is_rural]
    election_day = {code: dt.date(2021, 11, rng.randint(8, 30)) for code in regional}
    election_day[D.MILITARY_DELEGATION[0]] = dt.date(2021, 11, rng.randint(8, 30))

    # Delegations (代表团), sorted after the S29 bodies.
    for order, (code, district, _w, _r) in enumerate(D.DELEGATIONS, start=1):
        plan.organizations.append(
            OrgRow(
                code=code,
                name=f"{district}代表团",
                name_en=f"{D.DISTRICT_EN[district]} Delegation",
                kind="delegation",
                parent="congress",
                sort_order=1000 + order,
            )
        )
    mil_code, mil_name = D.MILITARY_DELEGATION
    plan.organizations.append(
        OrgRow(
            code=mil_code,
            name=f"{mil_name}代表团",
            name_en="PLA Delegation",
            kind="delegation",
            parent="congress",
            sort_order=1100,
        )
    )
    # Government departments and other handling units.
    for order, (code, name, name_en, _head) in enumerate(D.DEPARTMENTS, start=1):
        plan.organizations.append(
            OrgRow(
                code=code,
                name=f"{city}{name}",
                name_en=name_en,
                kind="government_department",
                parent="government",
                abbreviation=f"市{name}",
                sort_order=2000 + order,
            )
        )
    for order, (code, name, name_en, _head) in enumerate(D.OTHER_UNITS, start=1):
        plan.organizations.append(
            OrgRow(
                code=code,
                name=name,
                name_en=name_en,
                kind="other_unit",
                parent=None,
                sort_order=3000 + order,
            )
        )

    def add_deputy(person: int, delegation: str, category: str) -> DeputyRow:
        if delegation == mil_code:
            constituency, electing_unit = "驻清河部队", "清河军分区军人代表大会"
        else:
            district = district_of[delegation]
            constituency = f"{district}{plan.persons[person].address.removeprefix(city + district)}"
            prefix = city if district.endswith("区") else ""
            electing_unit = f"{prefix}{district}人民代表大会"
        row = DeputyRow(
            person=person,
            delegation=delegation,
            constituency=constituency,
            electing_unit=electing_unit,
            category=category,
            elected_on=election_day[delegation],
        )
        plan.deputies.append(row)
        return row

    def regional_person(category: str, occupation_fn, **kwargs) -> tuple[int, str]:
        delegation = rng.choices(regional, weights)[0]
        if category == "farmer":
            delegation = rng.choice(rural)
        district = district_of[delegation]
        town = b.town(district)
        if category == "farmer":
            town = rng.choice([t for t in D.TOWNS[district] if not t.endswith("街道")])
        occupation = occupation_fn(district, town)
        return b.person(
            category=category, occupation=occupation, district=district, town=town, **kwargs
        ), delegation

    cadre_birth = (1961, 1972)
    # The city's leaders who are deputies: party secretary, mayor, vice mayors, heads of
    # the supervisory commission, court and procuratorate.
    leaders: dict[str, list[int]] = {}
    for key, text, count, party in (
        ("party_secretary", f"中共{city}委员会书记", 1, "cpc"),
        ("mayor", f"中共{city}委员会副书记、{city}人民政府市长", 1, "cpc"),
        ("vice_mayor", f"{city}人民政府副市长", 4, None),
        ("supervisory", f"{city}监察委员会主任", 1, "cpc"),
        ("court", f"{city}中级人民法院院长", 1, "cpc"),
        ("procuratorate", f"{city}人民检察院检察长", 1, "cpc"),
    ):
        for i in range(count):
            # By custom one vice mayor is not a CPC member.
            p = party or ("demleague" if i == count - 1 else "cpc")
            person, delegation = regional_person(
                "leading_cadre", lambda _d, _t, text=text: text, birth=cadre_birth, party=p
            )
            add_deputy(person, delegation, "leading_cadre")
            leaders.setdefault(key, []).append(person)

    # The standing committee (S28, §8.15): chair, vice chairs, secretary-general and
    # full-time members are leading cadres; part-time members come from other walks of life.
    sc_prefix = f"{city}人大"
    sc_people: list[tuple[int, str, bool]] = []  # (person, SC post label, full time)

    def sc_member(category: str, text: str, label: str, full_time: bool, **kwargs) -> int:
        person, delegation = regional_person(category, lambda _d, _t: text, **kwargs)
        add_deputy(person, delegation, category)
        sc_people.append((person, label, full_time))
        return person

    chair = sc_member(
        "leading_cadre",
        f"{sc_prefix}常委会主任、党组书记",
        "主任",
        True,
        birth=(1961, 1966),
        party="cpc",
    )
    vice_chairs = []
    for i in range(D.SC_VICE_CHAIRS):
        party = "jiusan" if i == D.SC_VICE_CHAIRS - 1 else "cpc"
        text = f"{sc_prefix}常委会副主任"
        if party != "cpc":
            text += f"、{D.DEMOCRATIC_PARTY_NAMES[party]}{city}委员会主委"
        vice_chairs.append(
            sc_member("leading_cadre", text, "副主任", True, birth=(1962, 1970), party=party)
        )
    secretary_general = sc_member(
        "leading_cadre", f"{sc_prefix}常委会秘书长", "秘书长", True, birth=cadre_birth, party="cpc"
    )
    body_heads: list[tuple[int, str, str, str]] = []
    for org_code, label, role, text in D.SC_FULL_TIME_POSTS:
        person = sc_member("leading_cadre", sc_prefix + text, "委员", True, birth=(1963, 1978))
        body_heads.append((person, org_code, label, role))
    part_time = [
        sc_member(category, text, "委员", False)
        for category, text in D.SC_PART_TIME_JOBS[: D.SC_PART_TIME]
    ]

    # Everyone else, category by category, up to the fixed counts.
    placed: dict[str, int] = {}
    for row in plan.deputies:
        placed[row.category] = placed.get(row.category, 0) + 1
    cadre_slots = []
    for code, district, _w, _r in D.DELEGATIONS:
        head = (
            "区长" if district.endswith("区") else ("市长" if district.endswith("市") else "县长")
        )
        for tmpl in D.CADRE_DISTRICT_JOBS:
            cadre_slots.append((code, tmpl.format(district=district, head=head), None))
        for town in D.TOWNS[district]:
            is_subdistrict = town.endswith("街道")
            body = "工委" if is_subdistrict else "委"
            town_head = (
                "办事处主任" if is_subdistrict else ("乡长" if town.endswith("乡") else "镇长")
            )
            for tmpl in D.CADRE_TOWN_JOBS:
                cadre_slots.append(
                    (
                        code,
                        tmpl.format(district=district, town=town, body=body, town_head=town_head),
                        town,
                    )
                )
    remaining_cadres = D.OCCUPATION_COUNTS["leading_cadre"] - placed.get("leading_cadre", 0)
    for code, text, town in rng.sample(cadre_slots, remaining_cadres):
        district = district_of[code]
        person = b.person(
            category="leading_cadre",
            occupation=text,
            district=district,
            town=town or b.town(district),
        )
        add_deputy(person, code, "leading_cadre")
    military_jobs = list(D.MILITARY_JOBS)
    for i in range(D.OCCUPATION_COUNTS["military"] - placed.get("military", 0)):
        person = b.person(
            category="military", occupation=military_jobs[i % len(military_jobs)], minority_ok=False
        )
        add_deputy(person, mil_code, "military")
    for category in ("worker", "farmer", "professional", "other"):
        for _ in range(D.OCCUPATION_COUNTS[category] - placed.get(category, 0)):
            person, delegation = regional_person(
                category, lambda d, t, category=category: b.job(category, d, t)
            )
            add_deputy(person, delegation, category)

    # Re-elected deputies (S21): the council and most leaders, then a random draw.
    by_person = {row.person: row for row in plan.deputies}
    for person in [chair, *vice_chairs, secretary_general, *leaders["party_secretary"]]:
        by_person[person].is_reelected = True
    already = sum(1 for row in plan.deputies if row.is_reelected)
    others = [row for row in plan.deputies if not row.is_reelected]
    for row in rng.sample(others, D.REELECTED_COUNT - already):
        row.is_reelected = True

    # Two deputies whose mandate changed (代表法 Arts. 61, 62).
    sc_set = {p for p, _l, _f in sc_people} | {p for ps in leaders.values() for p in ps}
    ordinary = [
        row
        for row in plan.deputies
        if row.person not in sc_set and row.category in ("other", "worker")
    ]
    suspended, resigned = rng.sample(ordinary, 2)
    suspended.status = "suspended"
    suspended.status_date = dt.date(2025, 3, 18)
    suspended.status_reason = (
        "因涉嫌犯罪被采取刑事强制措施，依法暂时停止执行代表职务（代表法第六十一条）"
    )
    resigned.status = "resigned"
    resigned.status_date = dt.date(2024, 6, 27)
    resigned.status_reason = "因工作调动离开本行政区域，书面提出辞去代表职务，常委会接受辞职"

    # Delegation memberships: one per deputy; the resigned deputy's has ended.
    for row in plan.deputies:
        ended = row.status == "resigned"
        plan.memberships.append(
            MembershipRow(
                person=row.person,
                organization=row.delegation,
                role="member",
                start_date=term_start,
                end_date=row.status_date if ended else None,
                end_reason="辞去代表职务" if ended else "",
            )
        )

    # Posts and memberships of the standing committee and the chairpersons' council.
    plan.posts += [
        PostRow("standing-committee", "主任", "chair", True, 10),
        PostRow("standing-committee", "副主任", "vice_chair", True, 20),
        PostRow("standing-committee", "秘书长", "secretary_general", True, 30),
        PostRow("standing-committee", "委员", "member", True, 40),
    ]
    sc_role = {
        "主任": "chair",
        "副主任": "vice_chair",
        "秘书长": "secretary_general",
        "委员": "member",
    }
    for person, label, full_time in sc_people:
        plan.memberships.append(
            MembershipRow(
                person=person,
                organization="standing-committee",
                role=sc_role[label],
                post=label,
                start_date=term_start,
                is_full_time=full_time,
            )
        )
        if label != "委员":
            plan.memberships.append(
                MembershipRow(
                    person=person,
                    organization="chairpersons-council",
                    role=sc_role[label],
                    start_date=term_start,
                    is_full_time=True,
                )
            )

    # Special committees, working bodies and offices: their heads and members.
    seen_posts: set[tuple[str, str]] = set()

    def post(org: str, label: str, role: str, elected: bool = True, order: int = 100) -> str:
        if (org, label) not in seen_posts:
            seen_posts.add((org, label))
            plan.posts.append(PostRow(org, label, role, elected, order))
        return label

    for person, org_code, label, role in body_heads:
        order = 10 if role in ("chair", "head") else 20
        post(org_code, label, role, True, order)
        plan.memberships.append(
            MembershipRow(
                person=person,
                organization=org_code,
                role=role,
                post=label,
                start_date=term_start,
                is_full_time=True,
            )
        )
    professionals = [
        row.person
        for row in plan.deputies
        if row.category == "professional" and row.person not in sc_set
    ]
    extra = rng.sample(professionals, 12)
    for i, org_code in enumerate(("sp-legal", "sp-finance", "sp-education")):
        post(org_code, "委员", "member", True, 30)
        for person in [*part_time[i * 2 : i * 2 + 2], *extra[i * 4 : i * 4 + 4]]:
            plan.memberships.append(
                MembershipRow(
                    person=person,
                    organization=org_code,
                    role="member",
                    post="委员",
                    start_date=term_start,
                )
            )
    # Credentials committee: a vice chair chairs it, members come from the SC.
    post("credentials-committee", "主任委员", "chair", True, 10)
    post("credentials-committee", "委员", "member", True, 30)
    plan.memberships.append(
        MembershipRow(
            person=vice_chairs[0],
            organization="credentials-committee",
            role="chair",
            post="主任委员",
            start_date=term_start,
            is_full_time=True,
        )
    )
    deputy_affairs_head = next(
        p for p, org, _l, r in body_heads if org == "wc-deputy-affairs" and r == "chair"
    )
    for person in [deputy_affairs_head, *part_time[6:10]]:
        plan.memberships.append(
            MembershipRow(
                person=person,
                organization="credentials-committee",
                role="member",
                post="委员",
                start_date=term_start,
            )
        )

    # Party committee, government, supervisory commission, court and procuratorate.
    post("party-committee", "书记", "head", False, 10)
    plan.memberships.append(
        MembershipRow(
            person=leaders["party_secretary"][0],
            organization="party-committee",
            role="head",
            post="书记",
            start_date=dt.date(2021, 9, 1),
            in_term=False,
        )
    )
    session_day = term_start
    for org, head_label, deputy_label, head_key in (
        ("government", "市长", "副市长", "mayor"),
        ("supervisory-commission", "主任", "副主任", "supervisory"),
        ("court", "院长", "副院长", "court"),
        ("procuratorate", "检察长", "副检察长", "procuratorate"),
    ):
        post(org, head_label, "head", True, 10)
        post(org, deputy_label, "deputy_head", True, 20)
        plan.memberships.append(
            MembershipRow(
                person=leaders[head_key][0],
                organization=org,
                role="head",
                post=head_label,
                start_date=session_day,
                in_term=False,
            )
        )
        if org == "government":
            deputies_of_head = leaders["vice_mayor"]
        else:
            org_name = {
                "supervisory-commission": f"{city}监察委员会",
                "court": f"{city}中级人民法院",
                "procuratorate": f"{city}人民检察院",
            }[org]
            deputies_of_head = [
                b.person(
                    category="leading_cadre",
                    occupation=f"{org_name}{deputy_label}",
                    birth=(1965, 1980),
                    party="cpc",
                )
                for _ in range(3)
            ]
        for person in deputies_of_head:
            plan.memberships.append(
                MembershipRow(
                    person=person,
                    organization=org,
                    role="deputy_head",
                    post=deputy_label,
                    start_date=session_day
                    if org == "government"
                    else _date_in(rng, session_day, dt.date(2025, 6, 30)),
                    in_term=False,
                )
            )
    post("government", "秘书长", "secretary_general", True, 30)
    gov_secretary = b.person(
        category="leading_cadre",
        occupation=f"{city}人民政府秘书长",
        birth=(1966, 1978),
        party="cpc",
    )
    plan.memberships.append(
        MembershipRow(
            person=gov_secretary,
            organization="government",
            role="secretary_general",
            post="秘书长",
            start_date=dt.date(2022, 2, 24),
            in_term=False,
        )
    )
    # Heads of departments (appointed by the SC) and of other units (not).
    for code, name, _en, head in D.DEPARTMENTS:
        post(code, head, "head", True, 10)
        person = b.person(
            category="leading_cadre",
            occupation=f"{city}{name}{head}",
            birth=(1966, 1982),
            party=None,
        )
        plan.memberships.append(
            MembershipRow(
                person=person,
                organization=code,
                role="head",
                post=head,
                start_date=_date_in(rng, dt.date(2021, 3, 1), dt.date(2025, 9, 30)),
                in_term=False,
            )
        )
    for code, name, _en, head in D.OTHER_UNITS:
        post(code, head, "head", False, 10)
        person = b.person(category="other", occupation=f"{name}{head}", birth=(1966, 1982))
        plan.memberships.append(
            MembershipRow(
                person=person,
                organization=code,
                role="head",
                post=head,
                start_date=_date_in(rng, dt.date(2020, 1, 1), dt.date(2025, 6, 30)),
                in_term=False,
            )
        )

    # People behind the demo accounts that are not deputies or members.
    staff_person = b.person(
        category="other",
        occupation=f"{sc_prefix}常委会办公室秘书科科长",
        birth=(1985, 1993),
        party="cpc",
    )
    plan.memberships.append(
        MembershipRow(
            person=staff_person,
            organization="office",
            role="officer",
            start_date=dt.date(2019, 7, 1),
            in_term=False,
        )
    )
    dept_name = next(name for code, name, *_ in D.DEPARTMENTS if code == D.UNIT_OFFICER_DEPARTMENT)
    unit_person = b.person(
        category="other",
        occupation=f"{city}{dept_name}办公室综合科科长",
        birth=(1984, 1992),
        party="cpc",
    )
    plan.memberships.append(
        MembershipRow(
            person=unit_person,
            organization=D.UNIT_OFFICER_DEPARTMENT,
            role="officer",
            start_date=dt.date(2020, 8, 1),
            in_term=False,
        )
    )
    deputy_person = next(
        row.person
        for row in plan.deputies
        if row.category in ("worker", "farmer")
        and row.status == "active"
        and row.person not in sc_set
    )
    member_person = part_time[0]
    body_officers = []
    for username, body, occupation in D.BODY_OFFICERS:
        person = b.person(category="other", occupation=occupation, birth=(1980, 1992), party="cpc")
        plan.memberships.append(
            MembershipRow(
                person=person,
                organization=body,
                role="officer",
                start_date=dt.date(2018, 9, 1),
                in_term=False,
            )
        )
        body_officers.append((username, person, body, ""))
    accounts = {
        username: (role, password) for username, role, _zh, _en, password, *_ in D.DEMO_ACCOUNTS
    }
    for username, person, scope, display in (
        ("admin", None, None, "系统管理员"),
        ("staff", staff_person, "office", ""),
        ("leader", chair, None, ""),
        ("member", member_person, None, ""),
        ("deputy", deputy_person, None, ""),
        ("unit", unit_person, D.UNIT_OFFICER_DEPARTMENT, ""),
        *body_officers,
    ):
        role, password = accounts[username]
        plan.users.append(
            UserRow(
                username=username,
                role=role,
                password=password,
                display_name=display,
                person=person,
                scope=scope,
            )
        )
    return plan
