"""Core back-office pages: audit log, working-day calendar, rule settings."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from django.db import transaction
from django.urls import reverse

from renda.core import statute, workdays
from renda.core.audit import audit_record
from renda.core.models import AuditEvent, CalendarDay, RuleSetting
from renda.core.services import calendar_day_set, rule_setting_set

pytestmark = pytest.mark.django_db

AUDIT = reverse("core:audit_list")
VERIFY = reverse("core:audit_verify")
CALENDAR = reverse("core:calendar")
RULES = reverse("core:rules")


def add_events(n, actor=None, action="test.step"):
    obj = RuleSetting.objects.create(key=f"k{AuditEvent.objects.count()}", value="1")
    with transaction.atomic():
        for i in range(n):
            audit_record(actor=actor, action=f"{action}{i}", obj=obj, changes={"i": i})


# -- Audit log -----------------------------------------------------------------------------


@pytest.mark.parametrize("n", [5, 30])
def test_audit_list_query_count_does_not_grow_with_rows(
    client_for, users, django_assert_num_queries, n
):
    add_events(n)
    client = client_for("staff")
    # session, user, scope, pending effects, count, page rows, site name
    with django_assert_num_queries(7):
        response = client.get(AUDIT, {"action": "test.step"})
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == n


def test_pending_effects_are_listed_and_retried_from_the_audit_page(client_for, users, monkeypatch):
    from renda.core import effects
    from renda.core.models import Effect

    done = []
    monkeypatch.setitem(
        effects.HANDLERS, "test.hook", [("test.handler", lambda **kw: done.append(kw))]
    )
    Effect.objects.create(
        hook="test.hook",
        handler="test.handler",
        payload={"n": 3},
        attempts=2,
        last_error="RuntimeError: database was busy",
    )
    client = client_for("staff")
    page = client.get(AUDIT).content.decode()
    assert "未完成的后续处理" in page and "database was busy" in page and "test.handler" in page
    response = client.post(reverse("core:effects_retry"), follow=True)
    assert done == [{"n": 3}] and not effects.pending().exists()
    assert "已完成 1 项后续处理" in response.content.decode()
    assert "未完成的后续处理" not in response.content.decode()
    deputy = client_for("deputy")
    assert deputy.post(reverse("core:effects_retry")).status_code in (302, 403)


def test_audit_list_filters_and_paginates(client_for, users, staff):
    add_events(60, actor=staff, action="demo.bulk")
    add_events(2, action="demo.other")
    client = client_for("leader")
    response = client.get(AUDIT, {"action": "demo.bulk"})
    assert response.context["page_obj"].paginator.count == 60
    assert len(response.context["rows"]) == 50
    page2 = client.get(AUDIT, {"action": "demo.bulk", "page": 2})
    assert len(page2.context["rows"]) == 10
    assert "action=demo.bulk&amp;page=1" in page2.content.decode()
    by_actor = client.get(AUDIT, {"actor": staff.name, "object_type": "core.rulesetting"})
    assert by_actor.context["page_obj"].paginator.count == 60
    today = dt.date.today()
    future = client.get(AUDIT, {"date_from": (today + dt.timedelta(days=3)).isoformat()})
    assert future.context["page_obj"].paginator.count == 0
    window = client.get(
        AUDIT,
        {
            "date_from": (today - dt.timedelta(days=2)).isoformat(),
            "date_to": (today + dt.timedelta(days=2)).isoformat(),
        },
    )
    assert window.context["page_obj"].paginator.count == AuditEvent.objects.count()


def test_audit_list_bad_date_shows_chinese_error(client_for, users):
    response = client_for("staff").get(AUDIT, {"date_from": "not-a-date"})
    assert response.status_code == 200
    assert "起始日期的格式不正确。" in response.content.decode()


def test_verify_button_reports_ok_and_broken_link(client_for, users):
    add_events(3)
    client = client_for("staff")
    response = client.post(VERIFY, follow=True)
    total = AuditEvent.objects.count()
    assert f"审计链完整：已校验 {total} 条记录。" in response.content.decode()
    victim = AuditEvent.objects.order_by("seq")[1]
    AuditEvent.objects.filter(pk=victim.pk).update(object_repr="篡改")
    response = client.post(VERIFY, follow=True)
    assert f"审计链在第 {victim.seq} 条记录处断开" in response.content.decode()


def test_verify_needs_post_and_permission(client_for, users):
    assert client_for("staff").get(VERIFY).status_code == 405
    assert client_for("member").post(VERIFY).status_code == 403


# -- Calendar ------------------------------------------------------------------------------


def test_calendar_correction_changes_the_deadline(client_for, users, staff):
    start = dt.date(2031, 3, 3)  # a Monday with no package data
    assert workdays.add_working_days(start, 3) == dt.date(2031, 3, 6)
    client = client_for("staff")
    response = client.post(CALENDAR, {"date": "2031-03-04", "kind": "holiday", "name": "地方假日"})
    assert response.status_code == 302
    day = CalendarDay.objects.get(date=dt.date(2031, 3, 4))
    assert day.source == CalendarDay.Source.MANUAL and day.name == "地方假日"
    assert workdays.add_working_days(start, 3) == dt.date(2031, 3, 7)
    assert AuditEvent.objects.filter(
        action="core.calendar_day.set", object_id="2031-03-04"
    ).exists()

    tool = client.get(CALENDAR, {"year": 2031, "start": "2031-03-03", "n": 3, "unit": "workdays"})
    assert tool.context["deadline"] == dt.date(2031, 3, 7)
    assert "2031-03-07" in tool.content.decode()

    response = client.post(reverse("core:calendar_remove"), {"date": "2031-03-04"})
    assert response.status_code == 302
    assert not CalendarDay.objects.filter(date=dt.date(2031, 3, 4)).exists()
    assert workdays.add_working_days(start, 3) == dt.date(2031, 3, 6)
    assert AuditEvent.objects.filter(action="core.calendar_day.removed").exists()


def test_calendar_makeup_workday_and_month_tool(client_for, users):
    client = client_for("staff")
    client.post(CALENDAR, {"date": "2031-03-08", "kind": "makeup", "name": "调休"})  # a Saturday
    assert workdays.add_working_days(dt.date(2031, 3, 7), 1) == dt.date(2031, 3, 8)
    tool = client.get(CALENDAR, {"start": "2031-01-31", "n": 1, "unit": "months"})
    assert tool.context["deadline"] == dt.date(2031, 2, 28)


def test_calendar_lists_year_and_prefills_edit(client_for, users, staff):
    with transaction.atomic():
        calendar_day_set(actor=staff, date=dt.date(2031, 5, 2), kind="holiday", name="劳动节")
    client = client_for("staff")
    page = client.get(CALENDAR, {"year": 2031})
    assert [d.date for d in page.context["days"]] == [dt.date(2031, 5, 2)]
    edit = client.get(CALENDAR, {"year": 2031, "date": "2031-05-02"})
    assert edit.context["form"].initial["name"] == "劳动节"


def test_calendar_bad_input_is_refused(client_for, users):
    client = client_for("staff")
    before = CalendarDay.objects.count()
    response = client.post(CALENDAR, {"date": "2031-02-30", "kind": "holiday"})
    assert response.status_code == 200
    assert "日期的格式不正确。" in response.content.decode()
    response = client.post(CALENDAR, {"date": "2031-02-03", "kind": "party"})
    assert "类型的取值无效。" in response.content.decode()
    response = client.post(reverse("core:calendar_remove"), {"date": "2031-02-04"}, follow=True)
    assert "2031-02-04没有日历调整记录。" in response.content.decode()
    assert CalendarDay.objects.count() == before


# -- Rule settings -------------------------------------------------------------------------


def test_rules_page_lists_every_parameter(client_for, users):
    response = client_for("staff").get(RULES)
    html = response.content.decode()
    assert len(response.context["rows"]) == len(statute.REGISTRY)
    for key, p in statute.REGISTRY.items():
        assert key in html and p.source in html
    assert "法定，不可修改" in html
    assert 'name="value"' not in html  # staff may view, not edit


def test_admin_sets_and_clears_a_local_value(client_for, users):
    client = client_for("admin")
    response = client.post(
        RULES, {"key": "composition.reelected_min_share", "value": "2/5", "note": "本市规定"}
    )
    assert response.status_code == 302
    assert statute.param("composition.reelected_min_share") == Fraction(2, 5)
    event = AuditEvent.objects.get(action="core.rule_setting.set")
    assert event.changes["value"] == [None, "2/5"] and event.changes["rule"] == "S21"
    assert "本市规定" in client.get(RULES).content.decode()
    client.post(RULES, {"key": "composition.reelected_min_share", "value": ""})
    assert statute.param("composition.reelected_min_share") == Fraction(1, 3)
    assert AuditEvent.objects.filter(action="core.rule_setting.cleared").exists()


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        (
            "composition.reelected_min_share",
            "abc",
            "参数 composition.reelected_min_share 的取值“abc”格式不正确。",
        ),
        (
            "composition.reelected_min_share",
            "3/2",
            "参数 composition.reelected_min_share 的比例必须在 0 与 1 之间。",
        ),
        ("sc_size.city", "10,20", "参数的取值无效。"),
    ],
)
def test_bad_rule_value_is_refused(client_for, users, key, value, message):
    response = client_for("admin").post(RULES, {"key": key, "value": value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not RuleSetting.objects.filter(key=key).exists()


def test_rule_setting_service_refuses_fixed_parameters(users):
    from renda.core.errors import DomainError

    with pytest.raises(DomainError) as exc:
        rule_setting_set(actor=users["admin"], key="sc_size.city", value="10,20")
    assert exc.value.code == "rule_not_configurable"


def test_staff_cannot_post_rules(client_for, users):
    response = client_for("staff").post(
        RULES, {"key": "composition.reelected_min_share", "value": "1/2"}
    )
    assert response.status_code == 403
    assert not RuleSetting.objects.exists()


# -- Permissions and navigation ------------------------------------------------------------


@pytest.mark.parametrize("role", ["deputy", "unit_officer"])
@pytest.mark.parametrize("url", [AUDIT, CALENDAR, RULES])
def test_deputies_and_unit_officers_are_refused(client_for, role, url):
    assert client_for(role).get(url).status_code == 403


def test_calendar_refused_for_leader_and_anonymous_redirected(client_for, client, users):
    assert client_for("leader").get(CALENDAR).status_code == 403
    assert client_for("leader").get(AUDIT).status_code == 200
    client.logout()
    response = client.get(AUDIT)
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:login")
    )


def test_settings_navigation_follows_permissions(client_for, users):
    staff_html = client_for("staff").get(reverse("core:home")).content.decode()
    assert "设置" in staff_html and CALENDAR in staff_html and AUDIT in staff_html
    member_html = client_for("member").get(reverse("core:home")).content.decode()
    assert AUDIT not in member_html and CALENDAR not in member_html
