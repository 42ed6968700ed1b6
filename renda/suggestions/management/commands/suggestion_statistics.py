"""``manage.py suggestion_statistics [--rebuild | --check]``: the statistics tallies by hand.

``--rebuild`` recounts every suggestion into new tallies (after a bulk load written around the
actions, instead of waiting for the next read to notice); ``--check`` recounts and compares,
rebuilding when they differ (what the daily periodic job does). Without an option it says
what the tallies reflect.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from renda.suggestions import tallies
from renda.suggestions.models import StatisticsState


class Command(BaseCommand):
    help = "Rebuild or check the suggestions' statistics tallies."

    def add_arguments(self, parser) -> None:
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--rebuild", action="store_true", help="recount into new tallies")
        group.add_argument("--check", action="store_true", help="compare with a full recount")

    def handle(self, *args, rebuild: bool = False, check: bool = False, **options) -> None:
        if rebuild:
            seconds = tallies.rebuild()
            self.stdout.write(f"rebuilt in {seconds:.1f} s")
        elif check:
            same = tallies.check()
            self.stdout.write("equal to a full recount" if same else "differed: rebuilt")
        state = StatisticsState.objects.filter(pk=1).first()
        current = state is not None and state.stamp == tallies.data_stamp()
        self.stdout.write(
            f"last rebuilt {state.rebuilt_at if state else 'never'}; "
            f"{'current' if current else 'out of date: the next read rebuilds them'}"
        )
