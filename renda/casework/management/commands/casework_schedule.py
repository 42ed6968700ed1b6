"""Queue the daily casework sweep on the task worker: one run now, then one every night."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from renda.casework.tasks import casework_daily_sweep, schedule_next


class Command(BaseCommand):
    help = "Enqueue today's casework sweep and the nightly run that re-enqueues itself."

    def handle(self, *args, **options):
        casework_daily_sweep.enqueue(reschedule=False)
        queued = schedule_next()
        self.stdout.write(
            "casework sweep queued now" + ("; next run queued for 00:05" if queued else "")
        )
