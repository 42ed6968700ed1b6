"""The default bodies of a city or county congress (seed 四(十五), rule S29).

Data only: :func:`renda.people.services.jurisdiction_setup` creates them.
Each row is (code, name, English name, kind, parent code).
"""

from __future__ import annotations

from .models import Jurisdiction, Organization

K = Organization.Kind
RULE = "S29"

COMMON_TOP = [
    ("congress", "{name}人民代表大会", "People's Congress", K.CONGRESS, None),
    (
        "standing-committee",
        "{name}人民代表大会常务委员会",
        "Standing Committee",
        K.STANDING_COMMITTEE,
        "congress",
    ),
    (
        "chairpersons-council",
        "常务委员会主任会议",
        "Council of Chairpersons",
        K.CHAIRPERSONS_COUNCIL,
        "standing-committee",
    ),
    ("presidium", "{name}人民代表大会会议主席团", "Presidium", K.PRESIDIUM, "congress"),
    (
        "credentials-committee",
        "代表资格审查委员会",
        "Credentials Committee",
        K.WORKING_BODY,
        "standing-committee",
    ),
]

CITY = [
    ("sp-legal", "法制委员会", "Law Committee", K.SPECIAL_COMMITTEE, "congress"),
    (
        "sp-finance",
        "财政经济委员会",
        "Finance and Economy Committee",
        K.SPECIAL_COMMITTEE,
        "congress",
    ),
    (
        "sp-education",
        "教育科学文化卫生委员会",
        "Education, Science, Culture and Health Committee",
        K.SPECIAL_COMMITTEE,
        "congress",
    ),
    ("office", "办公室", "General Office", K.GENERAL_OFFICE, "standing-committee"),
    ("office-petitions", "信访室", "Letters and Visits Office", K.GENERAL_OFFICE, "office"),
    ("research", "研究室", "Research Office", K.GENERAL_OFFICE, "standing-committee"),
    (
        "wc-legal",
        "法制司法民侨内务工作委员会",
        "Legal, Judicial, Ethnic, Overseas Chinese and Internal Affairs Working Committee",
        K.WORKING_BODY,
        "standing-committee",
    ),
    (
        "wc-legal-filing",
        "规范性文件备案审查室",
        "Normative Documents Filing Review Office",
        K.WORKING_BODY,
        "wc-legal",
    ),
    (
        "wc-finance",
        "财政经济工作委员会",
        "Finance and Economy Working Committee",
        K.WORKING_BODY,
        "standing-committee",
    ),
    (
        "wc-agriculture",
        "农业农村工作委员会",
        "Agriculture and Rural Affairs Working Committee",
        K.WORKING_BODY,
        "standing-committee",
    ),
    (
        "wc-environment",
        "环保城建工作委员会",
        "Environment and Urban Construction Working Committee",
        K.WORKING_BODY,
        "standing-committee",
    ),
    (
        "wc-education",
        "教育科学文化卫生工作委员会",
        "Education, Science, Culture and Health Working Committee",
        K.WORKING_BODY,
        "standing-committee",
    ),
    (
        "wc-deputy-affairs",
        "代表人事工作委员会",
        "Deputy Affairs and Personnel Working Committee",
        K.WORKING_BODY,
        "standing-committee",
    ),
]

COUNTY = [
    ("sp-legal", "法制委员会", "Law Committee", K.SPECIAL_COMMITTEE, "congress"),
    (
        "sp-finance",
        "财政经济委员会",
        "Finance and Economy Committee",
        K.SPECIAL_COMMITTEE,
        "congress",
    ),
    ("office", "办公室", "General Office", K.GENERAL_OFFICE, "standing-committee"),
    ("office-petitions", "信访室", "Letters and Visits Office", K.GENERAL_OFFICE, "office"),
    (
        "wc-legal",
        "法制司法民侨内务工作委员会",
        "Legal, Judicial, Ethnic, Overseas Chinese and Internal Affairs Working Committee",
        K.WORKING_BODY,
        "standing-committee",
    ),
    (
        "wc-legal-filing",
        "规范性文件备案审查室",
        "Normative Documents Filing Review Office",
        K.WORKING_BODY,
        "wc-legal",
    ),
    (
        "wc-finance",
        "财经农业工作委员会",
        "Finance, Economy and Agriculture Working Committee",
        K.WORKING_BODY,
        "standing-committee",
    ),
    (
        "wc-environment",
        "环保城建工作委员会",
        "Environment and Urban Construction Working Committee",
        K.WORKING_BODY,
        "standing-committee",
    ),
    (
        "wc-education",
        "教育科学文化卫生工作委员会",
        "Education, Science, Culture and Health Working Committee",
        K.WORKING_BODY,
        "standing-committee",
    ),
    (
        "wc-deputy-affairs",
        "代表人事工作委员会",
        "Deputy Affairs and Personnel Working Committee",
        K.WORKING_BODY,
        "standing-committee",
    ),
]

#: The government, supervisory commission, court and procuratorate of the jurisdiction.
SUPERVISED_BODIES = [
    ("party-committee", "中共{name}委员会", "Party Committee", K.PARTY_COMMITTEE, None),
    ("government", "{name}人民政府", "People's Government", K.GOVERNMENT, None),
    (
        "supervisory-commission",
        "{name}监察委员会",
        "Supervisory Commission",
        K.SUPERVISORY_COMMISSION,
        None,
    ),
    ("court", "{name}中级人民法院", "Intermediate People's Court", K.COURT, None),
    ("procuratorate", "{name}人民检察院", "People's Procuratorate", K.PROCURATORATE, None),
]
COUNTY_COURT = ("court", "{name}人民法院", "People's Court", K.COURT, None)


def default_structure(level: str) -> list[tuple]:
    """Return the S29 bodies for a level, parents before children."""
    return [*COMMON_TOP, *(CITY if level == Jurisdiction.Level.CITY else COUNTY)]


def supervised_bodies(level: str) -> list[tuple]:
    rows = list(SUPERVISED_BODIES)
    if level == Jurisdiction.Level.COUNTY:
        rows[3] = COUNTY_COURT
    return rows
