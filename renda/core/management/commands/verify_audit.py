"""Recompute the audit hash chain, check it against the signed anchors, report failures."""

from django.core.management.base import BaseCommand, CommandError

from renda.core.anchoring import verify_anchors
from renda.core.audit import verify_chain


class Command(BaseCommand):
    help = (
        "Verify the append-only audit chain and its signed anchors kept outside the database "
        "(exit status 1 on any failure)."
    )

    def handle(self, *args, **options):
        failures: list[str] = []
        report = verify_chain()
        if not report.ok:
            failures.append(
                f"chain BROKEN at event #{report.broken_seq}: {report.reason} "
                f"({report.checked} events verified before it)"
            )
        anchors = verify_anchors()
        failures.extend(f"anchor FAILED: {text}" for text in anchors.failures)
        if failures:
            raise CommandError("\n".join(failures))
        if anchors.latest is None:
            anchored = "no anchors yet (run anchor_audit)"
        else:
            anchored = (
                f"{anchors.anchors} anchors match, latest #{anchors.latest.seq} "
                f"at {anchors.latest.at}"
            )
        self.stdout.write(f"OK: {report.checked} audit events, chain intact; {anchored}.")
