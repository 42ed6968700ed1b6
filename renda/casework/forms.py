"""Input parsing of the case pages; every rule stays in the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from renda.accounts.models import Role, User
from renda.core.forms import KeepsUploads
from renda.core.views import DateInput, field_messages
from renda.people.models import Organization

from .models import Case, CaseKind, Contact, Rating


def _text(label, *, required=True, max_length=5000, rows=3):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages=field_messages(label),
    )


class CaseFilterForm(forms.Form):
    DUE = (
        ("", _("全部")),
        ("soon7", _("7天内到期")),
        ("soon30", _("30天内到期")),
        ("overdue", _("已逾期")),
        ("nocontact", _("未按期联系")),
    )

    q = forms.CharField(label=_("关键词"), required=False, max_length=100)
    kind = forms.ModelChoiceField(
        label=_("类型"), queryset=CaseKind.objects.all(), required=False, empty_label=_("全部")
    )
    status = forms.ChoiceField(
        label=_("状态"), required=False, choices=[("", _("全部")), *Case.Status.choices]
    )
    due = forms.ChoiceField(label=_("期限"), required=False, choices=DUE)


class AssignForm(forms.Form):
    lead = forms.ModelChoiceField(
        label=_("主办单位"),
        queryset=Organization.objects.none(),
        error_messages=field_messages(_("主办单位")),
    )
    co_handlers = forms.ModelMultipleChoiceField(
        label=_("协办单位"),
        queryset=Organization.objects.none(),
        required=False,
        # Ticks in a searchable list, each visible: never a Ctrl-click list whose
        # pre-selected entries nobody sees.
        widget=forms.CheckboxSelectMultiple,
        help_text=_("可不选；勾选的单位须在协办期限内向主办单位提交意见（规则1.9）。"),
        error_messages=field_messages(_("协办单位")),
    )

    def __init__(self, *args, case=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = Organization.objects.filter(kind__in=Organization.HANDLING_UNIT_KINDS).order_by(
            "name"
        )
        self.fields["lead"].queryset = units
        self.fields["co_handlers"].queryset = units
        self.fields["co_handlers"].filterable = True


class ReasonForm(forms.Form):
    reason = _text(_("理由"), max_length=2000)

    def __init__(self, *args, case=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)


class EmptyForm(forms.Form):
    def __init__(self, *args, case=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)


class CoOpinionForm(EmptyForm):
    opinion = _text(_("协办意见"))


class ContactForm(EmptyForm):
    contacted_on = forms.DateField(
        label=_("联系日期"), widget=DateInput(), error_messages=field_messages(_("联系日期"))
    )
    method = forms.ChoiceField(
        label=_("联系方式"),
        choices=Contact.Method.choices,
        error_messages=field_messages(_("联系方式")),
    )
    note = _text(_("沟通情况"))


class ReplyForm(KeepsUploads, forms.Form):
    text = _text(_("答复内容"), max_length=20000, rows=8)
    result_class = forms.ChoiceField(
        label=_("办理结果分类"), choices=(), error_messages=field_messages(_("办理结果分类"))
    )
    signed_by_name = forms.CharField(
        label=_("签发负责人"), max_length=60, error_messages=field_messages(_("签发负责人"))
    )
    publishable = forms.BooleanField(label=_("答复可以公开"), required=False)
    withhold_reason = _text(_("不公开理由"), required=False, max_length=2000, rows=2)
    attachment = forms.FileField(
        label=_("答复函"), required=False, error_messages=field_messages(_("答复函"))
    )

    def __init__(self, *args, case=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if case is not None:
            self.fields["result_class"].choices = case.kind.result_choices()
            self.fields["publishable"].initial = case.kind.publish_default


class RatingForm(forms.Form):
    value = forms.ChoiceField(
        label=_("评价"),
        choices=Rating.Value.choices,
        widget=forms.RadioSelect,
        error_messages=field_messages(_("评价")),
    )
    comment = _text(_("意见"), required=False)
    requester = forms.TypedChoiceField(
        label=_("评价人"),
        required=False,
        coerce=int,
        choices=(),
        error_messages=field_messages(_("评价人")),
    )

    def __init__(self, *args, case=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if (
            case is None
            or user is None
            or (user.person_id and case.requester_rows.filter(person_id=user.person_id).exists())
        ):
            del self.fields["requester"]
        else:
            self.fields["requester"].choices = [
                (r.person_id, r.person.name) for r in case.requester_rows.select_related("person")
            ]


class VerifyForm(EmptyForm):
    OUTCOMES = (("rehandle", _("重新办理")), ("close", _("办结")))
    outcome = forms.ChoiceField(
        label=_("核实结果"),
        choices=OUTCOMES,
        widget=forms.RadioSelect,
        error_messages=field_messages(_("核实结果")),
    )
    finding = _text(_("核实情况"))


class KeyForm(forms.Form):
    leader = forms.ModelChoiceField(
        label=_("牵头督办领导"), queryset=User.objects.none(), required=False
    )
    committee = forms.ModelChoiceField(
        label=_("督办委员会"), queryset=Organization.objects.none(), required=False
    )

    def __init__(self, *args, case=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = User.objects.filter(
            role=Role.LEADER, is_active=True
        ).select_related("person")
        self.fields["leader"].label_from_instance = lambda u: u.name
        self.fields["committee"].queryset = Organization.objects.filter(
            kind__in=[Organization.Kind.SPECIAL_COMMITTEE, Organization.Kind.WORKING_BODY]
        ).order_by("name")


class NoteForm(EmptyForm):
    note = _text(_("督办意见"))


class DecideForm(forms.Form):
    decision = forms.ChoiceField(choices=(("approve", _("同意")), ("reject", _("不同意"))))
    note = forms.CharField(label=_("审批意见"), required=False, max_length=2000)


class MergeForm(forms.Form):
    """The case this one is merged into: typed or picked by its number, same kind, still open."""

    into = forms.CharField(
        label=_("并入事项编号"),
        max_length=120,
        error_messages=field_messages(_("并入事项编号")),
        help_text=_(
            "输入编号或标题查找，只能并入同一类型、尚未结束的事项；本事项的提出人将加入该事项。"
        ),
    )

    def __init__(self, *args, case=None, user=None, **kwargs):
        from . import selectors, workflow

        super().__init__(*args, **kwargs)
        self.case = case
        self.targets = (
            selectors.cases_visible_to(user)
            .filter(kind_id=case.kind_id)
            .exclude(pk=case.pk)
            .exclude(status__in=workflow.FINAL)
            .order_by("-id")
        )
        list_id = f"{self.prefix or 'merge'}-targets"
        self.fields["into"].widget = DatalistInput(
            options=[(f"#{c.pk} {c.title}"[:120]) for c in self.targets[:200]],
            attrs={"list": list_id, "autocomplete": "off"},
        )

    def clean_into(self):
        raw = self.cleaned_data["into"].strip().lstrip("#＃")
        digits = raw.split(" ", 1)[0]
        if not digits.isdigit():
            raise forms.ValidationError(_("请从列表中选择事项，或输入其编号。"), code="invalid")
        found = self.targets.filter(pk=int(digits)).first()
        if found is None:
            raise forms.ValidationError(
                _("找不到可并入的事项：须为同一类型、尚未结束的事项。"), code="unknown_reference"
            )
        return found


class DatalistInput(forms.TextInput):
    """A text input offering a searchable list of choices (the browser's own ``datalist``)."""

    def __init__(self, *, options, attrs=None):
        super().__init__(attrs)
        self.options = options

    def render(self, name, value, attrs=None, renderer=None):
        from django.utils.html import format_html, format_html_join

        field = super().render(name, value, attrs, renderer)
        items = format_html_join("", '<option value="{}">', ((o,) for o in self.options))
        return format_html('{}<datalist id="{}">{}</datalist>', field, self.attrs["list"], items)
