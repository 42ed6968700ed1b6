"""Create the day's casework reminders (T-30, T-7, overdue, rating due); safe to run twice."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from renda.casework.sweep import daily


class Command(BaseCommand):
    help = "Create casework deadline and rating reminders for a day (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="YYYY-MM-DD; today by default")

    def handle(self, *args, **options):
        try:
            today = (
                dt.date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
            )
        except ValueError as exc:
            raise CommandError("--date must be YYYY-MM-DD") from exc
        counts = daily(today)
        total = sum(counts.values())
        detail = ", ".join(f"{k}={v}" for k, v in sorted(counts.items())) or "-"
        self.stdout.write(
            f"casework sweep {today.isoformat()}: {total} new notifications ({detail})"
        )
