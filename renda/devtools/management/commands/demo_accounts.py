"""Print the demo accounts (one per role) and their passwords, if they exist."""

from __future__ import annotations

import unicodedata

from django.core.management.base import BaseCommand

from renda.accounts.models import User
from renda.devtools.demo_data import DEMO_ACCOUNTS

CHANGED = "（已修改 changed）"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


class Command(BaseCommand):
    help = "Print the demo accounts (username, role, password, what they can see)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-check",
            action="store_true",
            help="Do not check that each password is still the demo password (faster).",
        )

    def handle(self, *args, no_check: bool = False, **options):
        names = [account[0] for account in DEMO_ACCOUNTS]
        users = {
            u.username: u for u in User.objects.filter(username__in=names).select_related("person")
        }
        rows = []
        for username, role, zh, en, password, sees_zh, sees_en in DEMO_ACCOUNTS:
            user = users.get(username)
            if user is None or user.role != role or not user.is_active:
                continue
            # Only ever print a password that is still the published demo password.
            if not no_check and not user.check_password(password):
                password = CHANGED
            who = f"（{user.person.name}）" if user.person_id else ""
            rows.append((username, password, f"{zh}{who} {en}", (sees_zh, sees_en)))
        if not rows:
            self.stdout.write(
                "没有演示账户。 No demo accounts (load them with `manage.py seed_demo`)."
            )
            return
        header = ("用户名 user", "密码 password", "角色 role", "")
        widths = [max(_width(r[i]) for r in [header, *rows]) for i in range(2)]
        self.stdout.write("")
        self.stdout.write(
            "演示账户（仅供演示，请勿用于生产） Demo accounts, for demonstration only:"
        )
        self.stdout.write(
            "  " + "  ".join([_pad(header[0], widths[0]), _pad(header[1], widths[1]), header[2]])
        )
        for username, password, role, sees in rows:
            self.stdout.write(
                "  " + "  ".join([_pad(username, widths[0]), _pad(password, widths[1]), role])
            )
            indent = "  " + " " * (widths[0] + widths[1] + 4)
            self.stdout.write(f"{indent}↳ {sees[0]}")
            self.stdout.write(f"{indent}  {sees[1]}")
        self.stdout.write("登录 Sign in: /accounts/login/")
        self.stdout.write("")
