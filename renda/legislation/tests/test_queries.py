"""The list pages of local legislation answer in a fixed number of queries, however many
rows they show."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from renda.legislation import services

from .conftest import today

_serial = itertools.count(1)
LISTS = (
    ("legislation:projects", "staff"),
    ("legislation:plans", "staff"),
    ("legislation:comments", "staff"),
    ("legislation:contact_points", "staff"),
    ("portal:legislation", None),
)


def _grow(staff, n: int) -> None:
    """Add ``n`` of each row the lists show: plans, projects open for comment, comments,
    contact points."""
    for _i in range(n):
        k = next(_serial)
        plan = services.plan_create(actor=staff, kind="annual", title=f"计划{k}", year_from=2027)
        services.plan_add_item(actor=staff, plan=plan, title=f"项目{k}", category="formal")
        p = services.project_create(actor=staff, title=f"条例{k}", proposer="government")
        services.project_argue(actor=staff, project=p, argued_on=today(), argument="可行")
        v = services.project_add_version(actor=staff, project=p, label="草案", text="第一条　甲。\n第二条　乙。")  # fmt: skip
        services.project_open_comment(actor=staff, project=p, version=v, opens_on=today(), closes_on=today() + dt.timedelta(days=30))  # fmt: skip
        point = services.contact_point_create(actor=staff, name=f"联系点{k}")
        services.comment_record(actor=staff, version=v, body="意见", source="contact_point", contact_point=point)  # fmt: skip
        services.comment_submit(actor=None, version=v, provision=v.provisions.first(), body="意见")


@pytest.mark.parametrize(("route", "role"), LISTS)
def test_the_list_queries_do_not_grow_with_the_rows(client_for, staff, term, route, role):
    client = client_for(role)
    url = reverse(route)

    def count() -> int:
        with CaptureQueriesContext(connection) as seen:
            assert client.get(url).status_code == 200
        return len(seen)

    _grow(staff, 1)
    few = count()
    _grow(staff, 4)
    assert count() == few
