"""The deputy's own page (我的代表工作): one tap into the terminal while a vote is open for
them, the next meeting, letters waiting, their suggestions, what is scheduled, the year's
figures; in a fixed number of queries; a deputy only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from renda.deputies import services
from renda.meetings.models import AgendaItem, Attendance, Meeting
from renda.people.models import Organization
from renda.voting import services as voting

pytestmark = pytest.mark.django_db


def _session(term, status=Meeting.Status.IN_PROGRESS, days=0):
    today = timezone.localdate() + dt.timedelta(days=days)
    return Meeting.objects.create(
        kind="congress_session", body=Organization.objects.get(code="congress"), term=term,
        number=Meeting.objects.count() + 1, title=f"第{Meeting.objects.count() + 1}次会议",
        starts_on=today, ends_on=today + dt.timedelta(days=2), status=status,
    )  # fmt: skip


def test_the_home_shows_what_needs_the_deputy_now(client_for, users, staff, term, deputies):
    me = deputies[0]
    meeting = _session(term, status=Meeting.Status.SCHEDULED, days=3)
    Attendance.objects.create(meeting=meeting, person=me.person, role="voting")
    letter = services.message_submit(
        deputy=me, subject="路灯不亮", body="小区门口的路灯坏了两个月了。"
    )
    services.message_submit(
        deputy=deputies[1], subject="别人的信", body="写给另一位代表的来信内容。"
    )
    client = client_for("deputy")
    page = client.get(reverse("deputies:home")).content.decode()
    assert 'id="enter-terminal"' not in page  # no vote open for them
    assert reverse("meetings:detail", args=[meeting.pk]) in page
    assert reverse("deputies:message_detail", args=[letter.pk]) in page and "别人的信" not in page
    assert "还没有领衔提出的建议" in page
    assert str(timezone.localdate().year) + "年履职情况" in page


def test_one_tap_into_the_terminal_while_a_vote_is_open(client_for, users, staff, term, deputies):
    live = _session(term)
    Attendance.objects.bulk_create(
        Attendance(meeting=live, person=d.person, role="voting", status="present") for d in deputies
    )
    item = AgendaItem.objects.create(meeting=live, order=1, kind="motion", title="关于某事项的决定（草案）")  # fmt: skip
    poll = voting.poll_create(actor=staff, agenda_item=item, kind="decision")
    voting.poll_open(actor=users["leader"], poll=poll)
    page = client_for("deputy").get(reverse("deputies:home")).content.decode()
    assert f'href="{reverse("voting_screens:terminal", args=[live.pk])}"' in page


def test_only_a_seated_deputy_has_the_page_and_it_does_not_grow(client_for, staff, deputies):
    assert client_for("staff").get(reverse("deputies:home")).status_code == 403
    assert client_for("member").get(reverse("deputies:home")).status_code == 403
    client = client_for("deputy")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("deputies:home")).status_code == 200
        return len(ctx)

    few = count()
    for i in range(3):
        services.message_submit(deputy=deputies[0], subject=f"来信{i}", body="小区门口的路灯坏了两个月了。")  # fmt: skip
    assert count() == few


def test_letters_and_reports_wait_in_my_work(users, staff, deputies):
    from renda.deputies.models import LiaisonStation
    from renda.deputies.work import deputies_work

    today = timezone.localdate()
    mine = services.message_submit(deputy=deputies[0], subject="路灯不亮", body="小区门口的路灯坏了两个月了。")  # fmt: skip
    services.message_submit(
        deputy=deputies[1], subject="别人的信", body="写给另一位代表的来信内容。"
    )
    station = LiaisonStation.objects.create(name="清河街道代表联络站", area="清河街道", address="清河路1号")  # fmt: skip
    services.message_submit(
        station=station, subject="站点来信", body="写给联络站的来信内容，请转交。"
    )
    titles = [str(w.title) for w in deputies_work(users["deputy"], today)]
    assert titles == ["群众来信：路灯不亮"]
    services.message_answer(actor=users["deputy"], message=mine, answer="已联系街道修复。")
    VoterMessageModel = type(mine)
    VoterMessageModel.objects.filter(pk=mine.pk).update(consent_publish=True)
    report = services.report_plan(actor=staff, deputy=deputies[2], unit="第二选区", held_on=today, place="社区")  # fmt: skip
    office = [str(w.title) for w in deputies_work(staff, today + dt.timedelta(days=1))]
    assert "群众来信：站点来信" in office and "1 封群众来信待审核公开" in office
    assert f"代表述职：{report.deputy.person.name}" in office
    assert "群众来信：别人的信" not in office  # a deputy's own letters are theirs to answer
    assert deputies_work(users["deputy"], today) == []
