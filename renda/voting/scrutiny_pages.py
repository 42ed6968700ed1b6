"""The 监票人 pages: the office appoints a meeting's scrutineers; each scrutineer's device
page runs its part of the key ceremony and decrypts closed polls.

The device page is a plain page (session login); its script (``scrutineer.js``) keeps the
device secret in the browser's local storage and talks to the JSON endpoints here, each of
which performs one declared action of :mod:`renda.voting.services.scrutiny`. Nothing a
device sends is secret: a device key, a dealing with sealed shares, a verification key,
a proved partial decryption.
"""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from renda.core.errors import DomainError
from renda.core.views import add_domain_error, permission_required
from renda.meetings.models import Meeting
from renda.meetings.selectors import entitled_persons
from renda.people.models import Person

from .models import Poll, Scrutineer, ScrutinyKey
from .services import scrutiny as sv
from .streams import screen_token

# --------------------------------------------------------------------------- the office


class AppointForm(forms.Form):
    persons = forms.ModelMultipleChoiceField(
        label=_("监票人"),
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("最多 15 名；须是有可用账户的人员。按勾选顺序编号。"),
        error_messages={"required": _("请至少指定一名监票人。")},
    )
    threshold = forms.IntegerField(
        label=_("解密所需人数"),
        required=False,
        min_value=1,
        max_value=sv.MAX_SCRUTINEERS,
        help_text=_("不填则为监票人的过半数。少于此数的监票人合起来也无法解密任何选票。"),
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persons"].queryset = (
            entitled_persons(meeting).filter(user__is_active=True).order_by("name", "pk")
        )


@permission_required(sv.scrutiny_appoint.permission)
def scrutineers(request, meeting_id: int):
    """The meeting's scrutineers, where their ceremony stands, and appointing them."""
    meeting = get_object_or_404(Meeting, pk=meeting_id)
    key = ScrutinyKey.objects.filter(meeting=meeting).first()
    form = AppointForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            sv.scrutiny_appoint(
                actor=request.user,
                meeting=meeting,
                persons=[p.pk for p in form.cleaned_data["persons"]],
                threshold=form.cleaned_data.get("threshold"),
            )
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, _("已指定监票人。请各位监票人用本人设备打开监票页面。"))
            return redirect("voting:scrutineers", meeting_id=meeting.pk)
    in_use = Poll.objects.filter(agenda_item__meeting=meeting).exclude(crypto={}).exists()
    return render(
        request,
        "voting/scrutineers.html",
        {
            "meeting": meeting,
            "key": key,
            "rows": sv.rows(key) if key else [],
            "form": form,
            "in_use": in_use,
            "can_appoint": meeting.status != Meeting.Status.CLOSED and not in_use,
        },
    )


# --------------------------------------------------------------------------- the device


def _mine(request, meeting_id: int) -> tuple[ScrutinyKey, Scrutineer]:
    # Only the meeting's scrutineers have a device page; for anyone else it does not exist.
    key = ScrutinyKey.objects.filter(meeting_id=meeting_id).first()
    me = None
    if key is not None and request.user.has_perm(sv.SCRUTINISE):
        me = key.scrutineers.filter(person_id=request.user.person_id).first()
    if me is None:
        raise PermissionDenied
    return key, me


@login_required
def device(request, meeting_id: int):
    """A scrutineer's device page: the ceremony, then automatic decryption at each close."""
    meeting = get_object_or_404(Meeting, pk=meeting_id)
    key, me = _mine(request, meeting_id)
    response = render(
        request,
        "voting/scrutineer.html",
        {
            "meeting": meeting,
            "key": key,
            "me": me,
            "stream_url": f"/live/meetings/{meeting.pk}/?t={screen_token(meeting_id=meeting.pk)}",
            "labels": _device_labels(),
        },
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def _device_labels() -> dict[str, str]:
    return {
        "enrolling": str(_("等待全部监票人登记设备")),
        "dealing": str(_("正在生成密钥份额")),
        "confirming": str(_("请核验份额并授权解密")),
        "ready": str(_("密钥就绪。请保持本页打开：每次表决截止后，本设备自动解密计票。")),
        "failed": str(_("密钥生成失败")),
        "enrolled": str(_("已登记设备")),
        "dealt": str(_("已生成份额")),
        "confirmed": str(_("已核验")),
        "waiting": str(_("等待")),
        "other_device": str(
            _(
                "本设备不是登记的监票设备。请在登记的设备上打开本页；全部登记完成前可改用本设备重新登记。"
            )
        ),
        "decrypted": str(_("已解密：{title}")),
        "mixed": str(_("已混洗另选他人选票：{title}")),
        "decrypted_write_ins": str(_("已解密另选他人选票：{title}")),
        "error": str(_("操作未成功：")),
        "complaint": str(_("份额核验不通过，已报告。")),
    }


@login_required
@require_GET
def device_state(request, meeting_id: int):
    """What the device needs now (public values only), as JSON."""
    key, _me = _mine(request, meeting_id)
    data = sv.device_view(key, request.user.person_id)
    response = JsonResponse(data)
    response.headers["Cache-Control"] = "no-store"
    return response


def _body(request) -> dict:
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise DomainError("invalid_request", _("请求格式不正确。"))
    return data


def _answer(request, fn) -> JsonResponse:
    try:
        fn(_body(request))
    except DomainError as error:
        return JsonResponse(error.as_dict(), status=error.status)
    return JsonResponse({"ok": True})


@login_required
@require_POST
def device_enrol(request, meeting_id: int):
    _key, me = _mine(request, meeting_id)
    return _answer(
        request,
        lambda d: sv.scrutiny_enrol(
            actor=request.user, scrutineer=me, device_key=d.get("device_key")
        ),
    )


@login_required
@require_POST
def device_deal(request, meeting_id: int):
    _key, me = _mine(request, meeting_id)
    return _answer(
        request,
        lambda d: sv.scrutiny_deal(
            actor=request.user, scrutineer=me, dealing=d.get("dealing"), shares=d.get("shares")
        ),
    )


@login_required
@require_POST
def device_confirm(request, meeting_id: int):
    _key, me = _mine(request, meeting_id)
    return _answer(
        request,
        lambda d: sv.scrutiny_confirm(
            actor=request.user,
            scrutineer=me,
            verification_key=d.get("verification_key") or "",
            complaint=d.get("complaint"),
        ),
    )


@login_required
@require_POST
def device_decrypt(request, meeting_id: int):
    _mine(request, meeting_id)

    def run(d: dict) -> None:
        poll = Poll.objects.filter(pk=d.get("poll"), agenda_item__meeting_id=meeting_id).first()
        if poll is None:
            raise DomainError("invalid_poll", _("表决编号无效。"))
        sv.scrutiny_decrypt(
            actor=request.user, poll=poll, partial=d.get("partial"), stage=d.get("stage")
        )

    return _answer(request, run)


@login_required
@require_POST
def device_mix(request, meeting_id: int):
    """The device's turn in the shuffle of an election's write-ins."""
    _mine(request, meeting_id)

    def run(d: dict) -> None:
        poll = Poll.objects.filter(pk=d.get("poll"), agenda_item__meeting_id=meeting_id).first()
        if poll is None:
            raise DomainError("invalid_poll", _("表决编号无效。"))
        sv.scrutiny_mix(actor=request.user, poll=poll, mixed=d.get("mixed"))

    return _answer(request, run)
