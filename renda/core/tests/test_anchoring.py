"""Anchors outside the database catch a rebuilt or truncated audit chain."""

import base64
import json
import stat

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.urls import reverse

from renda.core.anchoring import anchor_now, latest_anchor, read_anchors, verify_anchors
from renda.core.audit import GENESIS, _digest_of, audit_record, verify_chain
from renda.core.models import AuditEvent, AuditHead, RuleSetting

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def anchor_files(settings, tmp_path):
    settings.AUDIT_ANCHOR_KEY_FILE = str(tmp_path / "keys" / "anchor-key.pem")
    settings.AUDIT_ANCHOR_FILE = str(tmp_path / "anchors" / "anchors.jsonl")
    return tmp_path


def _events(n=5):
    obj, _created = RuleSetting.objects.get_or_create(key="x", defaults={"value": "1"})
    with transaction.atomic():
        for i in range(n):
            audit_record(actor=None, action=f"test.step{i}", obj=obj, changes={"i": i})


def _lines(tmp_path):
    return (tmp_path / "anchors" / "anchors.jsonl").read_text("utf-8").splitlines()


def _rebuild_from(seq: int):
    """Rewrite event ``seq`` and recompute every later hash and the head, as an attacker would."""
    prev = GENESIS
    for event in AuditEvent.objects.order_by("seq"):
        if event.seq == seq:
            event.changes = {"i": "forged"}
        if event.seq >= seq:
            event.prev_hash = prev
            event.hash = _digest_of(event)
            with connection.cursor() as cursor:
                cursor.execute(
                    "UPDATE core_auditevent SET changes=%s, prev_hash=%s, hash=%s WHERE seq=%s",
                    [json.dumps(event.changes), event.prev_hash, event.hash, event.seq],
                )
        prev = event.hash
    AuditHead.objects.filter(id=1).update(hash=prev)


def _verify_fails(match: str):
    with pytest.raises(CommandError) as exc:
        call_command("verify_audit")
    assert match in str(exc.value)
    return str(exc.value)


def test_honest_chain_with_anchors_passes(anchor_files, capsys):
    _events(3)
    call_command("anchor_audit")
    _events(2)
    call_command("anchor_audit")
    anchors, problems = read_anchors()
    assert [a.seq for a in anchors] == [3, 5] and problems == []
    report = verify_anchors()
    assert report.ok and report.anchors == 2
    call_command("verify_audit")
    out = capsys.readouterr().out
    assert "OK: 5 audit events" in out and "2 anchors match" in out


def test_key_file_is_created_private(anchor_files):
    _events(1)
    anchor_now()
    key = anchor_files / "keys" / "anchor-key.pem"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert b"PRIVATE KEY" in key.read_bytes()


def test_anchor_now_is_idempotent(anchor_files):
    assert anchor_now() is None  # an empty chain is not anchored
    _events(2)
    first = anchor_now()
    assert first is not None and first.seq == 2
    assert anchor_now() is None
    assert len(_lines(anchor_files)) == 1
    _events(1)
    assert anchor_now().seq == 3
    assert len(_lines(anchor_files)) == 2
    assert latest_anchor().seq == 3


def test_rebuilt_chain_is_caught(anchor_files):
    _events(5)
    anchor_now()
    _rebuild_from(3)
    assert verify_chain().ok  # the chain alone cannot tell
    text = _verify_fails("no longer has the anchored hash")
    assert "#5" in text


def test_truncated_chain_is_caught(anchor_files):
    _events(5)
    anchor_now()
    AuditEvent.objects.filter(seq__gt=3).delete()
    last = AuditEvent.objects.get(seq=3)
    AuditHead.objects.filter(id=1).update(seq=3, hash=last.hash)
    assert verify_chain().ok  # the chain alone cannot tell
    _verify_fails("fewer than the anchored #5")


def test_tampered_anchor_signature_is_caught(anchor_files):
    _events(2)
    anchor_now()
    path = anchor_files / "anchors" / "anchors.jsonl"
    record = json.loads(path.read_text("utf-8"))
    signature = bytearray(base64.b64decode(record["signature"]))
    signature[0] ^= 0x01
    record["signature"] = base64.b64encode(bytes(signature)).decode()
    path.write_text(json.dumps(record) + "\n", "utf-8")
    _verify_fails("signature is not valid")


def test_forged_anchor_for_a_rebuilt_chain_is_caught(anchor_files):
    """Moving an anchor's hash to match a rebuilt chain breaks its signature."""
    _events(3)
    anchor_now()
    _rebuild_from(2)
    path = anchor_files / "anchors" / "anchors.jsonl"
    record = json.loads(path.read_text("utf-8"))
    record["hash"] = AuditHead.objects.get(id=1).hash
    path.write_text(json.dumps(record) + "\n", "utf-8")
    _verify_fails("signature is not valid")


def test_missing_key_is_a_failure(anchor_files):
    _events(1)
    anchor_now()
    (anchor_files / "keys" / "anchor-key.pem").unlink()
    _verify_fails("cannot be checked")


def test_portal_footer_shows_latest_anchor(anchor_files, client):
    _events(4)
    anchor = anchor_now()
    page = client.get("/").content.decode()
    assert anchor.hash[:16] in page
    assert "第 4 条" in page


def test_the_audit_page_reports_a_rebuilt_chain_against_the_anchors(client, users):
    _events(4)
    assert anchor_now() is not None
    client.force_login(users["staff"])
    ok = client.post(reverse("core:audit_verify"), follow=True)
    shown = [str(m) for m in ok.context["messages"]]
    assert any("与库外签名锚定一致" in m for m in shown), shown
    _rebuild_from(2)
    assert verify_chain().ok  # the rebuilt chain is consistent in itself…
    broken = client.post(reverse("core:audit_verify"), follow=True)
    shown = [str(m) for m in broken.context["messages"]]
    assert any("审计锚定核对未通过" in m and "rewritten" in m for m in shown), shown


def test_loading_the_package_calendar_is_one_audited_change():
    from renda.core.models import CalendarDay
    from renda.core.workdays import load_package_calendar

    CalendarDay.objects.all().delete()  # the migration loaded it; start from an empty table
    created = load_package_calendar()
    assert created > 0 and CalendarDay.objects.count() == created
    event = AuditEvent.objects.get(action="core.calendar.package_loaded")
    assert event.changes == {"created": created, "updated": 0, "overwrite_manual": False}
    assert load_package_calendar() == 0
    again = AuditEvent.objects.filter(action="core.calendar.package_loaded").latest("seq")
    assert again.changes["updated"] == created
    assert verify_chain().ok
