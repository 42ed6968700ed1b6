"""The audit chain: written in the caller's transaction, and tamper-evident."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from renda.core.audit import audit_record, history_for, verify_chain
from renda.core.models import AuditEvent, RuleSetting

pytestmark = pytest.mark.django_db


def _events(n=5):
    obj = RuleSetting.objects.create(key="x", value="1")
    with transaction.atomic():
        for i in range(n):
            audit_record(
                actor=None, action=f"test.step{i}", obj=obj, changes={"i": i, "名称": "测试"}
            )
    return obj


def _raw(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_intact_chain_verifies():
    _events()
    report = verify_chain()
    assert report.ok and report.checked == 5
    call_command("verify_audit")


@pytest.mark.django_db(transaction=True)
def test_requires_a_transaction():
    obj = RuleSetting.objects.create(key="y", value="1")
    with pytest.raises(RuntimeError):
        audit_record(actor=None, action="test.outside", obj=obj)


def test_rolled_back_action_leaves_no_event():
    obj = RuleSetting.objects.create(key="z", value="1")
    with pytest.raises(ValueError), transaction.atomic():
        audit_record(actor=None, action="test.rolled_back", obj=obj)
        raise ValueError
    assert not AuditEvent.objects.exists()
    assert verify_chain().ok


def test_model_refuses_update_and_delete():
    _events(1)
    event = AuditEvent.objects.get()
    event.action = "forged"
    with pytest.raises(RuntimeError):
        event.save()
    with pytest.raises(RuntimeError):
        event.delete()


def test_edit_is_caught():
    _events()
    _raw("UPDATE core_auditevent SET changes = %s WHERE seq = 3", ['{"i": 99}'])
    report = verify_chain()
    assert not report.ok and report.broken_seq == 3 and "content" in report.reason
    with pytest.raises(CommandError, match="#3"):
        call_command("verify_audit")


def test_actor_edit_is_caught():
    _events()
    _raw("UPDATE core_auditevent SET actor_label = %s WHERE seq = 2", ["someone else"])
    assert verify_chain().broken_seq == 2


def test_delete_in_the_middle_is_caught():
    _events()
    _raw("DELETE FROM core_auditevent WHERE seq = 2")
    report = verify_chain()
    assert not report.ok and report.broken_seq == 3


def test_delete_at_the_end_is_caught():
    _events()
    _raw("DELETE FROM core_auditevent WHERE seq = 5")
    report = verify_chain()
    assert not report.ok and "head" in report.reason


def test_reorder_is_caught():
    _events()
    # Swap the content of events 2 and 4 (keeping the sequence numbers in place).
    rows = {
        seq: (action, changes, prev, digest)
        for seq, action, changes, prev, digest in AuditEvent.objects.filter(
            seq__in=[2, 4]
        ).values_list("seq", "action", "changes", "prev_hash", "hash")
    }
    AuditEvent.objects.filter(seq=2).update(seq=1002)
    AuditEvent.objects.filter(seq=4).update(seq=2)
    AuditEvent.objects.filter(seq=1002).update(seq=4)
    assert rows[2][0] != rows[4][0]
    report = verify_chain()
    assert not report.ok and report.broken_seq == 2


def test_history_for_object():
    obj = _events(3)
    assert [e.action for e in history_for(obj)] == ["test.step2", "test.step1", "test.step0"]
