"""Issue journey in real pages: the office records a nomination (a refused first try keeps
what was typed), the candidate passes the law exam, makes a statement, the party committee
agrees, the motion goes on the meeting's agenda and the members vote on their terminals; the
sealed vote places the person in the post, the office issues the certificate and publishes the
notice, which citizens read, and the person swears the constitutional oath."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from tests.browser.conftest import user_page
from tests.browser.test_meeting_voting_journey import TABLET, committee, run_poll_on_screens

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
committee = committee  # the three members with logins (a fixture)


@pytest.fixture
def meeting(term, committee):
    """A standing-committee meeting in session today, the three members signed in."""
    from renda.meetings.models import Attendance, Meeting
    from renda.people.models import Organization

    sc = Organization.objects.get(code="standing-committee")
    today = timezone.localdate()
    m = Meeting.objects.create(
        kind="sc_meeting", body=sc, term=term, number=30, title="常委会第三十次会议",
        starts_on=today, ends_on=today, status=Meeting.Status.IN_PROGRESS,
    )  # fmt: skip
    for member in committee["members"]:
        Attendance.objects.create(meeting=m, person=member.person, role="voting", status="present")
    return m


def test_nomination_to_the_oath(browser, asgi_server, users, committee, meeting, screen):
    from playwright.sync_api import expect

    from renda.appointments.models import Appointment
    from renda.people.models import Membership, Organization, Person, Post

    court = Organization.objects.create(code="court-j", name="清河市中级人民法院", kind="court")
    post = Post.objects.create(organization=court, label="审判员", role="member", elected_or_appointed=True)  # fmt: skip
    person = Person.objects.create(name="温良", gender="male", occupation="区人民法院审判员")
    chair = Person.objects.create(name="程国栋", gender="male")
    sc = Organization.objects.get(code="standing-committee")
    Membership.objects.create(person=chair, organization=sc, role="chair", start_date=dt.date(2022, 1, 10))  # fmt: skip
    today = timezone.localdate()
    errors: list[str] = []
    contexts = []

    def open_page(user, path, viewport=None):
        context, page = user_page(browser, asgi_server, user, errors, viewport or screen)
        contexts.append(context)
        page.goto(path)
        return page

    try:
        staff = open_page(users["staff"], "/office/appointments/new/")
        staff.get_by_label("拟任命人员").select_option(str(person.pk))
        staff.get_by_label("拟任职务").select_option(str(post.pk))
        staff.get_by_label("提请人").select_option("court_president")
        staff.get_by_label("提请日期").fill((today + dt.timedelta(days=2)).isoformat())
        staff.get_by_label("提请任命的说明").fill("温良同志审判经验丰富，提请任命为审判员。")
        staff.get_by_role("button", name="保存").click()
        expect(staff.get_by_text("提请日期应在本届开始之日和今天之间。")).to_be_visible()
        expect(staff.get_by_label("提请任命的说明")).to_have_value("温良同志审判经验丰富，提请任命为审判员。")  # fmt: skip
        staff.get_by_label("提请日期").fill((today - dt.timedelta(days=10)).isoformat())
        staff.get_by_role("button", name="保存").click()
        expect(staff.locator("#appointment-status")).to_have_text("已提请")
        expect(staff.locator("#exam-pass")).to_contain_text("尚未合格")
        a = Appointment.objects.get()
        detail = f"/office/appointments/{a.pk}/"

        # The law exam (§7.8): set, enrol, record the score.
        staff.goto("/office/appointments/exams/new/")
        staff.get_by_label("考试名称").fill("任前法律知识考试")
        staff.get_by_label("考试日期").fill(today.isoformat())
        staff.get_by_label("地点").fill("市委党校")
        staff.get_by_role("button", name="保存").click()
        enrol = staff.locator("#enrol-form")
        enrol.get_by_label("应考人员").select_option(str(person.pk))
        enrol.get_by_label("拟任职务").fill("审判员")
        enrol.get_by_role("button", name="报名").click()
        staff.locator("#record-form").get_by_label(re.compile("温良")).fill("88")
        staff.locator("#record-form").get_by_role("button", name="登记成绩").click()
        expect(staff.get_by_text("合格").first).to_be_visible()

        # The statement (§7.9) and the party committee's consent (S2).
        staff.goto(detail)
        expect(staff.locator("#exam-pass")).to_contain_text("合格")
        form = staff.locator("#record_statement-form")
        form.get_by_label("供职发言").fill("如获任命，我将忠于宪法，公正司法。")
        form.get_by_role("button", name="保存发言").click()
        expect(staff.locator("#statement")).to_contain_text("公正司法")
        staff.get_by_text("登记报送情况").click()
        staff.get_by_label("报送日期").fill(today.isoformat())
        staff.get_by_role("button", name="登记报送").click()
        staff.locator("select[name=answer]").select_option("approved")
        staff.locator("input[name=answered_on]").fill(today.isoformat())
        staff.get_by_role("button", name="登记答复").click()
        expect(staff.locator("#consent-state")).to_contain_text("已同意")

        # On the agenda, voted on the terminals; the seal carries it on its own (§7.6).
        form = staff.locator("#put_to_vote-form")
        form.get_by_label("常委会会议").select_option(str(meeting.pk))
        form.get_by_role("button", name="列入议程").click()
        expect(staff.locator("#appointment-status")).to_have_text("已列入会议表决")
        big = open_page(users["staff"], f"/chamber/meetings/{meeting.pk}/screen/", {"width": 1600, "height": 900})  # fmt: skip
        terminals = [
            open_page(m, f"/chamber/meetings/{meeting.pk}/terminal/", TABLET)
            for m in committee["members"]
        ]
        staff.locator("dd a[href*='/voting/polls/']").click()
        run_poll_on_screens(staff, big, terminals, ["赞成", "赞成", "赞成"], "通过")  # 3 of 4
        staff.goto(detail)
        expect(staff.locator("#appointment-status")).to_have_text("任命通过")

        # The certificate and the public notice (§7.11).
        staff.locator("#issue_certificate-form").get_by_role("button", name="签发任命书").click()
        expect(staff.locator("#certificate-link")).to_be_visible()
        staff.locator("#announce-form").get_by_role("button", name="发布公告").click()
        expect(staff.locator("#notice-state")).to_contain_text("公告")
        assert staff.evaluate("document.documentElement.scrollWidth") <= screen["width"]

        public = browser.new_context(base_url=asgi_server, locale="zh-CN", viewport=screen)
        contexts.append(public)
        citizen = public.new_page()
        citizen.goto("/about/officials/")
        expect(citizen.get_by_text("温良").first).to_be_visible()
        citizen.get_by_role("link", name="关于任命温良为清河市中级人民法院审判员的公告").click()
        expect(citizen.get_by_text("特此公告")).to_be_visible()

        # The constitutional oath (§7.12).
        staff.goto("/office/appointments/oaths/new/")
        staff.get_by_label("宣誓日期").fill(today.isoformat())
        staff.get_by_label("地点").fill("常委会会议厅")
        staff.get_by_role("button", name="保存").click()
        staff.locator("#add-form").get_by_label("任命事项").select_option(str(a.pk))
        staff.locator("#add-form").get_by_role("button", name="列入").click()
        record = staff.locator("#record-form")
        record.get_by_label("监誓人").select_option(str(chair.pk))
        record.get_by_label("见证人员").fill("常委会组成人员")
        record.get_by_role("button", name="登记").click()
        expect(staff.get_by_text("已宣誓").first).to_be_visible()
    finally:
        for c in contexts:
            c.close()
    a.refresh_from_db()
    assert a.status == "appointed" and a.certificate_no and a.announced_on == today
    assert a.statement.startswith("如获任命") and a.statement_item is not None
    assert Membership.objects.filter(person=person, post=post, end_date__isnull=True).exists()
    assert a.oaths.get().status == "sworn"
    # The refused nomination is answered 400 on purpose (the page shows why).
    assert [e for e in errors if "status of 400" not in e] == []
