"""A sealed satisfaction poll carries its result onto the evaluation without the staff button (§3.4)."""

from __future__ import annotations

import pytest

from renda.casework.models import Case
from renda.core import effects
from renda.core.actions import SystemActor
from renda.core.errors import PermissionDenied
from renda.core.models import AuditEvent
from renda.supervision import services
from renda.supervision.models import Evaluation, Opinion
from renda.voting.models import Poll

from .conftest import run_vote
from .test_services import _through_handling

pytestmark = pytest.mark.django_db


def _concluded(evaluation):
    return AuditEvent.objects.filter(
        action="supervision.evaluation.concluded", object_id=str(evaluation.pk)
    )


def test_seal_records_the_result_and_the_button_changes_nothing(
    staff,
    users,
    members,
    court_report,
    court_officer,
    later_meeting,
    django_capture_on_commit_callbacks,
):
    opinion, evaluation = _through_handling(staff, court_report, court_officer, later_meeting)
    with django_capture_on_commit_callbacks(execute=True):
        run_vote(evaluation.poll, staff, members, ["satisfied"] * 4 + ["dissatisfied"] * 3)
    evaluation.refresh_from_db()
    opinion.refresh_from_db()
    assert evaluation.poll.status == Poll.Status.SEALED
    assert (
        evaluation.result == Evaluation.Result.SATISFIED
        and evaluation.tally["result"] == "satisfied"
    )
    assert opinion.status == Opinion.Status.SATISFIED
    assert services.current_round(opinion).case.status == Case.Status.CLOSED
    event = _concluded(evaluation).get()
    assert event.changes["automatic"] is True and event.actor_id == staff.pk
    # The staff button afterwards (and a repeated signal) changes nothing and does not fail.
    services.evaluation_conclude(actor=staff, evaluation=evaluation)
    services.evaluation_record_sealed(poll=evaluation.poll, actor=SystemActor(staff, "again"))
    with pytest.raises(PermissionDenied):  # only the platform records a seal, never a person
        services.evaluation_record_sealed(poll=evaluation.poll, actor=staff)
    evaluation.refresh_from_db()
    opinion.refresh_from_db()
    assert evaluation.result == Evaluation.Result.SATISFIED and opinion.failures == 0
    assert _concluded(evaluation).count() == 1


def test_seal_by_a_leader_records_the_result_and_staff_close_the_case(
    staff,
    users,
    members,
    court_report,
    court_officer,
    later_meeting,
    django_capture_on_commit_callbacks,
):
    """The chair may not close cases: the result is recorded, the case waits for the staff."""
    opinion, evaluation = _through_handling(staff, court_report, court_officer, later_meeting)
    with django_capture_on_commit_callbacks(execute=True):
        run_vote(evaluation.poll, users["leader"], members, ["dissatisfied"] * 7)
    evaluation.refresh_from_db()
    opinion.refresh_from_db()
    assert evaluation.result == Evaluation.Result.NOT_SATISFIED
    assert opinion.status == Opinion.Status.UNSATISFIED and opinion.failures == 1
    case = services.current_round(opinion).case
    assert case.status == Case.Status.REPLIED
    services.evaluation_conclude(actor=staff, evaluation=evaluation)
    opinion.refresh_from_db()
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED and opinion.failures == 1
    assert _concluded(evaluation).count() == 1
    # The opinion then goes back for re-handling as before.
    rnd = services.opinion_rehandle(actor=staff, opinion=opinion, note="请重新研究处理")
    assert rnd.number == 2


def test_a_seal_that_cannot_be_recorded_leaves_the_poll_sealed(
    staff,
    users,
    members,
    court_report,
    court_officer,
    later_meeting,
    django_capture_on_commit_callbacks,
):
    """A failing effect leaves the seal standing, stays pending with its error, and is retried."""
    opinion, evaluation = _through_handling(staff, court_report, court_officer, later_meeting)
    Opinion.objects.filter(pk=opinion.pk).update(status=Opinion.Status.REPORT_SCHEDULED)
    with django_capture_on_commit_callbacks(execute=True):
        run_vote(evaluation.poll, staff, members, ["satisfied"] * 7)
    evaluation.refresh_from_db()
    assert (
        evaluation.poll.status == Poll.Status.SEALED
        and evaluation.result == Evaluation.Result.PENDING
    )
    pending = effects.pending().get(handler="supervision.evaluation_result")
    assert pending.attempts == 1 and "status_not_allowed" in pending.last_error
    # The office puts the opinion right; the daily sweep's retry records the sealed result.
    Opinion.objects.filter(pk=opinion.pk).update(status=Opinion.Status.EVALUATING)
    # (the replies of the handling, never committed in this test, are pending too and run now)
    assert effects.retry_pending()[1] == 0
    evaluation.refresh_from_db()
    assert (
        evaluation.result == Evaluation.Result.SATISFIED
        and _concluded(evaluation).get().changes["automatic"] is True
    )
    # The button afterwards changes nothing.
    services.evaluation_conclude(actor=staff, evaluation=evaluation)
    assert _concluded(evaluation).count() == 1 and not effects.pending().exists()
