"""The votes' rules made met and broken on the voting module's own records: quorum and the
majority of all members at the SC (§8.8) and the congress (§8.2, §8.3), the electronic voting
system in use (S30), the voting method and 未按 (§8.11); the motions (§8.5, §8.10) say why
they cannot be judged."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from renda.accounts.models import Role, User
from renda.compliance.registry import REGISTRY, evaluate
from renda.meetings.models import AgendaItem, Attendance, Meeting
from renda.people.models import Deputy, Membership, Organization, Person
from renda.voting import services
from renda.voting.models import Poll, RollEntry, Seal

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2026, 6, 1)


def status(code, year=2025, today=TODAY):
    return evaluate(code, year, today).verdict.status


def verdict(code, year=2025, today=TODAY):
    return evaluate(code, year, today).verdict


class Body:
    """A meeting of the SC (members) or the congress (deputies) with its voters signed in."""

    def __init__(self, term, kind: str, n: int, day: D, prefix: str, voters=None):
        congress = kind == "congress_session"
        org = Organization.objects.get(code="congress" if congress else "standing-committee")
        number = Meeting.objects.filter(kind=kind).count() + 1
        self.meeting = Meeting.objects.create(kind=kind, body=org, term=term, number=number, title=f"{prefix}会议{number}", starts_on=day, ends_on=day, status=Meeting.Status.IN_PROGRESS)  # fmt: skip
        self.voters = list(voters or [])
        if voters is not None:
            return
        for i in range(n):
            person = Person.objects.create(name=f"{prefix}{i}", gender="male")
            if congress:
                Deputy.objects.create(person=person, term=term)
            else:
                Membership.objects.create(person=person, organization=org, start_date=term.start_date)  # fmt: skip
            role = Role.DEPUTY if congress else Role.MEMBER
            self.voters.append(User.objects.create(username=f"{prefix}-{i}", role=role, person=person))  # fmt: skip

    def sign_in(self, count: int):
        for user in self.voters[:count]:
            Attendance.objects.update_or_create(meeting=self.meeting, person_id=user.person_id, defaults={"role": "voting", "status": "present"})  # fmt: skip

    def item(self, title="关于某事项的决定（草案）"):
        order = self.meeting.items.count() + 1
        return AgendaItem.objects.create(meeting=self.meeting, order=order, kind="motion", title=title)  # fmt: skip

    def vote(self, users, staff, *, yes: int, no: int = 0, **kwargs) -> Poll:
        """A keypad poll run through the voting services: opened, cast, closed (sealed), announced."""
        poll = services.poll_create(actor=staff, agenda_item=self.item(), kind="decision", **kwargs)
        poll = services.poll_open(actor=users["leader"], poll=poll)
        for i, user in enumerate(self.voters[: yes + no]):
            services.ballot_cast(actor=user, poll=poll, choice="yes" if i < yes else "no")
        poll = services.poll_close(actor=users["leader"], poll=poll)
        return services.poll_announce(actor=users["leader"], poll=poll)

    def imported(self, *, base: int, present: int, tally: dict, kind="decision") -> Poll:
        """A sealed poll written straight into the tables (as an import would), around the services."""
        poll = Poll.objects.create(agenda_item=self.item("导入的表决"), title="导入的表决", kind=kind, secrecy="anonymous", status="sealed", base_count=base, threshold=base // 2 + 1)  # fmt: skip
        RollEntry.objects.bulk_create([RollEntry(poll=poll, person_id=u.person_id, signed_in_at_open=i < present, has_voted=i < present) for i, u in enumerate(self.voters[:base])])  # fmt: skip
        Seal.objects.create(poll=poll, tally={"base": base, **tally}, chain_head="0" * 64, fingerprint="f" * 64, sealed_at=timezone.now())  # fmt: skip
        return poll


def test_sc_quorum_and_majority_of_all_members(term, users, staff):
    assert status("§8.8") == "not_applicable"  # no SC vote in the year
    sc = Body(term, "sc_meeting", 5, D(2025, 3, 1), "委员")
    sc.sign_in(3)  # 3 of 5: more than half
    sc.vote(users, staff, yes=3)
    sc.vote(users, staff, yes=2, no=1)  # failed: 2 is not a majority of all 5
    v = verdict("§8.8")
    assert v.status == "met", v.summary
    assert "表决 2 项" in v.summary and "获通过或当选 1 项" in v.summary and "> 1/2" in v.summary
    assert status("§8.8", 2024) == "not_applicable"  # another year
    # Recorded as passed with 2 yes of 5, and opened with 2 present: written around the services.
    bad = sc.imported(base=5, present=2, tally={"result": "passed", "yes": 2, "no": 0, "abstain": 0, "not_voted": 3, "present": 2})  # fmt: skip
    v = verdict("§8.8")
    assert v.status == "broken"
    assert "其中 1 项开始表决时出席人数未达到法定人数" in v.summary and "其中 1 项赞成票或得票未超过" in v.summary  # fmt: skip
    assert (
        v.evidence[0].url.endswith(f"/polls/{bad.pk}/") and v.evidence[0].status == "below_quorum"
    )
    assert status("§8.2") == "not_applicable" and status("§8.3") == "not_applicable"  # SC only


def test_congress_quorum_and_majority_of_all_deputies(term, users, staff):
    assert status("§8.2") == "not_applicable" and status("§8.3") == "not_applicable"
    session = Body(term, "congress_session", 6, D(2025, 1, 8), "代表")
    session.sign_in(4)  # 4 of 6: two thirds
    session.vote(users, staff, yes=4)
    assert status("§8.2") == "met" and status("§8.3") == "met"
    assert "均获全体代表过半数" in verdict("§8.3").summary
    # An election imported with a winner on 3 votes of 6 deputies, opened with 3 present (< 2/3).
    winner = session.voters[0].person_id
    election = session.imported(base=6, present=3, kind="election", tally={"result": "complete", "elected": [winner], "votes": {str(winner): 3}, "not_voted": 3, "present": 3})  # fmt: skip
    v = verdict("§8.2")
    assert v.status == "broken" and "≥ 2/3" in v.summary
    assert any(e.url.endswith(f"/polls/{election.pk}/") for e in v.evidence)
    v = verdict("§8.3")
    assert v.status == "broken" and "获通过或当选 2 项，其中 1 项" in v.summary
    assert status("§8.8") == "not_applicable"  # congress only


def test_electronic_voting_in_use(term, users, staff):
    assert status("S30") == "not_applicable"
    sc = Body(term, "sc_meeting", 5, D(2025, 3, 1), "委员")
    sc.sign_in(5)
    sc.vote(users, staff, yes=5)
    # The keypads failed: a show of hands, counted by two staff.
    poll = services.poll_create(actor=staff, agenda_item=sc.item(), kind="decision")
    poll = services.poll_open(actor=users["leader"], poll=poll)
    poll = services.poll_switch_to_manual(actor=users["leader"], poll=poll)
    poll = services.poll_close(actor=users["leader"], poll=poll)
    for clerk in (staff, users["admin"]):
        services.manual_count_enter(actor=clerk, poll=poll, counts={"yes": 4, "no": 1, "abstain": 0})  # fmt: skip
    v = verdict("S30")
    assert v.status == "met" and "按表决器 1 项，改用举手或纸质票 1 项" in v.summary, v.summary
    assert [e.status for e in v.evidence] == [
        "show_of_hands",
        "",
    ]  # the hand count, then the meeting's polls
    assert v.evidence[1].url.endswith(f"/voting/meetings/{sc.meeting.pk}/")
    # An item recorded as voted with no poll behind it: voted off the electronic system.
    off = sc.item("未经表决系统的议题")
    AgendaItem.objects.filter(pk=off.pk).update(disposition="voted")
    v = verdict("S30")
    assert v.status == "broken" and "1 项议程记为已表决" in v.summary
    assert v.evidence[0].url.endswith(f"/meetings/{sc.meeting.pk}/") and v.evidence[0].status == "off_platform"  # fmt: skip
    # A year whose only vote was by hand: the keypads were not used at all.
    later = Body(term, "sc_meeting", 0, D(2026, 2, 1), "委员", voters=sc.voters)
    later.sign_in(5)
    poll = services.poll_create(actor=staff, agenda_item=later.item(), kind="decision", method="show_of_hands")  # fmt: skip
    services.poll_open(actor=users["leader"], poll=poll)
    v = verdict("S30", 2026)
    assert v.status == "broken" and "没有一项表决使用表决器" in v.summary


def test_voting_method_and_not_pressed(term, users, staff):
    assert status("§8.11") == "not_applicable"
    sc = Body(term, "sc_meeting", 5, D(2025, 3, 1), "委员")
    sc.sign_in(4)
    sc.vote(users, staff, yes=4)
    v = verdict("§8.11")
    assert v.status == "met" and "出席人员均已表决" in v.summary
    sc.vote(users, staff, yes=3)  # one member present did not press
    v = verdict("§8.11")
    assert v.status == "at_risk" and "共有 1 人次出席而未按表决器" in v.summary
    named = sc.vote(users, staff, yes=4, secrecy="named")
    v = verdict("§8.11")
    assert v.status == "broken" and "1 项采用记名方式" in v.summary
    assert v.evidence[0].url.endswith(f"/polls/{named.pk}/") and v.evidence[0].status == "named"
    sc.imported(base=5, present=4, tally={"result": "passed", "yes": 4, "no": 0, "abstain": 0, "not_voted": 1})  # fmt: skip
    assert "1 项的结果没有分列出席未按和缺席人数" in verdict("§8.11").summary


def test_motions_cannot_be_judged_on_the_data():
    for code in ("§8.5", "§8.10"):
        entry = REGISTRY[code]
        assert entry.evaluate is None and entry.area == "meetings" and "无法在数据上核对" in str(entry.reason)  # fmt: skip


def test_query_cost_does_not_grow_with_the_polls(term, users, staff):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    sc = Body(term, "sc_meeting", 3, D(2025, 3, 1), "委员")
    sc.sign_in(3)
    sc.vote(users, staff, yes=3)
    codes = ("S30", "§8.2", "§8.3", "§8.8", "§8.11")

    def cost() -> list[int]:
        out = []
        for code in codes:
            with CaptureQueriesContext(connection) as c:
                evaluate(code, 2025, TODAY)
            out.append(len(c.captured_queries))
        return out

    before = cost()
    for _ in range(3):
        sc.vote(users, staff, yes=2)
    AgendaItem.objects.filter(pk=sc.item("未表决").pk).update(disposition="voted")
    assert cost() == before
