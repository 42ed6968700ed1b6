from __future__ import annotations

from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from renda.core.errors import DomainError
from renda.core.pages import perform

from . import challenge, services
from .forms import LoginForm, TokenForm
from .models import ApiToken, User


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get(self, request, *args, **kwargs):
        if request.GET.get("challenge") == "new" and challenge.pending(request):
            challenge.issue(request)  # 换一张: the picture was hard to read
        return super().get(request, *args, **kwargs)

    def form_invalid(self, form):
        challenge.issue(self.request)  # after any failure, whatever its reason
        form.ask_challenge()
        response = super().form_invalid(form)
        if form.throttled:
            response.status_code = 429  # too many failures from this address
        return response


@sensitive_post_parameters()
@never_cache
@login_required
def password_change(request):
    """Change one's own password (the old one is checked by the form), through the action."""
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.password_change(
                actor=request.user,
                user=User.objects.get(pk=request.user.pk),
                old_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["new_password1"],
            )
        except DomainError as error:
            form.add_error(None, error.message_in(request.LANGUAGE_CODE))
        else:
            # Keep this session signed in with the new password's hash.
            update_session_auth_hash(request, user)
            return redirect("accounts:password_change_done")
    return render(request, "accounts/password_change.html", {"form": form})


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


@login_required
def tokens(request):
    """List the user's API tokens and issue a new one."""
    form = TokenForm(request.POST or None)
    new_secret = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_secret = services.api_token_issue(
                actor=request.user, label=form.cleaned_data["label"]
            )
        except DomainError as error:
            form.add_error(error.field or None, error.message_in(request.LANGUAGE_CODE))
        else:
            form = TokenForm()
    return render(
        request,
        "accounts/tokens.html",
        {
            "form": form,
            "new_secret": new_secret,
            "tokens": ApiToken.objects.filter(user=request.user).order_by("-created_at"),
        },
    )


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    perform(request, services.api_token_revoke, success=_("令牌已吊销。"), token=token)
    return redirect("accounts:tokens")


@never_cache
def login_challenge(request):
    """The login page's challenge as a picture (a new one when the session holds none)."""
    from django.http import HttpResponse

    return HttpResponse(challenge.picture(request), content_type="image/png")
