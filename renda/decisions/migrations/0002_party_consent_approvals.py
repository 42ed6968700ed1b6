"""The party committee's consent of lists already on their way, as core approvals (S2).

Adoption now requires the list's latest party-consent approval to be an agreement
(``approvals.requires``), and the office's consent answers the pending request the
resubmission recorded. Lists that reached those steps before: a list waiting for consent
gets its pending request (sent the day it was last changed); a list with a recorded
consent gets the agreement it records. Nothing is written for lists that have one already.
"""

from django.db import migrations

SUBJECT_TYPE = "decisions.annuallist"
KIND = "party_consent"


def forwards(apps, schema_editor):
    AnnualList = apps.get_model("decisions", "AnnualList")
    Approval = apps.get_model("core", "Approval")
    for lst in AnnualList.objects.filter(status="awaiting_consent").iterator():
        rows = Approval.objects.filter(subject_type=SUBJECT_TYPE, subject_id=str(lst.pk), kind=KIND)
        if rows.filter(status="pending").exists():
            continue
        Approval.objects.create(
            subject_type=SUBJECT_TYPE,
            subject_id=str(lst.pk),
            subject_repr=lst.title[:255],
            kind=KIND,
            purpose=f"年度重大事项清单：{lst.title}"[:200],
            sent_on=lst.updated_at.date(),
        )
    for lst in AnnualList.objects.exclude(consented_on=None).iterator():
        rows = Approval.objects.filter(subject_type=SUBJECT_TYPE, subject_id=str(lst.pk), kind=KIND)
        if lst.status == "awaiting_consent" or rows.filter(status="approved").exists():
            continue
        Approval.objects.create(
            subject_type=SUBJECT_TYPE,
            subject_id=str(lst.pk),
            subject_repr=lst.title[:255],
            kind=KIND,
            status="approved",
            purpose=f"年度重大事项清单：{lst.title}"[:200],
            sent_on=lst.consented_on,
            answered_on=lst.consented_on,
            answer_reference=lst.consent_reference[:100],
            note=lst.consent_note[:5000],
        )


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0001_initial"),
        ("core", "0004_approval"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
