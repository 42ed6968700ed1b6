"""Remind enacting bodies and the office of reports after amending due or late (rules §5.8); safe to run twice."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from renda.filings.services import amend_report_sweep


class Command(BaseCommand):
    help = "Create the reminders of reports after amending for a day (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="YYYY-MM-DD; today by default")

    def handle(self, *args, **options):
        try:
            today = dt.date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError as exc:
            raise CommandError("--date must be YYYY-MM-DD") from exc
        counts = amend_report_sweep(today)
        detail = ", ".join(f"{k}={v}" for k, v in sorted(counts.items())) or "-"
        self.stdout.write(f"filings sweep {today.isoformat()}: {sum(counts.values())} new notifications ({detail})")
