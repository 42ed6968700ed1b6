"""Bring the daily casework sweep up to date: clear dead task rows, run the sweep if due."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from renda.casework.tasks import reap_stale
from renda.core import periodic


class Command(BaseCommand):
    help = (
        "Mark task rows left RUNNING by a dead worker as failed and run today's casework "
        "sweep if it has not succeeded yet (the schedule itself is `manage.py run_periodic`)."
    )

    def handle(self, *args, **options):
        reaped = reap_stale()
        outcomes = periodic.run_due(only="casework.daily_sweep")
        outcome, detail = outcomes.get("casework.daily_sweep", outcomes.get("*", ("?", "")))
        self.stdout.write(f"stale task rows cleared: {reaped}; casework sweep: {outcome} {detail}")
