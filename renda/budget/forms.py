"""Forms of the budget pages. They parse input; the actions re-check every rule."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from renda.core.forms import KeepsUploads, char_field, choice_field, date_field, model_choice_field
from renda.core.views import field_messages
from renda.people.models import Organization
from renda.supervision.models import Report

from .models import (
    AuditFinding,
    Classification,
    DebtFigure,
    Department,
    Import,
    Mapping,
    Milestone,
    Publication,
)

WORKBOOK_HELP = _("Excel（xlsx），不超过 50 MB。")


def workbook_field(help_text=WORKBOOK_HELP):
    return forms.FileField(label=_("工作簿"), error_messages=field_messages(_("工作簿")), help_text=help_text)  # fmt: skip


def year_field(initial=None):
    return forms.IntegerField(
        label=_("年度"), min_value=2000, max_value=2100, initial=initial,
        error_messages=field_messages(_("年度")),
    )  # fmt: skip


class ImportForm(KeepsUploads, forms.Form):
    dataset = choice_field(_("数据类别"), Import.Dataset.choices)
    year = year_field()
    month = forms.TypedChoiceField(
        label=_("月份"), required=False, coerce=int, empty_value=None,
        choices=[("", "—")] + [(m, _("{m}月").format(m=m)) for m in range(1, 13)],
        help_text=_("月度执行数据填写截至的月份（累计数）；其他类别不填。"),
        error_messages=field_messages(_("月份")),
    )  # fmt: skip
    mapping = forms.ModelChoiceField(
        label=_("列对应"), queryset=Mapping.objects.all(), empty_label=None,
        error_messages=field_messages(_("列对应")),
        help_text=_("工作簿的表头与金额单位按所选列对应读取；版式不同时先在“导入列对应”中调整。"),
    )  # fmt: skip
    workbook = workbook_field()
    reason = char_field(_("更正原因"), 200, help_text=_("该期间已导入过时必填：新导入的数据作为更正版本，原版本留存。"))  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dataset"].controls_fields = True
        self.fields["month"].show_for = Import.Dataset.EXECUTION


class ClassificationImportForm(forms.Form):
    kind = choice_field(_("分类"), Classification.Kind.choices)
    year = year_field()
    workbook = workbook_field(_("第一行为“科目编码”“科目名称”两列；表中没有的现有科目从该年度起停用（不删除）。"))  # fmt: skip


class DepartmentForm(forms.Form):
    code = char_field(_("部门编码"), 20, required=True, help_text=_("与财政部门的部门编码一致。"))
    name = char_field(_("部门名称"), 100, required=True)
    organization = model_choice_field(
        _("对应单位"),
        Organization.objects.filter(kind__in=Organization.HANDLING_UNIT_KINDS).order_by(
            "name"
        ),  # fmt: skip
    )


class DepartmentEditForm(forms.Form):
    name = char_field(_("部门名称"), 100, required=True)
    organization = model_choice_field(
        _("对应单位"),
        Organization.objects.filter(kind__in=Organization.HANDLING_UNIT_KINDS).order_by(
            "name"
        ),  # fmt: skip
    )
    active = forms.BooleanField(label=_("在用"), required=False, initial=True)


class MappingForm(forms.Form):
    name = char_field(_("名称"), 60, required=True)
    header_row = forms.IntegerField(label=_("表头所在行"), min_value=1, max_value=50, initial=1, error_messages=field_messages(_("表头所在行")))  # fmt: skip
    department_code = char_field(_("部门编码列"), 40, required=True, initial="部门编码")
    department_name = char_field(_("部门名称列"), 40, initial="部门名称", help_text=_("有此列时，名录中没有的部门按其名称新增。"))  # fmt: skip
    functional_code = char_field(_("功能分类编码列"), 40, required=True, initial="功能分类科目编码")
    economic_code = char_field(_("经济分类编码列"), 40, initial="经济分类科目编码", help_text=_("没有经济分类时留空。"))  # fmt: skip
    amount = char_field(_("金额列"), 40, required=True, initial="金额")
    unit = choice_field(_("金额单位"), Mapping.Unit.choices)
    total_label = char_field(_("合计行标志"), 20, initial="合计", help_text=_("部门编码列为此文字的行是合计行，其金额须等于各行之和；没有合计行时留空。"))  # fmt: skip


def _meetings():
    from renda.meetings.models import Meeting

    return Meeting.objects.filter(kind__in=(Meeting.Kind.CONGRESS_SESSION, Meeting.Kind.SC_MEETING)).order_by("-starts_on")  # fmt: skip


class MilestonePlanForm(forms.Form):
    year = year_field()
    kind = choice_field(_("事项"), Milestone.Kind.choices)
    meeting = model_choice_field(_("审议会议"), _meetings())
    note = char_field(_("说明"), 300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = _meetings()
        self.fields["meeting"].help_text = _("预算草案安排在人民代表大会会议，其余在常委会会议；决算、上半年执行、审计工作报告须在6月至9月间。可以以后再定。")  # fmt: skip


class MilestoneScheduleForm(forms.Form):
    meeting = model_choice_field(_("审议会议"), _meetings(), required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = _meetings()


class MilestoneSubmitForm(forms.Form):
    submitted_on = date_field(_("收到文件日期"))
    document = char_field(_("文件名称"), 200, required=True)


class MilestoneHearForm(forms.Form):
    heard_on = date_field(_("审议日期"))


class MilestoneReportForm(forms.Form):
    report = model_choice_field(_("审议报告"), Report.objects.none(), required=True)

    def __init__(self, *args, milestone=None, **kwargs):
        from .services.calendar import report_candidates, suggested_report

        super().__init__(*args, **kwargs)
        field = self.fields["report"]
        field.queryset = report_candidates(milestone).select_related("meeting").order_by("-id") if milestone else Report.objects.none()  # fmt: skip
        field.label_from_instance = lambda r: (
            f"{r.title}（{r.meeting.title}）" if r.meeting_id else r.title
        )
        field.help_text = _("监督工作中为本次审议建立的报告：审议意见在该报告下整理、交办，并像其他审议意见一样通过案件办理跟踪办理和反馈。")  # fmt: skip
        if milestone and not self.is_bound:
            field.initial = suggested_report(milestone)


class PublicationRecordForm(forms.Form):
    year = year_field()
    kind = choice_field(_("公开事项"), Publication.Kind.choices)
    department = model_choice_field(
        _("预算部门"), Department.objects.filter(active=True).order_by("code")
    )
    approved_on = date_field(_("批准或批复日期"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].help_text = _("部门预算、部门决算须填写。")


class PublicationPublishForm(forms.Form):
    published_on = date_field(_("公开日期"))
    url = char_field(_("公开链接"), 300, help_text=_("以 http:// 或 https:// 开头。"))


class InquiryForm(forms.Form):
    question = forms.CharField(
        label=_("询问内容"), max_length=2000, widget=forms.Textarea(attrs={"rows": 5}),
        error_messages=field_messages(_("询问内容")),
        help_text=_("执行数据会附在询问后；答复单位在办理事项中答复，期限按“预算执行询问的答复期限”计算。"),
    )  # fmt: skip
    unit = model_choice_field(_("答复单位"), Organization.objects.filter(kind__in=Organization.HANDLING_UNIT_KINDS).order_by("name"), required=True)  # fmt: skip


class FindingForm(forms.Form):
    year = year_field()
    title = char_field(_("问题"), 200, required=True)
    category = choice_field(_("类别"), AuditFinding.Category.choices)
    department = model_choice_field(_("责任部门"), Department.objects.filter(active=True).order_by("code"), required=True)  # fmt: skip
    amount = forms.DecimalField(label=_("涉及金额（万元）"), required=False, min_value=0, max_digits=14, decimal_places=6, error_messages=field_messages(_("涉及金额")))  # fmt: skip
    due_on = date_field(_("整改期限"), required=False)
    detail = forms.CharField(label=_("问题描述"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_on"].help_text = _(
            "不填则为听取审计工作报告后六个月（须已登记审计工作报告的审议日期）。"
        )


class FindingReportForm(forms.Form):
    report = forms.CharField(label=_("整改情况"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}), error_messages=field_messages(_("整改情况")))  # fmt: skip
    reported_on = date_field(_("报告日期"))


class FindingAssessForm(forms.Form):
    result = choice_field(_("评估结论"), AuditFinding.Result.choices)
    assessment = forms.CharField(label=_("评估意见"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), help_text=_("部分整改或未整改时必填。"))  # fmt: skip


def wan_field(label, help_text=""):
    return forms.DecimalField(
        label=label, min_value=0, max_digits=18, decimal_places=6, help_text=help_text,
        error_messages=field_messages(label), widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )  # fmt: skip


class DebtForm(forms.Form):
    year = year_field()
    kind = choice_field(_("债务类别"), DebtFigure.Kind.choices)
    limit = wan_field(_("债务限额（万元）"), _("本级人大常委会批准的年度债务限额。"))
    opening = wan_field(_("年初余额（万元）"))
    issued = wan_field(_("本年新增（万元）"), _("本年发行的新增债券和再融资债券。"))
    repaid = wan_field(_("本年偿还（万元）"))
    closing = wan_field(_("年末余额（万元）"), _("应等于年初余额加本年新增减本年偿还。"))
    note = forms.CharField(label=_("说明"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip
