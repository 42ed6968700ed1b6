"""Load the demo city 清河市: a term, ~450 deputies, the SC, handling units, one user per role."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from renda.core.errors import DomainError
from renda.devtools import demo_data
from renda.devtools.seeding import demo_exists, seed_demo


class Command(BaseCommand):
    help = "Load the demo jurisdiction 清河市 (deterministic for a given --seed)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if a jurisdiction already exists (used by `make run`).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=demo_data.DEFAULT_SEED,
            help=f"Random seed; the same seed gives the same city (default {demo_data.DEFAULT_SEED}).",
        )

    def handle(self, *args, if_empty: bool = False, seed: int = demo_data.DEFAULT_SEED, **options):
        if demo_exists():
            if if_empty:
                self.stdout.write(
                    "已有行政区域，跳过演示数据。 A jurisdiction exists; demo data not loaded."
                )
                return
            raise CommandError(
                "数据库中已有行政区域，不能再载入演示数据。"
                " The database already has a jurisdiction; use a fresh database."
            )
        started = time.perf_counter()
        try:
            result = seed_demo(seed=seed)
        except DomainError as exc:
            raise CommandError(exc.message_in("zh-hans")) from exc
        elapsed = time.perf_counter() - started
        c = result.counts
        self.stdout.write(
            self.style.SUCCESS(
                f"已载入演示数据：{result.jurisdiction.name}，第{demo_data.TERM_NUMBER}届，"
                f"代表 {c['deputies']} 名（{c['delegations']} 个代表团），常委会组成人员 {c['standing_committee']} 名，"
                f"承办单位 {c['handling_units']} 个，用户 {c['users']} 个；用时 {elapsed:.1f} 秒（seed {seed}）。"
            )
        )
        self.stdout.write(
            f"Demo data loaded: {c['deputies']} deputies in {c['delegations']} delegations, "
            f"{c['standing_committee']} SC members, {c['handling_units']} handling units, "
            f"{c['users']} users in {elapsed:.1f} s (seed {seed})."
        )
