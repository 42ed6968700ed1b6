"""The demo's local legislation: a project in each stage, a draft open for comment now and
a regulation's comments grouped and answered."""

from __future__ import annotations

import pytest
from django.utils import timezone

from renda.core.audit import verify_chain
from renda.devtools.seeding import seed_demo
from renda.legislation.models import (
    CommentGroup,
    Consultation,
    Evaluation,
    Plan,
    Project,
    PublicComment,
)

pytestmark = pytest.mark.django_db


def test_demo_legislation():
    result = seed_demo()
    assert result.counts["legislation_projects"] == 4
    assert result.counts["legislation_dog_readings"] == 3
    assert result.counts["legislation_open_drafts"] == 1
    statuses = set(Project.objects.values_list("status", flat=True))
    assert statuses == {"proposed", "in_reading", "promulgated"}
    dog = Project.objects.get(title="清河市养犬管理条例")
    third = dog.readings.get(number=3)
    assert third.status == "scheduled" and third.meeting.status == "scheduled"
    assert not dog.comment_groups.filter(handling="pending").exists()
    assert set(PublicComment.objects.values_list("status", flat=True)) == {"pending", "published", "withheld"}  # fmt: skip
    heritage = Project.objects.get(title="清河市历史文化街区保护条例")
    assert heritage.versions.get().open_for_comment(timezone.localdate())
    assert set(Plan.objects.values_list("status", flat=True)) == {"published", "adopted"}
    assert CommentGroup.objects.filter(handling="adopted").exists()
    assert result.counts["legislation_experts"] == 8
    hearing = Consultation.objects.get(kind="hearing")
    assert hearing.status == "planned" and hearing.registrations.count() == 2
    assert Consultation.objects.get(kind="argumentation").opinions.count() == 3
    assert Evaluation.objects.get().status == "planned"
    assert verify_chain().ok
