"""Sign the audit chain head and append it to the anchor file outside the database."""

from django.core.management.base import BaseCommand

from renda.core.anchoring import anchor_now, latest_anchor


class Command(BaseCommand):
    help = "Anchor the audit chain head (no new line when the head has not moved)."

    def handle(self, *args, **options):
        anchor = anchor_now()
        if anchor is not None:
            self.stdout.write(f"anchored #{anchor.seq} {anchor.hash[:16]}… at {anchor.at}")
            return
        last = latest_anchor()
        if last is None:
            self.stdout.write("nothing to anchor: the audit chain is empty.")
        else:
            self.stdout.write(f"unchanged: head already anchored as #{last.seq} at {last.at}")
