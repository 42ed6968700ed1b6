from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


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

    def clean(self):
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
