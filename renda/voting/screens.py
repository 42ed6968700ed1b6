"""The chamber screens: big screen (大屏), voter terminal and chair console.

These are ordinary Django pages (session-authenticated); what changes live comes
from the SSE streams in :mod:`renda.voting.streams`, and a terminal casts through
the lean route in :mod:`renda.voting.fastpath` with the signed voter token that
:func:`terminal` embeds. The chair's actions call the voting services and publish
the poll's new state after they commit.

The console's buttons and what its action endpoint performs come from the declared
actions (:data:`renda.voting.services.CONSOLE`): the statuses each is offered in are
its declared sources, and the script that keeps the buttons live reads them too.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renda.core.actions import available
from renda.core.errors import DomainError
from renda.core.pages import perform
from renda.meetings.models import Meeting
from renda.meetings.selectors import entitled_persons

from .fastpath import grant_terminal
from .models import Poll
from .presentation import OPTION_LABELS, RESULT_LABELS
from .services import CONSOLE
from .streams import current_poll, poll_public_state, screen_token
from .workflow import DONE_IN, OFFERED_UNLESS


def _labels() -> dict[str, str]:
    """Every word the screens' script shows, in the page's language."""
    return {
        **OPTION_LABELS,
        **RESULT_LABELS,
        "elected": _("当选"),
        "status_none": _("暂无表决事项"),
        "status_draft": _("待开始"),
        "status_open": _("表决中"),
        "status_paused": _("已暂停"),
        "status_closed": _("已截止"),
        "status_sealed": _("已封存"),
        "status_annulled": _("已作废"),
        "confirm": _("确认"),
        "back": _("返回修改"),
        "confirm_prompt": _("请确认您的选择："),
        "recorded": _("已记录"),
        "receipt": _("回执"),
        "sending": _("正在提交……"),
        "retry": _("网络中断，请重试。"),
        "waiting": _("请等待表决开始"),
        "closed_wait": _("表决已截止，请等待结果"),
        "tick_up_to": _("最多可选 {n} 人"),
        "submit_ticks": _("提交选票"),
        "voted_no_receipt": _("您已投票。"),
        "connecting": _("正在连接……"),
        "connection_lost": _("连接中断，正在重新连接……"),
        "announced": _("已宣布"),
        "write_in": _("另选他人"),
        "write_in_add": _("添加"),
        "write_in_remove": _("移除"),
        "selected_n": _("已选 {n} 人，应选 {seats} 人"),
        "over_seats": _("所选人数超过应选名额，本票将作为废票。"),
        "over_seats_encrypted": _("所选人数超过应选名额，请减少后再提交。"),
        "encrypting": _("正在本终端加密选票……"),
        "decrypting": _("等待监票人解密"),
        "encrypted_note": _("选票在本终端加密后提交，只有监票人共同解密才能得出计票结果。"),
        "operator_note": _("本次表决未加密：服务器运维人员可读取选票内容。"),
    }


def _require(request, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


def _stream_url(meeting_id: int) -> str:
    return f"/live/meetings/{meeting_id}/?t={screen_token(meeting_id=meeting_id)}"


@login_required
def big_screen(request, meeting_id: int):
    """The chamber's big screen: the current poll, received n of N, then the sealed result."""
    _require(request, "voting.view")
    meeting = get_object_or_404(Meeting, pk=meeting_id)
    return render(
        request,
        "voting/big_screen.html",
        {
            "meeting": meeting,
            "stream_url": _stream_url(meeting.pk),
            "labels": _labels(),
        },
    )


def _session_key(request) -> str:
    if not request.session.session_key:
        request.session.save()
    return request.session.session_key


@login_required
def terminal(request, meeting_id: int):
    """A member's voting terminal; it can cast only for the signed-in member."""
    _require(request, "voting.cast")
    if not request.user.person_id:
        raise PermissionDenied  # an account without a person (e.g. an administrator) never votes
    meeting = get_object_or_404(Meeting, pk=meeting_id)
    person_id = request.user.person_id
    on_roll = entitled_persons(meeting).filter(pk=person_id).exists()
    context = {"meeting": meeting, "on_roll": on_roll, "labels": _labels()}
    if on_roll:
        context.update(
            {
                "voter_token": grant_terminal(
                    user=request.user,
                    meeting_id=meeting.pk,
                    session_key=_session_key(request),
                ),
                "stream_url": _stream_url(meeting.pk),
                # 另选他人: any member of the body may be written in on an election ballot.
                "write_in_persons": [
                    {"id": pk, "name": name}
                    for pk, name in entitled_persons(meeting)
                    .order_by("name", "pk")
                    .values_list("pk", "name")
                ],
            }
        )
    response = render(request, "voting/terminal.html", context)
    response.headers["Cache-Control"] = "no-store"
    return response


@login_required
def console(request, poll_id: int):
    """The chair's console: the poll's state and only the actions valid now."""
    _require(request, "voting.chair")
    poll = get_object_or_404(
        Poll.objects.select_related("agenda_item__meeting", "nominee"), pk=poll_id
    )
    meeting = poll.agenda_item.meeting
    state = poll_public_state(poll)
    return render(
        request,
        "voting/console.html",
        {
            "poll": poll,
            "meeting": meeting,
            "state": state,
            "valid": valid_actions(state, available(request.user, poll, CONSOLE.values())),
            "offers": offers(),
            "stream_url": f"/live/polls/{poll.pk}/?t={screen_token(meeting_id=meeting.pk)}",
            "labels": _labels(),
            "polls": Poll.objects.filter(agenda_item__meeting=meeting).order_by(
                "agenda_item__order", "id"
            ),
            "current": current_poll(meeting.pk),
        },
    )


def offers() -> dict[str, dict]:
    """For each console action, from its declaration: the statuses in which it is offered, and
    the field of the poll's public state that withdraws it once true (read by the script too)."""
    return {
        verb: {
            "statuses": sorted(act.sources - DONE_IN.get(verb, frozenset())),
            "unless": OFFERED_UNLESS.get(verb, ""),
        }
        for verb, act in CONSOLE.items()
    }


def valid_actions(state: dict, allowed: frozenset[str] | None = None) -> set[str]:
    """The chair actions the poll's public state allows (the console shows only these enabled);
    ``allowed``: the verbs the user may take now (:func:`renda.core.actions.available`)."""
    status = state.get("status")
    valid = {
        verb
        for verb, offer in offers().items()
        if status in offer["statuses"] and not (offer["unless"] and state.get(offer["unless"]))
    }
    return valid if allowed is None else valid & set(allowed)


def _inputs(request, verb: str, poll: Poll) -> dict:
    """The console form's fields for ``verb``, as the action's keyword arguments."""
    if verb in ("pause", "annul"):
        return {"reason": request.POST.get("reason", "")}
    if verb == "extend":
        minutes = _minutes(request.POST.get("minutes", ""))
        base = max(timezone.now(), poll.closes_at) if poll.closes_at else timezone.now()
        return {"closes_at": base + dt.timedelta(minutes=minutes)}
    if verb == "manual":
        return {"method": request.POST.get("method") or Poll.Method.SHOW_OF_HANDS}
    return {}


@login_required
@require_POST
def poll_action(request, poll_id: int):
    """Run one chair action on a poll; the action publishes its new state to every screen."""
    poll = get_object_or_404(Poll, pk=poll_id)
    if not any(act.permits(request.user, poll) for act in CONSOLE.values()):
        raise PermissionDenied
    act = CONSOLE.get(request.POST.get("action", ""))
    back = redirect(reverse("voting_screens:console", kwargs={"poll_id": poll.pk}))
    if act is None:
        messages.error(request, _("无效的操作。"))
        return back
    if not act.permits(request.user, poll):
        raise PermissionDenied
    try:
        kwargs = _inputs(request, act.verb, poll)
    except DomainError as error:
        messages.error(request, error.message_in(request.LANGUAGE_CODE))
        return back
    # The action has published the poll's new state to the screens on commit.
    perform(request, act, success=_("操作已完成。"), poll=poll, **kwargs)
    return back


def _minutes(value: str) -> int:
    try:
        minutes = int(value)
    except ValueError:
        minutes = 0
    if not 1 <= minutes <= 120:
        raise DomainError("invalid_minutes", _("延长时间应为 1 至 120 分钟。"), field="minutes")
    return minutes
