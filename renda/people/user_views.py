"""The administrator's account pages in the office: the list, a new account, and one account
with its role, body, status and password."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.accounts import management_services as ms
from renda.accounts.models import Role, User
from renda.core.errors import DomainError
from renda.core.views import add_domain_error, paginate, permission_required

from .user_forms import PasswordResetForm, UserCreateForm, UserFieldsForm

MANAGE = ms.MANAGE_USERS


@permission_required(MANAGE)
def user_list(request):
    qs = User.objects.select_related("person", "scope").order_by("-is_active", "role", "pk")
    q = request.GET.get("q", "").strip()
    role = request.GET.get("role", "")
    if q:
        qs = qs.filter(
            Q(display_name__icontains=q) | Q(person__name__icontains=q) | Q(username__iexact=q)
        )
    if role in Role.values:
        qs = qs.filter(role=role)
    context = paginate(request, qs)
    return render(
        request,
        "accounts/user_list.html",
        {**context, "q": q, "role": role, "roles": Role.choices},
    )


@permission_required(MANAGE)
def user_create(request):
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            user = ms.user_create(
                actor=request.user,
                username=d["username"],
                password=d["password"],
                role=d["role"],
                person=d["person"],
                scope=d["scope"],
                display_name=d["display_name"],
            )
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, _("已建立账户：{name}。").format(name=user.name))
            return redirect("users:detail", pk=user.pk)
    return render(request, "accounts/user_form.html", {"form": form})


def _detail(request, user, *, form=None, reset_form=None, status=200):
    form = form or UserFieldsForm(
        initial={
            "display_name": user.display_name,
            "role": user.role,
            "person": user.person_id,
            "scope": user.scope_id,
        }
    )
    return render(
        request,
        "accounts/user_detail.html",
        {
            "account": user,
            "form": form,
            "reset_form": reset_form or PasswordResetForm(),
            "is_self": user.pk == request.user.pk,
            "tokens": user.api_tokens.filter(revoked_at__isnull=True).count(),
        },
        status=status,
    )


@permission_required(MANAGE)
def user_detail(request, pk: int):
    user = get_object_or_404(User.objects.select_related("person", "scope"), pk=pk)
    if request.method != "POST":
        return _detail(request, user)
    form = UserFieldsForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            ms.user_update(
                actor=request.user,
                user=user,
                role=d["role"],
                person=d["person"],
                scope=d["scope"],
                display_name=d["display_name"],
            )
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
            user.refresh_from_db()
        else:
            messages.success(request, _("已保存。"))
            return redirect("users:detail", pk=user.pk)
    return _detail(request, user, form=form, status=400)


@require_POST
@permission_required(MANAGE)
def user_status(request, pk: int):
    user = get_object_or_404(User, pk=pk)
    act = ms.user_reactivate if request.POST.get("active") == "1" else ms.user_deactivate
    try:
        act(actor=request.user, user=user)
    except DomainError as error:
        messages.error(request, error.message_in(request.LANGUAGE_CODE))
    else:
        messages.success(
            request,
            _("账户已恢复。")
            if user.is_active
            else _("账户已停用：其登录、表决终端和接口令牌即时失效。"),
        )
    return redirect("users:detail", pk=user.pk)


@require_POST
@permission_required(MANAGE)
def user_password_reset(request, pk: int):
    user = get_object_or_404(User.objects.select_related("person", "scope"), pk=pk)
    reset_form = PasswordResetForm(request.POST)
    if reset_form.is_valid():
        try:
            ms.user_password_reset(
                actor=request.user, user=user, password=reset_form.cleaned_data["password"]
            )
        except DomainError as error:
            add_domain_error(reset_form, error, request.LANGUAGE_CODE)
        else:
            messages.success(
                request, _("密码已重设：原有登录、表决终端和接口令牌均已失效。请告知本人新密码。")
            )
            return redirect("users:detail", pk=user.pk)
    return _detail(request, user, reset_form=reset_form, status=400)
