"""An encrypted secret vote in a real Chromium: the office appoints three scrutineers, their
devices make the meeting's key in their own browsers, members vote on terminals that
encrypt, and at the close the devices decrypt by themselves; the big screen shows the
sealed result and the export verifies. No device secret and no plain choice ever reaches
the server."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import user_page as _context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_scrutineers_devices_key_terminals_encrypt_and_devices_decrypt_at_close(
    browser, asgi_server, term, users
):
    from playwright.sync_api import expect

    from renda.voting import selectors
    from renda.voting.models import Ballot, Poll, ScrutinyKey
    from renda.voting.services import poll_create
    from renda.voting.tests.conftest import build_body
    from renda_verify import verify

    body = build_body(term, 5, prefix="e")
    body.sign_in()
    staff = users["staff"]
    meeting = body.meeting
    errors: list[str] = []
    contexts = []

    def open_page(user, path, viewport=None):
        context, page = _context(browser, asgi_server, user, errors, viewport)
        contexts.append(context)
        page.goto(path)
        return page

    phone = {"width": 375, "height": 800}
    try:
        office = open_page(staff, f"/office/voting/meetings/{meeting.pk}/scrutineers/")
        expect(office.locator("h1")).to_have_text("监票人与投票加密")
        for voter in body.voters[:3]:
            office.get_by_label(voter.person.name, exact=True).check()
        office.get_by_role("button", name="指定", exact=True).click()
        expect(office.locator("#scrutiny-status")).to_have_text("等待登记设备")

        devices = [
            open_page(v, f"/chamber/meetings/{meeting.pk}/scrutineer/", phone)
            for v in body.voters[:3]
        ]
        for device in devices:
            device.get_by_role("button", name="登记本设备").click()
        for device in devices:
            confirm = device.get_by_role("button", name="核验份额并授权本次会议自动解密")
            expect(confirm).to_be_visible(timeout=15_000)
            confirm.click()
        for device in devices:
            expect(device.locator("main")).to_have_attribute("data-status", "ready", timeout=15_000)
        key = ScrutinyKey.objects.get(meeting=meeting)
        assert key.status == ScrutinyKey.Status.READY
        # The device secret stays in the browser: nothing stored on the server equals it.
        secret = devices[0].evaluate(
            "() => JSON.parse(Object.entries(localStorage).find(([k]) => k.startsWith('renda-scrutineer-'))[1]).secret"
        )
        assert re.fullmatch(r"[0-9a-f]{64}", secret)
        assert secret not in repr(list(key.scrutineers.values()))
        office.reload()
        expect(office.locator("#scrutiny-status")).to_have_text("密钥就绪")

        poll = poll_create(
            actor=staff, agenda_item=body.item, kind="decision", title="关于加密测试事项的决定"
        )
        console = open_page(staff, f"/chamber/polls/{poll.pk}/console/")
        big = open_page(
            staff, f"/chamber/meetings/{meeting.pk}/screen/", {"width": 1600, "height": 900}
        )
        terminals = [
            open_page(v, f"/chamber/meetings/{meeting.pk}/terminal/", phone) for v in body.voters
        ]
        console.locator("button[data-action=open]").click()
        expect(big.locator("main[data-screen=big]")).to_have_attribute("data-status", "open")
        assert Poll.objects.get(pk=poll.pk).is_encrypted
        for page, label in zip(terminals, ["赞成", "赞成", "反对", "弃权", "赞成"], strict=True):
            expect(page.locator("[data-field=secrecy_note]")).to_contain_text("加密")
            page.get_by_role("button", name=label, exact=True).click()
            page.get_by_role("button", name="确认", exact=True).click()
            expect(page.locator(".t-recorded")).to_have_text("已记录")
        expect(big.locator("[data-field=received]")).to_have_text("5")
        for stored in Ballot.objects.filter(poll=poll).values_list("choice", flat=True):
            assert set(stored) == {"choices", "sum_proof"}  # ciphertexts and proofs only
        console.locator("button[data-action=close]").click()
        # Nobody presses anything: the scrutineers' open devices decrypt and the seal follows.
        expect(big.locator("main[data-screen=big]")).to_have_attribute(
            "data-status", "sealed", timeout=15_000
        )
        counts = big.locator("[data-field=counts]").inner_text()
        assert re.search(r"3\s*赞成", counts) and re.search(r"1\s*反对", counts), counts
        assert re.search(r"1\s*弃权", counts), counts
        expect(devices[0].locator("[data-field=log]")).to_contain_text("关于加密测试事项的决定")
        sealed = Poll.objects.get(pk=poll.pk)
        verify(selectors.poll_export(sealed))
        assert no_sideways_scroll(devices[0]) and no_sideways_scroll(office)

        # An encrypted election with write-ins: two members write in the same person; the
        # devices decrypt the totals, shuffle the write-ins in turn, then open them.
        slate = [body.voters[3].person, body.voters[4].person]
        written = body.voters[0].person
        election = poll_create(
            actor=staff, agenda_item=body.item, kind="election", title="加密选举测试",
            seats=1, candidates=slate, secrecy="secret",
        )  # fmt: skip
        console.goto(f"/chamber/polls/{election.pk}/console/")
        console.locator("button[data-action=open]").click()
        expect(big.locator("main[data-screen=big]")).to_have_attribute("data-status", "open")
        plans = [written.name, written.name, slate[0].name, slate[1].name, None]
        for page, plan in zip(terminals, plans, strict=True):
            expect(page.locator(".t-tick").first).to_be_visible()
            if plan == written.name:
                page.locator("#t-writein-select").select_option(label=plan)
                page.get_by_role("button", name="添加", exact=True).click()
            elif plan:
                page.get_by_label(plan).check()
            page.get_by_role("button", name="提交选票", exact=True).click()
            page.get_by_role("button", name="确认", exact=True).click()
            expect(page.locator(".t-recorded")).to_have_text("已记录")
        stored = Ballot.objects.filter(poll=election).values_list("choice", flat=True)
        assert all(set(b) == {"choices", "sum_proof", "names"} for b in stored)
        console.locator("button[data-action=close]").click()
        expect(big.locator("main[data-screen=big]")).to_have_attribute(
            "data-status", "sealed", timeout=30_000
        )
        # Two of the devices (those that decrypted the totals first) took a turn each.
        logs = [d.locator("[data-field=log] li", has_text="已混洗另选他人选票") for d in devices]
        assert sum(log.count() for log in logs) == 2
        expect(devices[0].locator("[data-field=log]")).to_contain_text("已解密另选他人选票")
        # The big screen names the written-in person (never an id) beside the slate.
        expect(big.locator("[data-field=counts]")).to_contain_text(f"{written.name}（另选他人）")
        sealed = Poll.objects.get(pk=election.pk)
        votes = sealed.seal.tally["votes"]
        assert votes[str(written.pk)] == 2, votes
        assert [votes[str(p.pk)] for p in slate] == [1, 1]
        assert len(sealed.log.filter(kind="mix")) == 2  # t = 2 devices mixed
        export = selectors.poll_export(sealed)
        assert export["crypto"]["write_ins"]["trust"] == "shuffle"
        verify(export)
    finally:
        for context in contexts:
            context.close()
    assert not errors, f"JavaScript errors or CSP violations in the page: {errors}"


def no_sideways_scroll(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
