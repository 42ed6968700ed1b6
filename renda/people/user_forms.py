"""Forms of the administrator's account pages: input parsing only; rules stay in services."""

from __future__ import annotations

from django import forms
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from renda.accounts.models import Role
from renda.accounts.services import password_policy_text
from renda.core.views import field_messages

from .models import Organization, Person

#: What the configured validators require (never a second copy of their numbers), and how
#: to hand the password over.
PASSWORD_HELP = format_lazy(
    "{policy} {handover}",
    policy=lazy(password_policy_text, str)(),
    handover=_("请当面或电话告知本人，不要用电子邮件发送。"),
)


class PersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.name}（{obj.occupation or '—'}）"


class UserFieldsForm(forms.Form):
    display_name = forms.CharField(
        label=_("显示名称"),
        max_length=40,
        required=False,
        help_text=_("留空则显示对应人员的姓名；没有对应人员的账户（如系统管理员）请填写。"),
        error_messages=field_messages(_("显示名称")),
    )
    role = forms.ChoiceField(
        label=_("角色"), choices=Role.choices, error_messages=field_messages(_("角色"))
    )
    person = PersonField(
        label=_("对应人员"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_(
            "代表、常委会组成人员和承办单位工作人员须对应到人员名录中的本人；一人一个账户。"
        ),
    )
    scope = forms.ModelChoiceField(
        label=_("所属机构"),
        queryset=Organization.objects.none(),
        required=False,
        help_text=_("承办单位工作人员必填（只能看到本单位的事项）；机关工作人员可填所在工作机构。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.order_by("name", "pk")
        self.fields["scope"].queryset = Organization.objects.order_by("name", "pk")


class UserCreateForm(UserFieldsForm):
    username = forms.CharField(
        label=_("登录名"),
        max_length=150,
        help_text=_("只用于登录，不在页面上显示；字母、数字和 @.+-_，创建后不能修改。"),
        error_messages=field_messages(_("登录名")),
    )
    password = forms.CharField(
        label=_("初始密码"),
        widget=forms.PasswordInput(render_value=True),
        help_text=PASSWORD_HELP,
        error_messages=field_messages(_("初始密码")),
    )
    field_order = ["username", "display_name", "role", "person", "scope", "password"]


class PasswordResetForm(forms.Form):
    password = forms.CharField(
        label=_("新密码"),
        widget=forms.PasswordInput,
        help_text=PASSWORD_HELP,
        error_messages=field_messages(_("新密码")),
    )
