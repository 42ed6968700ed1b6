"""Deputies, composition, contacts, the party committee and the counting convention."""

from __future__ import annotations

from renda.compliance import services as compliance
from renda.compliance.registry import evaluate
from renda.people.models import Deputy, Membership, Organization, Person

from .cases import Case, D, Scenario, at, registry
from .casework import assigned_case

CASES: dict[str, Case] = {}
case = registry(CASES)

TODAY = D(2026, 6, 1)  # the term runs 2022-01-10 to 2027-01-09


def status(code: str, year: int = 2026, today=TODAY) -> str:
    return evaluate(code, year, today).verdict.status


def seat(s: Scenario, n: int, **fields) -> None:
    for _ in range(n):
        person = Person.objects.create(name=f"代表{s.serial()}", gender="male")
        Deputy.objects.create(person=person, term=s.term, **fields)


def sc_members(s: Scenario, n: int, full_time: int) -> None:
    sc = Organization.objects.get(code="standing-committee")
    for i in range(n):
        person = Person.objects.create(name=f"委员{s.serial()}", gender="female")
        Membership.objects.create(
            person=person,
            organization=sc,
            term=s.term,
            start_date=s.term.start_date,
            is_full_time=i < full_time,
        )


@case("composition.leading_cadre_max_share", value="1/4", default="met", changed="broken")
def leading_cadres(s: Scenario):
    """S20: one leading cadre among three deputies is exactly a third."""
    s.once("seated", lambda: (seat(s, 1, occupation_category="leading_cadre"), seat(s, 2)))
    return status("S20")


@case("composition.reelected_min_share", value="1/2", default="met", changed="broken")
def reelected(s: Scenario):
    """S21: one re-elected deputy among three is exactly a third."""
    s.once("seated", lambda: (seat(s, 1, is_reelected=True), seat(s, 2)))
    return status("S21")


@case("composition.sc_full_time_min_share", value="4/5", default="met", changed="broken")
def sc_full_time(s: Scenario):
    """S28: 18 full-time members of 30 are exactly three fifths."""
    s.once("members", lambda: sc_members(s, 30, full_time=18))
    return status("S28")


@case("deputy.training_per_term", value="0", default="at_risk", changed="met")
def training(s: Scenario):
    """S24: two serving deputies never trained, seven months before the term ends."""
    s.once("seated", lambda: seat(s, 2))
    return status("S24")


@case("deputy.voter_reports_per_term", value="0", default="at_risk", changed="met")
def voter_reports(s: Scenario):
    """S26: two serving deputies who have not reported to their voters."""
    s.once("seated", lambda: seat(s, 2))
    return status("S26")


@case("contact.sc_member_per_quarter", value="0", default="broken", changed="met")
def sc_member_contacts(s: Scenario):
    """S23: SC members without a contact in a past quarter (no deputies seated)."""
    s.once("members", lambda: sc_members(s, 3, full_time=0))
    return status("S23")


@case("contact.deputy_per_quarter", value="0", default="broken", changed="met")
def deputy_contacts(s: Scenario):
    """S23: deputies without a contact with voters in a past quarter (no SC members)."""
    s.once("seated", lambda: seat(s, 2))
    return status("S23")


@case("contact.reception_days_per_year", value="0", default="at_risk", changed="met")
def reception_days(s: Scenario):
    """§2.9: deputies who have not received voters at a station this year, in its last quarter."""
    s.once("seated", lambda: seat(s, 2))
    return status("§2.9", today=D(2026, 10, 15))


def party_s1(s: Scenario) -> str:
    """S1 for 2025, judged on 1 March 2026: one conference this term, one report in 2025."""

    def held():
        s.term  # noqa: B018  (the term the conference is counted in)
        for kind, day in (("group_report", D(2025, 11, 20)), ("conference", D(2023, 4, 12))):
            compliance.party_meeting_record(actor=s.staff, kind=kind, held_on=day, title="会议")

    s.once("held", held)
    return status("S1", 2025, D(2026, 3, 1))


# Less than a year of the term is left: a second conference is still possible.
case("party.conference_per_term", value="2", default="met", changed="at_risk")(party_s1)
# 2025 is over: a second report can no longer be heard in it.
case("party.group_report_per_year", value="2", default="met", changed="broken")(party_s1)


@case(
    "deputy.forwarded_letter_reply_days", value="30", default=D(2026, 8, 1), changed=D(2026, 7, 2)
)
def forwarded_letter(s: Scenario):
    """S25: a voter's letter forwarded to a unit on 2 June is answered within the period."""
    from renda.deputies.services.messages import forwarded_letter_kind

    return assigned_case(s, forwarded_letter_kind(), at(D(2026, 6, 2))).due_on


@case("calendar.count_start_day", value="true", default=D(2026, 7, 1), changed=D(2026, 6, 30))
def count_start_day(s: Scenario):
    """Counting: a case assigned on Tuesday 2 June is first contacted within 20 working days
    (Dragon Boat Festival, 19 June, is off); counting the day of assignment ends a day sooner."""
    from renda.casework.kinds import ensure_kind

    kind = ensure_kind(code="counting-kind", name="期限计算")
    lead = assigned_case(s, kind, at(D(2026, 6, 2))).assignments.get(role="lead")
    return lead.contact_due_on
