"""Forms of the voters' channel: the public letter, the tracking code, the handling steps.

They parse input; the actions re-check every rule.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from renda.core.forms import char_field, choice_field, model_choice_field
from renda.people.models import Organization

from .models import VoterMessage


class WriteForm(forms.Form):
    """A citizen's letter to a deputy or a station (the addressee is in the URL)."""

    subject = char_field(_("标题"), 80, required=True, help_text=_("一句话说明反映什么，如小区路灯长期不亮。"))  # fmt: skip
    body = char_field(
        _("内容"),
        3000,
        required=True,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "写清时间、地点和情况，至少10个字，最多3000字。请不要写身份证号等个人敏感信息。"
        ),
    )
    area = char_field(_("所在街道或社区"), 60, help_text=_("可不填，便于代表了解情况。"))
    writer_name = char_field(_("姓名"), 40, help_text=_("可不填；填写后只有收信代表和人大工作人员能看到，不会公开。"))  # fmt: skip
    contact = char_field(
        _("联系方式"),
        100,
        help_text=_(
            "电话或电子邮箱，可不填；只用于代表联系您，不会公开。不填也可以凭查询码查看答复。"
        ),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    consent_publish = forms.BooleanField(
        label=_("同意在人大网站公开来信和答复"),
        required=False,
        help_text=_(
            "公开前由人大工作人员审核，去掉姓名、电话、住址等个人信息；不同意也会照常办理。"
        ),
    )


class TrackForm(forms.Form):
    code = char_field(
        _("查询码"),
        20,
        required=True,
        help_text=_("写信后显示的12位查询码，如 ABCD-2345-WXYZ。"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class AnswerForm(forms.Form):
    answer = char_field(
        _("答复"),
        5000,
        required=True,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("写信人凭查询码可以看到；同意公开的，经人大工作人员审核后公开。最多5000字。"),
    )


class ForwardForm(forms.Form):
    unit = model_choice_field(_("转交单位"), None, required=True)
    note = char_field(
        _("转交说明"),
        2000,
        required=True,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("写信人可以看到转交的单位；转交后请跟踪办理，再答复写信人。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Organization.objects.filter(
            kind__in=Organization.HANDLING_UNIT_KINDS
        ).order_by("sort_order", "name")


class SuggestForm(forms.Form):
    title = char_field(_("建议标题"), 200, required=True)
    content = char_field(
        _("建议内容"),
        20000,
        required=True,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("保存为您的建议草稿，可以继续修改、邀请附议后再提交；来信与建议相互关联。"),
    )


class PublishForm(forms.Form):
    public_body = char_field(
        _("公开的内容"),
        3000,
        required=True,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("去掉姓名、电话、门牌号等个人信息后公开。"),
    )
    public_answer = char_field(
        _("公开的答复"), 5000, required=True, widget=forms.Textarea(attrs={"rows": 5})
    )


class MessageReasonForm(forms.Form):
    reason = char_field(_("理由"), 200, required=True, help_text=_("写信人凭查询码可以看到，最多200字。"))  # fmt: skip


class UnpublishForm(forms.Form):
    reason = char_field(_("理由"), 200, required=True, help_text=_("记入审计日志，最多200字。"))


class MessageFilterForm(forms.Form):
    status = choice_field(_("状态"), VoterMessage.Status.choices, required=False, blank=_("全部"))
    to_publish = forms.BooleanField(label=_("待审核公开"), required=False)
