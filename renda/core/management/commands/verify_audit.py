"""Recompute the audit hash chain and report the first broken link."""

from django.core.management.base import BaseCommand, CommandError

from renda.core.audit import verify_chain


class Command(BaseCommand):
    help = "Verify the append-only audit chain (exit status 1 on the first broken link)."

    def handle(self, *args, **options):
        report = verify_chain()
        if report.ok:
            self.stdout.write(f"OK: {report.checked} audit events, chain intact.")
            return
        raise CommandError(
            f"BROKEN at event #{report.broken_seq}: {report.reason} "
            f"({report.checked} events verified before it)."
        )
