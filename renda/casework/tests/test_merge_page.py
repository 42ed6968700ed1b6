"""Merging a case into another from the case page (并案, rules §1.5)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from renda.casework import services as cw
from renda.casework.models import Case
from renda.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def duplicate(users, kind, member_person):
    return cw.case_create(
        actor=users["staff"],
        kind=kind,
        title="关于新建小学的建议",
        requesters=[member_person],
    )


@pytest.fixture
def member_person(users):
    return users["member"].person


def _merged() -> int:
    return AuditEvent.objects.filter(action="casework.case.merged").count()


def test_staff_merge_a_case_into_another_picked_from_the_list(client_for, case, duplicate):
    client = client_for("staff")
    page = client.get(reverse("casework:detail", args=[duplicate.pk])).content.decode()
    assert f'action="{reverse("casework:action", args=[duplicate.pk, "merge"])}"' in page
    assert "<datalist" in page and f"#{case.pk} {case.title}" in page
    response = client.post(
        reverse("casework:action", args=[duplicate.pk, "merge"]),
        {"merge-into": f"#{case.pk} {case.title}"},
    )
    assert response.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.status == Case.Status.MERGED and duplicate.merged_into_id == case.pk
    assert _merged() == 1
    assert AuditEvent.objects.filter(action="casework.case.merge_received").count() == 1
    assert set(case.requester_rows.values_list("person__name", flat=True)) >= {"测试member"}


def test_an_unknown_target_keeps_the_input_and_says_why(client_for, case, duplicate):
    response = client_for("staff").post(
        reverse("casework:action", args=[duplicate.pk, "merge"]), {"merge-into": "#999999 不存在"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "找不到可并入的事项" in body and 'value="#999999 不存在"' in body
    duplicate.refresh_from_db()
    assert duplicate.status != Case.Status.MERGED and _merged() == 0


def test_merging_into_itself_is_refused(client_for, duplicate):
    response = client_for("staff").post(
        reverse("casework:action", args=[duplicate.pk, "merge"]), {"merge-into": str(duplicate.pk)}
    )
    assert response.status_code == 400 and _merged() == 0


@pytest.mark.parametrize("role", ["unit_officer", "leader", "deputy"])
def test_other_roles_see_no_merge_and_cannot_post_it(client_for, case, duplicate, role):
    client = client_for(role)
    page = client.get(reverse("casework:detail", args=[duplicate.pk]))
    assert "/act/merge/" not in page.content.decode()
    response = client.post(
        reverse("casework:action", args=[duplicate.pk, "merge"]), {"merge-into": str(case.pk)}
    )
    # The case page answers a refused action on its form (400), like its other actions.
    assert response.status_code in (400, 403, 404)
    duplicate.refresh_from_db()
    assert duplicate.status != Case.Status.MERGED and _merged() == 0
