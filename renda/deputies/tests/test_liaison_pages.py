"""Liaison pages: the office keeps stations and their days, members and deputies record
their contacts on a phone page, the office sees the quarter's figures."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from renda.deputies import services
from renda.deputies.models import Contact, LiaisonStation, Reception
from renda.people.models import Membership, Organization

pytestmark = pytest.mark.django_db


def _today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def member(users, term):
    sc = Organization.objects.get(code="standing-committee")
    Membership.objects.create(
        person=users["member"].person, organization=sc, term=term, start_date=term.start_date
    )
    return users["member"]


def _station(staff, attached, **kw):
    fields = {
        "name": "清河街道代表联络站", "kind": "station", "area": "清河街道",
        "address": "清河路1号", "deputies": attached[:2],
    }  # fmt: skip
    fields.update(kw)
    return services.station_create(actor=staff, **fields)


def test_the_office_registers_a_station_and_the_form_keeps_input_on_error(client_for, deputies):
    client = client_for("staff")
    url = reverse("deputies:station_create")
    page = client.get(url).content.decode()
    assert "不要填代表本人的电话" in page  # the form says what is published before submitting
    body = {"name": "西城代表之家", "kind": "home", "area": "西城街道", "address": "",
            "hours": "每周二上午", "deputies": [deputies[0].pk]}  # fmt: skip
    response = client.post(url, body)
    assert response.status_code == 400
    text = response.content.decode()
    assert 'value="西城代表之家"' in text and 'value="每周二上午"' in text
    assert not LiaisonStation.objects.exists()
    body["address"] = "西城路8号"
    response = client.post(url, body)
    station = LiaisonStation.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{station.pk}/")
    assert list(station.deputies.all()) == [deputies[0]]
    page = client.get(reverse("deputies:station_detail", args=[station.pk])).content.decode()
    assert "西城路8号" in page and deputies[0].person.name in page


def test_schedule_record_and_cancel_days_from_the_station_page(client_for, staff, deputies):
    client = client_for("staff")
    station = _station(staff, deputies)
    act = reverse("deputies:station_act", args=[station.pk, "schedule"])
    body = {"on_date": _today().isoformat(), "starts_at": "11:00", "ends_at": "09:00",
            "theme": "听取意见", "deputies": [deputies[0].pk, deputies[1].pk]}  # fmt: skip
    response = client.post(act, body)
    assert response.status_code == 400
    assert "结束时间应晚于开始时间" in response.content.decode()
    assert 'value="听取意见"' in response.content.decode()
    body.update(starts_at="09:00", ends_at="11:30")
    assert client.post(act, body).status_code == 302
    day = Reception.objects.get()
    detail = reverse("deputies:reception_detail", args=[day.pk])
    assert "记录接待情况" in client.get(detail).content.decode()
    record = reverse("deputies:reception_act", args=[day.pk, "record"])
    response = client.post(record, {"received_by": [deputies[0].pk], "visitors": "8"})
    assert response.status_code == 400  # people came: say what they raised
    assert "接待情况" in response.content.decode()
    response = client.post(
        record,
        {"received_by": [deputies[0].pk], "visitors": "8", "matters": "3",
         "summary": "反映小区停车难。"},
    )  # fmt: skip
    assert response.status_code == 302
    day.refresh_from_db()
    assert day.status == Reception.Status.HELD and list(day.received_by.all()) == [deputies[0]]
    record_page = client.get(reverse("deputies:record", args=[deputies[0].pk])).content.decode()
    assert "清河街道代表联络站" in record_page
    body.update(on_date=(_today() + dt.timedelta(days=7)).isoformat())
    client.post(act, body)
    later = Reception.objects.get(status=Reception.Status.SCHEDULED)
    page = client.get(reverse("deputies:reception_detail", args=[later.pk])).content.decode()
    assert "接待日当天起可以记录接待情况" in page
    cancel = reverse("deputies:reception_act", args=[later.pk, "cancel"])
    assert client.post(cancel, {"reason": ""}).status_code == 400
    assert client.post(cancel, {"reason": "遇暴雨改期。"}).status_code == 302
    later.refresh_from_db()
    assert later.status == Reception.Status.CANCELLED and later.closing_note == "遇暴雨改期。"


def test_a_deputy_records_a_contact_on_the_phone_page(client_for, staff, deputies):
    client = client_for("deputy")
    station = _station(staff, deputies)
    services.reception_schedule(
        actor=staff, station=station, on_date=_today() + dt.timedelta(days=3),
        starts_at=dt.time(9), ends_at=dt.time(11), deputies=deputies[:1], theme="听取意见",
    )  # fmt: skip
    page = client.get(reverse("deputies:my_contacts")).content.decode()
    assert "清河街道代表联络站" in page and "听取意见" in page
    assert "已联系 0 次，要求至少 1 次" in page
    url = reverse("deputies:my_contact_record")
    body = {"on_date": _today().isoformat(), "way": "visit", "place": "幸福社区",
            "voters": "", "summary": "听取居民对垃圾分类的意见。"}  # fmt: skip
    response = client.post(url, body)
    assert response.status_code == 400
    assert "听取居民对垃圾分类的意见。" in response.content.decode()  # kept
    assert not Contact.objects.exists()
    body["voters"] = "15"
    assert client.post(url, body).status_code == 302
    contact = Contact.objects.get()
    assert contact.person == deputies[0].person and contact.deputy == deputies[0]
    assert contact.kind == Contact.Kind.DEPUTY_VOTER
    page = client.get(reverse("deputies:my_contacts")).content.decode()
    assert "已联系 1 次" in page and "已达到" in page
    # A unit officer has no such page, and an office clerk has no mandate of their own.
    assert client_for("unit_officer").get(reverse("deputies:my_contacts")).status_code == 403
    assert client_for("staff").get(reverse("deputies:my_contacts")).status_code == 403


def test_a_member_records_contacts_with_deputies(client_for, member, deputies):
    client = client_for("member")
    page = client.get(reverse("deputies:my_contacts")).content.decode()
    assert "联系代表" in page and deputies[1].person.name in page
    body = {"on_date": _today().isoformat(), "way": "meeting",
            "deputies": [deputies[1].pk, deputies[2].pk], "summary": "座谈了解建议办理。"}  # fmt: skip
    assert client.post(reverse("deputies:my_contact_record"), body).status_code == 302
    contact = Contact.objects.get()
    assert contact.kind == Contact.Kind.SC_DEPUTY and contact.voters is None
    assert set(contact.deputies.all()) == {deputies[1], deputies[2]}
    page = client.get(reverse("deputies:contacts")).content.decode()
    assert "座谈了解建议办理。" in page


def test_the_quarter_figures_list_who_is_below_export_and_strike(
    client_for, staff, users, member, deputies
):
    services.contact_record(
        actor=users["deputy"], kind="deputy_voter", on_date=_today(), voters=6, summary="走访"
    )
    client = client_for("staff")
    url = reverse("deputies:contacts")
    page = client.get(url).content.decode()
    assert "测试member" in page  # the member, below with no contact yet
    below = client.get(url, {"below": "1"}).content.decode()
    section = below[below.index('id="deputies"') :]
    assert deputies[0].person.name not in section.split("</table>")[0]
    assert deputies[1].person.name in section.split("</table>")[0]
    import openpyxl

    response = client.get(reverse("deputies:contacts_xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    mine = next(row for row in values if deputies[0].person.name in row)
    assert mine[2:] == [1, 0, 1, 1, "是"]
    contact = Contact.objects.get()
    strike = reverse("deputies:contact_strike", args=[contact.pk])
    client.post(strike, {"reason": "重复登记。"})
    contact.refresh_from_db()
    assert contact.status == Contact.Status.STRUCK
    # Someone else's contact through the office form: an unknown kind is refused, kept input.
    response = client.post(
        reverse("deputies:contact_create"),
        {"kind": "sc_deputy", "person": users["deputy"].person_id, "on_date": _today().isoformat(),
         "way": "visit", "deputies": [deputies[2].pk], "summary": "代为登记的联系"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "不是常委会组成人员" in response.content.decode()
    assert "代为登记的联系" in response.content.decode()


def test_list_pages_keep_their_query_counts(client_for, staff, users, deputies):
    client = client_for("staff")
    _station(staff, deputies)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("deputies:stations"))
    for i in range(4):
        _station(staff, deputies, name=f"联络站{i}", deputies=deputies[i:])
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("deputies:stations")).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)
    services.contact_record(
        actor=users["deputy"], kind="deputy_voter", on_date=_today(), voters=2, summary="走访"
    )
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("deputies:contacts"))
    for _i in range(4):
        services.contact_record(
            actor=users["deputy"], kind="deputy_voter", on_date=_today(), voters=2, summary="走访"
        )
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("deputies:contacts")).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)
