"""The compliance dashboard (by area, with a year selector), a page per rule, and the record
of the party committee's meetings (S1)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core.errors import DomainError
from renda.core.statute import param
from renda.core.views import add_domain_error, permission_required

from . import registry as r
from . import services
from .forms import PartyMeetingForm
from .models import PublishedRule
from .public import published_codes
from .rules import MANAGE, VIEW


def _year(request) -> int:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        return today.year
    return year if 2000 <= year <= today.year + 1 else today.year


@permission_required(VIEW)
def dashboard(request):
    year, today = _year(request), timezone.localdate()
    results = r.evaluate_all_reused(year, today)
    data = r.summary(results)
    unevaluable = [x for x in results if x.check.evaluate is None]
    return render(
        request, "compliance/dashboard.html",
        {"year": year, "today": today, "statuses": r.Status, "unevaluable": unevaluable,
         "published": published_codes(), **data},
    )  # fmt: skip


@permission_required(VIEW)
def rule_detail(request, code: str):
    if code not in r.REGISTRY:
        raise Http404
    year, today = _year(request), timezone.localdate()
    result = r.evaluate(code, year, today)
    history = [r.evaluate(code, y, today) for y in range(year - 1, year - 5, -1)] if result.check.evaluate else []  # fmt: skip
    shown = PublishedRule.objects.filter(code=code).first()
    return render(
        request, "compliance/rule.html",
        {"year": year, "result": result, "rule": result.check.rule, "area": r.AREAS[result.check.area],
         "history": [(year - 1 - i, h) for i, h in enumerate(history)], "shown": shown,
         "can_publish": request.user.has_perm(MANAGE) and result.check.evaluate is not None},
    )  # fmt: skip


@require_POST
@permission_required(MANAGE)
def rule_publish(request, code: str):
    """Show the rule's status on the public site, or take it off."""
    publish = request.POST.get("publish") == "1"
    try:
        services.rule_publish(actor=request.user, code=code, publish=publish)
    except DomainError as error:
        messages.error(request, error.message_in(request.LANGUAGE_CODE))
    else:
        messages.success(request, _("已在门户网站公开。") if publish else _("已取消公开。"))
    return redirect(f"{reverse('compliance:rule', args=[code])}?year={_year(request)}")


@permission_required(VIEW)
def report_docx(request):
    from django.http import HttpResponse

    from . import documents

    year = _year(request)
    body = documents.annual_report(year, timezone.localdate())
    response = HttpResponse(body, content_type=documents.DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="compliance-{year}.docx"'
    return response


def _party(request, year: int, form=None, status=200):
    from .models import PartyMeeting

    rows = list(PartyMeeting.objects.filter(held_on__year=year))
    return render(
        request, "compliance/party.html",
        {"year": year, "rows": rows, "can_manage": request.user.has_perm(MANAGE),
         "s1": r.evaluate("S1", year, timezone.localdate()), "form": form or PartyMeetingForm(auto_id="party_%s"),
         "per_term": param("party.conference_per_term"), "per_year": param("party.group_report_per_year")},
        status=status,
    )  # fmt: skip


@permission_required(VIEW)
def party(request):
    return _party(request, _year(request))


@require_POST
@permission_required(MANAGE)
def party_record(request):
    form = PartyMeetingForm(request.POST, auto_id="party_%s")
    if form.is_valid():
        try:
            meeting = services.party_meeting_record(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, _("已登记。"))
            return redirect(f"{reverse('compliance:party')}?year={meeting.held_on.year}")
    return _party(request, _year(request), form=form, status=400)
