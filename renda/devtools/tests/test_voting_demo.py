"""The demo meetings vote for real: every 'voted' item has a sealed poll that verifies."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from renda.devtools import demo_data as D
from renda.devtools.seeding import seed_demo
from renda.meetings.models import AgendaItem
from renda.voting.models import Poll
from renda.voting.selectors import poll_export


@pytest.fixture
def seeded(db):
    return seed_demo(seed=D.DEFAULT_SEED)


def test_every_voted_item_has_an_announced_sealed_poll(seeded):
    voted = AgendaItem.objects.filter(disposition=AgendaItem.Disposition.VOTED)
    assert voted.count() >= 10
    for item in voted:
        polls = list(item.polls.all())
        assert len(polls) == 1, item
        poll = polls[0]
        assert poll.status == Poll.Status.SEALED and poll.announced_at is not None
        assert 0 < poll.received <= poll.base_count
        assert poll.seal.tally["result"] in ("passed", "failed")


def test_a_demo_poll_export_passes_the_stand_alone_verifier(seeded, tmp_path):
    poll = Poll.objects.filter(kind=Poll.Kind.APPOINTMENT).first()
    path = tmp_path / "export.json"
    path.write_text(json.dumps(poll_export(poll), ensure_ascii=False, default=str))
    result = subprocess.run(
        [sys.executable, "-m", "renda_verify", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().startswith("OK")
