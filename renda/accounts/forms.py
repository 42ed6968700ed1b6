from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("用户名或密码不正确。连续失败多次后账户将被临时锁定。"),
        "inactive": _("该账户已停用。"),
        "locked": _("登录失败次数过多，账户已临时锁定，请稍后再试。"),
    }

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            if getattr(self.request, "renda_login_locked", False):
                raise forms.ValidationError(self.error_messages["locked"], code="locked") from None
            raise


class TokenForm(forms.Form):
    label = forms.CharField(label=_("用途"), max_length=60)
