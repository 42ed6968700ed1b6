"""Forms of the people pages. They parse input; the services re-check every rule."""

from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from renda.core.forms import char_field as _char
from renda.core.forms import choice_field as _choice
from renda.core.forms import model_choice_field as _model_choice
from renda.core.views import DateInput, field_messages

from .models import Deputy, Organization, Person, Post, Term
from .workflow import DEPUTY_TRANSITIONS


class PersonChoiceField(forms.ModelChoiceField):
    """A choice of person shown by name, with the occupation when known (never a code)."""

    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.name}（{obj.occupation}）" if obj.occupation else obj.name


def _birth_year() -> forms.IntegerField:
    label = _("出生年份")
    messages = field_messages(label)
    messages["min_value"] = format_lazy(_("{label}不能早于{min}年。"), label=label, min=1900)
    messages["max_value"] = format_lazy(_("{label}不能晚于{max}年。"), label=label, max=2100)
    return forms.IntegerField(
        label=label, required=False, min_value=1900, max_value=2100, error_messages=messages
    )


def delegations():
    return Organization.objects.filter(kind=Organization.Kind.DELEGATION).order_by(
        "sort_order", "id"
    )


# -- Filters -------------------------------------------------------------------------------


class PersonFilterForm(forms.Form):
    SORTS = ("name", "-name", "birth_year", "-birth_year")

    q = forms.CharField(
        label=_("搜索"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("姓名、单位职务")}),
    )
    gender = _choice(_("性别"), Person.Gender.choices, required=False, blank=_("全部"))
    party = _choice(_("党派"), Person.Party.choices, required=False, blank=_("全部"))
    deputy = _choice(
        _("身份"), [("1", _("本届代表")), ("0", _("非本届代表"))], required=False, blank=_("全部")
    )
    delegation = _model_choice(_("代表团"), Organization.objects.none(), empty_label=_("全部"))
    sort = forms.ChoiceField(
        required=False, choices=[(s, s) for s in SORTS], widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegation"].queryset = delegations()


class DeputyFilterForm(forms.Form):
    q = forms.CharField(
        label=_("搜索"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("代表姓名")}),
    )
    term = _model_choice(_("届"), Term.objects.all(), empty_label=_("本届"))
    delegation = _model_choice(_("代表团"), Organization.objects.none(), empty_label=_("全部"))
    status = _choice(_("状态"), Deputy.Status.choices, required=False, blank=_("全部"))
    occupation_category = _choice(
        _("代表构成类别"), Deputy.Occupation.choices, required=False, blank=_("全部")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegation"].queryset = delegations()


class OrganizationFilterForm(forms.Form):
    q = forms.CharField(
        label=_("搜索"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("机构名称")}),
    )
    kind = _choice(_("类别"), Organization.Kind.choices, required=False, blank=_("全部"))


# -- Persons -------------------------------------------------------------------------------


class PersonForm(forms.Form):
    """The fields of a person, named as the service names them."""

    name = _char(_("姓名"), 40, required=True)
    name_en = _char(_("英文姓名或拼音"), 80)
    gender = _choice(_("性别"), Person.Gender.choices, blank="—")
    ethnicity = _char(_("民族"), 20, required=True, initial="汉族")
    birth_year = _birth_year()
    party = _choice(_("党派"), Person.Party.choices)
    education = _char(_("学历"), 30)
    occupation = _char(_("工作单位及职务"), 120)
    biography = _char(_("简历"), 4000, widget=forms.Textarea(attrs={"rows": 4}))
    phone = _char(_("联系电话"), 20, validators=Person._meta.get_field("phone").validators)
    email = forms.EmailField(
        label=_("电子邮箱"),
        required=False,
        max_length=254,
        error_messages={
            **field_messages(_("电子邮箱")),
            "invalid": _("请填写有效的电子邮箱地址。"),
        },
    )
    address = _char(_("通讯地址"), 200)

    CONTACT_FIELDS = ("phone", "email", "address")

    def __init__(self, *args, show_contact: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not show_contact:
            for name in self.CONTACT_FIELDS:
                del self.fields[name]

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


# -- Deputies ------------------------------------------------------------------------------


class DeputyCreateForm(forms.Form):
    """A new deputy: an existing person or a new one, the term, delegation and attributes."""

    existing_person = _model_choice(
        _("已有人员"), Person.objects.none(), empty_label=_("— 新建人员 —")
    )
    name = _char(_("姓名"), 40)
    gender = _choice(_("性别"), Person.Gender.choices, required=False, blank="—")
    ethnicity = _char(_("民族"), 20, initial="汉族")
    birth_year = _birth_year()
    party = _choice(_("党派"), Person.Party.choices, required=False)
    occupation = _char(_("工作单位及职务"), 120)
    term = _model_choice(_("届"), Term.objects.all(), required=True, empty_label=None)
    delegation = _model_choice(_("代表团"), Organization.objects.none())
    constituency = _char(_("选区"), 80)
    electing_unit = _char(_("原选举单位"), 80)
    occupation_category = _choice(_("代表构成类别"), Deputy.Occupation.choices)
    is_reelected = forms.BooleanField(label=_("连任代表"), required=False)
    elected_on = forms.DateField(
        label=_("当选日期"),
        required=False,
        widget=DateInput(),
        error_messages=field_messages(_("当选日期")),
    )

    PERSON_FIELDS = ("name", "gender", "ethnicity", "birth_year", "party", "occupation")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["existing_person"].queryset = Person.objects.order_by("name", "id")
        self.fields["existing_person"].label_from_instance = lambda p: (
            f"{p.name}（{p.birth_year or '—'}，#{p.pk}）"
        )
        self.fields["delegation"].queryset = delegations()
        self.fields["party"].initial = Person.Party.NONE
        self.fields["occupation_category"].initial = Deputy.Occupation.OTHER

    def clean(self):
        data = super().clean()
        if not data.get("existing_person"):
            if not data.get("name") and "name" not in self.errors:
                self.add_error("name", _("请填写姓名，或选择已有人员。"))
            if not data.get("gender") and "gender" not in self.errors:
                self.add_error("gender", _("请填写性别。"))
        return data

    def person_fields(self) -> dict:
        data = self.cleaned_data
        fields = {name: data.get(name) for name in self.PERSON_FIELDS}
        fields["ethnicity"] = fields["ethnicity"] or "汉族"
        fields["party"] = fields["party"] or Person.Party.NONE
        return fields

    def deputy_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "term": data["term"],
            "delegation": data.get("delegation"),
            "constituency": data.get("constituency", ""),
            "electing_unit": data.get("electing_unit", ""),
            "occupation_category": data["occupation_category"],
            "is_reelected": data.get("is_reelected", False),
            "elected_on": data.get("elected_on"),
        }


class DeputyStatusForm(forms.Form):
    status = _choice(_("新状态"), ())
    on = forms.DateField(
        label=_("变更日期"),
        required=False,
        widget=DateInput(),
        error_messages=field_messages(_("变更日期")),
    )
    reason = _char(_("原因"), 200)

    def __init__(self, *args, deputy: Deputy, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = DEPUTY_TRANSITIONS.get(deputy.status, frozenset())
        self.fields["status"].choices = [
            ("", "—"),
            *[(v, label) for v, label in Deputy.Status.choices if v in allowed],
        ]

    def clean(self):
        data = super().clean()
        status = data.get("status")
        if status and status != Deputy.Status.ACTIVE and not data.get("reason"):
            self.add_error("reason", _("请填写原因。"))
        return data


# -- Organizations -------------------------------------------------------------------------


class OrganizationForm(forms.Form):
    name = _char(_("名称"), 100, required=True)
    name_en = _char(_("英文名称"), 200)
    abbreviation = _char(_("简称"), 40)
    kind = _choice(_("类别"), Organization.Kind.choices, blank="—")
    parent = _model_choice(_("上级机构"), Organization.objects.none())
    code = forms.SlugField(
        label=_("代码"),
        max_length=60,
        allow_unicode=False,
        help_text=_("英文字母、数字、连字符，全平台唯一。"),
        error_messages={
            **field_messages(_("代码")),
            "invalid": _("代码只能包含英文字母、数字、连字符和下划线。"),
        },
    )
    description = _char(_("简介"), 4000, widget=forms.Textarea(attrs={"rows": 3}))
    founding_date = forms.DateField(
        label=_("成立日期"),
        required=False,
        widget=DateInput(),
        error_messages=field_messages(_("成立日期")),
    )
    dissolution_date = forms.DateField(
        label=_("撤销日期"),
        required=False,
        widget=DateInput(),
        error_messages=field_messages(_("撤销日期")),
    )
    is_public = forms.BooleanField(label=_("在公众网站显示"), required=False, initial=True)
    sort_order = forms.IntegerField(
        label=_("排序"),
        min_value=0,
        max_value=100000,
        initial=100,
        error_messages=field_messages(_("排序")),
    )

    def __init__(self, *args, instance: Organization | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Organization.objects.order_by("sort_order", "id")
        if instance is not None:
            parents = parents.exclude(pk=instance.pk)
        self.fields["parent"].queryset = parents

    def clean(self):
        data = super().clean()
        start, end = data.get("founding_date"), data.get("dissolution_date")
        if start and end and end < start:
            self.add_error("dissolution_date", _("撤销日期不能早于成立日期。"))
        return data


class MembershipForm(forms.Form):
    person = _model_choice(_("人员"), Person.objects.none(), required=True)
    post = _model_choice(_("职务"), Post.objects.none())
    role = _choice(_("角色"), Post.Role.choices)
    term = _model_choice(_("届"), Term.objects.all())
    start_date = forms.DateField(
        label=_("开始日期"), widget=DateInput(), error_messages=field_messages(_("开始日期"))
    )
    end_date = forms.DateField(
        label=_("结束日期"),
        required=False,
        widget=DateInput(),
        error_messages=field_messages(_("结束日期")),
    )
    is_full_time = forms.BooleanField(label=_("专职"), required=False)

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.order_by("name", "id")
        self.fields["person"].label_from_instance = lambda p: f"{p.name}（#{p.pk}）"
        self.fields["post"].queryset = Post.objects.filter(organization=organization)
        self.fields["post"].label_from_instance = lambda p: p.label
        self.fields["role"].initial = Post.Role.MEMBER

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("结束日期不能早于开始日期。"))
        return data


class PostForm(forms.Form):
    label = _char(_("职务名称"), max_length=60, required=True)
    role = _choice(_("职务类别"), Post.Role.choices)
    elected_or_appointed = forms.BooleanField(label=_("由选举或任命产生"), required=False)
    sort_order = forms.IntegerField(
        label=_("排序"),
        initial=100,
        min_value=0,
        max_value=10000,
        error_messages=field_messages(_("排序")),
    )


class TermForm(forms.Form):
    number = forms.IntegerField(
        label=_("届次"), min_value=1, max_value=100, error_messages=field_messages(_("届次"))
    )
    start_date = forms.DateField(
        label=_("起始日期"), widget=DateInput(), error_messages=field_messages(_("起始日期"))
    )
    end_date = forms.DateField(
        label=_("届满日期"),
        required=False,
        widget=DateInput(),
        error_messages=field_messages(_("届满日期")),
    )


class MembershipEndForm(forms.Form):
    end_date = forms.DateField(
        label=_("结束日期"), widget=DateInput(), error_messages=field_messages(_("结束日期"))
    )
    reason = _char(_("结束原因"), max_length=120)


__all__ = [
    "DeputyCreateForm",
    "DeputyFilterForm",
    "DeputyStatusForm",
    "MembershipEndForm",
    "MembershipForm",
    "OrganizationFilterForm",
    "OrganizationForm",
    "PersonFilterForm",
    "PersonForm",
    "PostForm",
    "TermForm",
]
