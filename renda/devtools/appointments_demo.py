"""The demo's law exams (§7.8): one held with passes, a failure and an absence, one to come."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from renda.appointments import services as A
from renda.appointments.models import Appointment, LawExam
from renda.people.models import Person, Post, Term

HELD = (
    ("许明哲", "male", "市发展和改革委员会副主任", "市发展和改革委员会主任", "86.5"),
    ("梁雨桐", "female", "市中级人民法院审判员", "市中级人民法院审判委员会委员", "92"),
    ("韦国庆", "male", "市人民检察院检察员", "市人民检察院检察委员会委员", "78"),
    ("蔡文静", "female", "市教育局副局长", "市教育局局长", "55.5"),
    ("邵振华", "male", "市交通运输局副局长", "市交通运输局局长", None),
)
COMING = (
    ("邵振华", "市交通运输局局长"),
    ("蔡文静", "市教育局局长"),
    ("严冬", "市中级人民法院审判员"),
)


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def seed_appointments(*, actor, term: Term) -> dict[str, int]:
    today = timezone.localdate()
    people = {}
    for name, gender, occupation, *_rest in HELD:
        people[name] = Person.objects.create(name=name, gender=gender, occupation=occupation)
    people["严冬"] = Person.objects.create(
        name="严冬", gender="male", occupation="区人民法院审判员"
    )
    held_on = max(term.start_date, today - dt.timedelta(days=40))
    exam = A.exam_schedule(
        actor=actor, title=f"{held_on.year}年第一次任前法律知识考试", held_on=held_on,
        place="市委党校二号教学楼", organiser="市人大常委会人事代表工作室",
        now=_at(held_on - dt.timedelta(days=14)),
    )  # fmt: skip
    for name, _g, _o, post, _s in HELD:
        A.exam_enrol(actor=actor, exam=exam, person=people[name], post_sought=post, now=_at(held_on - dt.timedelta(days=10)))  # fmt: skip
    A.exam_record(
        actor=actor, exam=exam, scores={people[n].pk: s for n, _g, _o, _p, s in HELD},
        now=_at(held_on + dt.timedelta(days=2)),
    )  # fmt: skip
    coming_on = today + dt.timedelta(days=9)
    coming = A.exam_schedule(
        actor=actor, title=f"{coming_on.year}年第二次任前法律知识考试", held_on=coming_on,
        place="市人大常委会机关第一会议室", organiser="市人大常委会人事代表工作室",
        now=_at(today - dt.timedelta(days=3)),
    )  # fmt: skip
    for name, post in COMING:
        A.exam_enrol(actor=actor, exam=coming, person=people[name], post_sought=post, now=_at(today - dt.timedelta(days=2)))  # fmt: skip
    _appointments(actor, term, people, today)
    _election(actor, term)
    return {"law_exams": LawExam.objects.count(), "appointments": Appointment.objects.count()}


def _post(org_kind: str, role: str) -> Post | None:
    return (
        Post.objects.filter(elected_or_appointed=True, organization__kind=org_kind, role=role)
        .order_by("sort_order", "id")
        .first()
    )


def _consent(actor, subject, sent_on: dt.date, answered_on: dt.date | None) -> None:
    """The party committee's consent (S2): sent on a day, answered (agreed) on another."""
    from renda.core import approvals

    asked = approvals.approval_request(
        actor=actor, subject=subject, kind="party_consent", sent_on=sent_on,
        document_title="关于提请人大常委会任免有关人员的请示",
        document_reference=f"人常党组〔{sent_on.year}〕{subject.pk}号", now=_at(sent_on, 9),
    )  # fmt: skip
    if answered_on is not None:
        approvals.approval_answer(
            actor=actor, approval=asked, answer="approved", answered_on=answered_on,
            answer_reference=f"市委组〔{answered_on.year}〕{subject.pk + 20}号", now=_at(answered_on, 15),
        )  # fmt: skip


def _appointments(actor, term: Term, people: dict, today: dt.date) -> None:
    """One appointed with its predecessor relieved, one waiting for the vote with its
    statement, one waiting for a pass, one deferred, a resignation waiting for consent."""
    from renda.core.statute import param
    from renda.people.models import Membership
    from renda.people.services import membership_create, membership_end

    plan = (
        ("许明哲", ("government", "secretary_general"), "government_head", 30),
        ("梁雨桐", ("court", "deputy_head"), "court_president", 12),
        ("蔡文静", ("government", "deputy_head"), "government_head", 8),
        ("韦国庆", ("procuratorate", "deputy_head"), "chief_procurator", 15),
    )
    notice = dt.timedelta(days=int(param("appointment.notice_days")))
    made = {}
    for name, (kind, role), nominator, days in plan:
        post = _post(kind, role)
        if post is None:
            continue
        on = max(term.start_date, today - dt.timedelta(days=days))
        made[name] = A.appointment_nominate(
            actor=actor, person=people[name], post=post, nominator=nominator, nominated_on=on,
            motion=f"提请任命{name}为{post}。{name}同志政治坚定，熟悉本职工作，经考察，符合任职条件。",
            now=_at(on),
        )  # fmt: skip
    if "许明哲" in made:  # decided at a meeting before the demo's records
        a = made["许明哲"]
        decided = min(a.nominated_on + dt.timedelta(days=10), today)
        _consent(actor, a, a.nominated_on, a.nominated_on)
        # The predecessor was relieved of the post at the same meeting (免去职务).
        for before in Membership.objects.filter(post=a.post, end_date__isnull=True, start_date__lt=decided):  # fmt: skip
            r = A.appointment_move_relief(
                actor=actor, holding=before, kind="remove", nominator="government_head",
                nominated_on=a.nominated_on, now=_at(a.nominated_on, 11),
                motion=f"因工作变动，提请免去{before.person.name}的{a.post}职务。",
            )  # fmt: skip
            _consent(actor, r, a.nominated_on, a.nominated_on)
            membership_end(actor=actor, membership=before, end_date=decided, reason=r.title, now=_at(decided, 16))  # fmt: skip
            Appointment.objects.filter(pk=r.pk).update(
                status=Appointment.Status.RELIEVED, decided_on=decided,
                notice_due_on=decided + notice,
                tally={"result": "passed", "yes": 39, "no": 0, "abstain": 2, "threshold": 23},
            )  # fmt: skip
            r.refresh_from_db()
            A.appointment_announce(actor=actor, appointment=r, now=_at(min(decided + dt.timedelta(days=2), today)))  # fmt: skip
        seat = membership_create(
            actor=actor, person=a.person, organization=a.post.organization, post=a.post,
            role=a.post.role, term=term, start_date=decided, obtained="appointment",
            now=_at(decided, 16),
        )  # fmt: skip
        Appointment.objects.filter(pk=a.pk).update(
            status=Appointment.Status.APPOINTED, decided_on=decided, membership=seat,
            notice_due_on=decided + notice,
            tally={"result": "passed", "yes": 38, "no": 1, "abstain": 2, "threshold": 23},
        )  # fmt: skip
        a.refresh_from_db()
        A.appointment_issue_certificate(actor=actor, appointment=a, now=_at(decided + dt.timedelta(days=1)))  # fmt: skip
        A.appointment_announce(actor=actor, appointment=a, now=_at(min(decided + dt.timedelta(days=2), today)))  # fmt: skip
        sworn_on = min(decided + dt.timedelta(days=1), today)
        ceremony = A.oath_schedule(actor=actor, held_on=sworn_on, place="市人大常委会会议厅", now=_at(decided, 17))  # fmt: skip
        a.refresh_from_db()
        A.oath_add(actor=actor, ceremony=ceremony, appointment=a, now=_at(decided, 17))
        chair = _chair()
        if chair is not None:
            A.oath_record(
                actor=actor, ceremony=ceremony, led_by=chair, witnesses="常委会组成人员和机关干部代表",
                now=_at(sworn_on, 11),
            )  # fmt: skip
    if "梁雨桐" in made:  # agreed by the party committee, her statement in: ready for the vote
        b = made["梁雨桐"]
        _consent(actor, b, b.nominated_on, min(b.nominated_on + dt.timedelta(days=3), today))
        A.appointment_record_statement(
            actor=actor, appointment=b, now=_at(min(b.nominated_on + dt.timedelta(days=4), today)),
            statement="感谢组织的信任。如获任命，我将坚决维护宪法和法律权威，坚持以事实为根据、以法律为准绳，"
            "公正司法、廉洁司法，自觉接受人大及其常委会的监督，努力让人民群众在每一个司法案件中感受到公平正义。",
        )  # fmt: skip
        _on_agenda(actor, b)
    _resignation(actor, term, today)
    _failed_and_withdrawn(actor, term, people, today)
    if "韦国庆" in made:
        A.appointment_defer(
            actor=actor, appointment=made["韦国庆"], decided_on=today - dt.timedelta(days=5),
            reason="主任会议决定暂缓提请表决，待进一步了解有关情况", now=_at(today - dt.timedelta(days=5)),
        )  # fmt: skip


def _election(actor, term: Term) -> None:
    """The by-election of a vice mayor at the last session of the congress: one candidate
    of the presidium, one nominated jointly by deputies, the secret ballot's result."""
    from renda.appointments.models import Election, Nomination
    from renda.meetings.models import Meeting
    from renda.people.models import Deputy, Membership
    from renda.people.services import membership_create, membership_end
    from renda.voting.rules import majority_of_all

    session = (
        Meeting.objects.filter(term=term, kind=Meeting.Kind.CONGRESS_SESSION).order_by("-starts_on").first()
    )  # fmt: skip
    post = _post("government", "deputy_head")
    deputies = list(
        Deputy.objects.filter(term=term, status=Deputy.Status.ACTIVE).order_by("id")[:24]
    )
    if session is None or post is None or len(deputies) < 24:
        return
    day = session.starts_on + dt.timedelta(days=3)
    left = Membership.objects.filter(post=post, end_date__isnull=True, start_date__lt=session.starts_on).order_by("-id").first()  # fmt: skip
    if left is not None:  # the vacancy the by-election fills
        membership_end(actor=actor, membership=left, end_date=session.starts_on - dt.timedelta(days=20), reason="因工作调动辞去副市长职务", now=_at(session.starts_on - dt.timedelta(days=20)))  # fmt: skip
    winner = Person.objects.create(name="陆嘉禾", gender="female", occupation="市科学技术局局长")
    other = Person.objects.create(name="周启航", gender="male", occupation="市工业和信息化局局长")
    seat = membership_create(
        actor=actor, person=winner, organization=post.organization, post=post, role=post.role,
        term=term, start_date=day, obtained="election", now=_at(day, 17),
    )  # fmt: skip
    base = Deputy.objects.filter(term=term).count()
    e = Election.objects.create(
        term=term, meeting=session, post=post, seats=1, office_kind="deputy_head",
        opened_on=session.starts_on, status=Election.Status.ELECTED, decided_on=day, created_by=actor,
        tally={"kind": "election", "base": base, "threshold": majority_of_all(base), "seats": 1,
               "votes": {str(winner.pk): base * 3 // 4, str(other.pk): base // 6},
               "elected": [winner.pk], "revote": [], "revote_seats": 0, "further_election_seats": 0},
    )  # fmt: skip
    Nomination.objects.create(
        election=e, person=winner, by="presidium", nominated_on=session.starts_on,
        status=Nomination.Status.ELECTED, membership=seat,
    )  # fmt: skip
    joint = Nomination.objects.create(
        election=e, person=other, by="deputies", nominated_on=session.starts_on + dt.timedelta(days=1),
        status=Nomination.Status.NOT_ELECTED,
    )  # fmt: skip
    joint.sponsors.set(deputies)


def _on_agenda(actor, a: Appointment) -> None:
    """On the agenda of the next standing-committee meeting far enough ahead (§7.7)."""
    from renda.meetings.models import Meeting

    lead = dt.timedelta(days=7)
    meeting = (
        Meeting.objects.filter(kind=Meeting.Kind.SC_MEETING, status=Meeting.Status.SCHEDULED, starts_on__gte=a.nominated_on + lead)
        .order_by("starts_on").first()
    )  # fmt: skip
    if meeting is not None:
        from renda.meetings.services import document_add

        a = A.appointment_put_to_vote(actor=actor, appointment=a, meeting=meeting)
        for item in (a.statement_item, a.agenda_item):  # the motion goes out with both
            if item is not None:
                document_add(
                    actor=actor, meeting=meeting, item=item, kind="motion",
                    title=f"关于提请任命{a.person.name}的议案", received_on=a.nominated_on,
                )  # fmt: skip


def _failed_and_withdrawn(actor, term: Term, people: dict, today: dt.date) -> None:
    """A motion the members did not carry at an earlier meeting, and one withdrawn."""
    judge = _post("court", "deputy_head")
    if judge is not None:
        on = max(term.start_date, today - dt.timedelta(days=60))
        person = Person.objects.create(name="唐铭", gender="male", occupation="区人民法院审判员")
        failed = A.appointment_nominate(
            actor=actor, person=person, post=judge, nominator="court_president", nominated_on=on,
            motion=f"提请任命唐铭为{judge}。", now=_at(on),
        )  # fmt: skip
        decided = on + dt.timedelta(days=12)
        Appointment.objects.filter(pk=failed.pk).update(
            status=Appointment.Status.NOT_APPOINTED, decided_on=decided,
            tally={"result": "failed", "yes": 19, "no": 14, "abstain": 8, "threshold": 23},
        )  # fmt: skip
    head = _post("government_department", "head")
    if head is not None and "邵振华" in people:
        on = max(term.start_date, today - dt.timedelta(days=6))
        w = A.appointment_nominate(
            actor=actor, person=people["邵振华"], post=head, nominator="government_head",
            nominated_on=on, motion=f"提请任命邵振华为{head}。", now=_at(on),
        )  # fmt: skip
        A.appointment_withdraw(actor=actor, appointment=w, reason="提请人书面撤回，另行提请", now=_at(today, 9))  # fmt: skip


def _resignation(actor, term: Term, today: dt.date) -> None:
    """A department head asked to resign; the motion waits for the party committee."""
    from renda.people.models import Membership

    holding = (
        Membership.objects.filter(
            end_date__isnull=True, post__elected_or_appointed=True,
            post__organization__kind="government_department", post__role="head",
        )
        .select_related("person", "post")
        .order_by("id")
        .first()
    )  # fmt: skip
    if holding is None:
        return
    on = max(holding.start_date, today - dt.timedelta(days=4))
    r = A.appointment_move_relief(
        actor=actor, holding=holding, kind="resign", nominator="government_head", nominated_on=on,
        motion=f"{holding.person.name}同志因个人原因，书面请求辞去{holding.post}职务，提请常委会会议审议。",
        now=_at(on),
    )  # fmt: skip
    _consent(actor, r, on, None)


def _chair():
    from renda.people.models import Membership, Organization

    row = (
        Membership.objects.filter(
            organization__kind=Organization.Kind.STANDING_COMMITTEE,
            role="chair",
            end_date__isnull=True,
        )
        .select_related("person")
        .first()
    )
    return row.person if row else None
