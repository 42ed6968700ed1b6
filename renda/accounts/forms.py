from __future__ import annotations

import copy

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from . import challenge


class ChallengeInput(forms.TextInput):
    """The answer field with its picture above it; the picture links to a new one."""

    def render(self, name, value, attrs=None, renderer=None):
        from django.urls import reverse
        from django.utils.html import format_html

        picture = format_html(
            '<a class="challenge-picture" href="{}?challenge=new" title="{}">'
            '<img src="{}" width="200" height="64" alt="{}"></a>',
            reverse("accounts:login"),
            _("换一张"),
            reverse("accounts:login_challenge"),
            _("验证码图片：五个字母或数字"),
        )
        return picture + super().render(name, value, attrs, renderer)


class LoginForm(AuthenticationForm):
    #: One refusal for every reason tied to an account (unknown name, wrong password,
    #: inactive, held after repeated failures), so the answer never tells which.
    error_messages = {
        "invalid_login": _(
            "用户名或密码不正确，或登录尝试过于频繁。请核对后再试；多次失败后请稍候一分钟再登录。"
        ),
        "inactive": _(
            "用户名或密码不正确，或登录尝试过于频繁。请核对后再试；多次失败后请稍候一分钟再登录。"
        ),
        "throttled": _("本网络地址登录失败次数过多，请在 {minutes} 分钟后再试。"),
    }

    challenge = forms.CharField(
        label=_("验证码"),
        required=False,
        max_length=12,
        help_text=_("请输入图中的五个字符，不区分大小写；看不清可点图片换一张。"),
        widget=ChallengeInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        # Shown after any failed login in this session (renda.accounts.challenge).
        if request is None or not challenge.pending(request):
            del self.fields["challenge"]

    def ask_challenge(self) -> None:
        """Show the (new) challenge when the form is shown again, its answer field empty."""
        if "challenge" not in self.fields:
            self.fields["challenge"] = copy.deepcopy(self.base_fields["challenge"])
        if self.is_bound:
            self.data = self.data.copy()
            self.data[self.add_prefix("challenge")] = ""

    @property
    def challenge_needed(self) -> bool:
        return "challenge" in self.fields

    def clean(self):
        if self.request is not None and self.challenge_needed:
            given = self.data.get(self.add_prefix("challenge"), "")
            # Read by the backend: a held account signs in only with the challenge answered.
            self.request.renda_challenge_passed = challenge.answer(self.request, given)
        try:
            return super().clean()
        except forms.ValidationError:
            seconds = getattr(self.request, "renda_login_throttled", None)
            if seconds:
                minutes = max(1, (int(seconds) + 59) // 60)
                raise forms.ValidationError(
                    self.error_messages["throttled"].format(minutes=minutes), code="throttled"
                ) from None
            raise

    @property
    def throttled(self) -> bool:
        return bool(getattr(self.request, "renda_login_throttled", None))


class TokenForm(forms.Form):
    label = forms.CharField(label=_("用途"), max_length=60)
