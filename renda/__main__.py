"""Operator entry point: ``renda <command>`` wraps ``manage.py``."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["renda", *sys.argv[1:]])


if __name__ == "__main__":
    main()
