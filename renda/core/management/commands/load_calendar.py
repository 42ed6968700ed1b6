"""Copy PRC holidays and make-up working days from the chinese-calendar package."""

from django.core.management.base import BaseCommand

from renda.core.workdays import load_package_calendar


class Command(BaseCommand):
    help = "Load public holidays and 调休 make-up days into the working-day calendar."

    def add_arguments(self, parser):
        parser.add_argument(
            "--overwrite-manual",
            action="store_true",
            help="Also replace days that staff corrected by hand.",
        )

    def handle(self, *args, **options):
        created = load_package_calendar(overwrite_manual=options["overwrite_manual"])
        self.stdout.write(f"Calendar loaded: {created} new days.")
