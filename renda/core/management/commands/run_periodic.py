"""Run the periodic jobs that are due (called every few minutes by the timer and ``make run``)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from renda.core import periodic


class Command(BaseCommand):
    help = "Run every periodic job that is due now; failed jobs are retried on the next run."

    def add_arguments(self, parser):
        parser.add_argument("--job", help="run only this job")
        parser.add_argument("--force", action="store_true", help="run even if not due")
        parser.add_argument("--dry-run", action="store_true", help="only list what is due")
        parser.add_argument(
            "--loop", type=int, default=0, metavar="SECONDS", help="repeat every SECONDS"
        )

    def handle(self, *args, **options):
        names = {job.name for job in periodic.jobs()}
        if options["job"] and options["job"] not in names:
            raise CommandError(f"unknown job {options['job']!r}; known: {', '.join(sorted(names))}")
        if options["dry_run"]:
            for name, due in sorted(periodic.due_report().items()):
                self.stdout.write(f"{name}: {'due' if due else 'not due'}")
            return
        while True:
            self._tick(options)
            if not options["loop"]:
                return
            time.sleep(options["loop"])
            close_old_connections()  # a long-running loop must not keep a broken connection

    def _tick(self, options) -> None:
        outcomes = periodic.run_due(only=options["job"], force=options["force"])
        for name, (outcome, detail) in sorted(outcomes.items()):
            if outcome != "not_due":
                self.stdout.write(f"{name}: {outcome} {detail if detail is not None else ''}")
        if any(outcome == "failed" for outcome, _ in outcomes.values()) and not options["loop"]:
            raise CommandError("a periodic job failed; it will be retried on the next run")
