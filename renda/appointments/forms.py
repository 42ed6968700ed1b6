"""Forms of the appointments pages. They parse input; the actions re-check every rule."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from renda.core.forms import char_field, date_field
from renda.core.views import field_messages
from renda.people.forms import PersonChoiceField
from renda.people.models import Person


class ExamForm(forms.Form):
    title = char_field(_("考试名称"), 120, required=True, help_text=_("如“2026年第二次任前法律知识考试”。"))  # fmt: skip
    held_on = date_field(_("考试日期"))
    place = char_field(_("地点"), 120, required=True)
    organiser = char_field(_("组织单位"), 120, help_text=_("如“市人大常委会人事代表工作室”。"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].help_text = _("不早于本届开始之日；考试举行后登记成绩。")


class EnrolForm(forms.Form):
    person = PersonChoiceField(
        queryset=Person.objects.order_by("name", "id"),
        label=_("应考人员"),
        empty_label="—",
        error_messages=field_messages(_("应考人员")),
        help_text=_("先在人员名录中登记；本届已考试合格的人员无需再考。"),
    )
    post_sought = char_field(_("拟任职务"), 120, required=True, help_text=_("如“市中级人民法院审判员”。"))  # fmt: skip


class WithdrawForm(forms.Form):
    person = PersonChoiceField(
        queryset=Person.objects.none(),
        label=_("应考人员"),
        empty_label="—",
        error_messages=field_messages(_("应考人员")),
    )

    def __init__(self, *args, exam=None, **kwargs):
        super().__init__(*args, **kwargs)
        if exam is not None:
            self.fields["person"].queryset = Person.objects.filter(
                pk__in=exam.results.filter(status="enrolled").values("person_id")
            ).order_by("name", "id")


class ScoresForm(forms.Form):
    """One score per enrolled candidate (``score_<person id>``); an empty score is an absence."""

    def __init__(self, *args, exam=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        if exam is None:
            return
        for row in exam.results.filter(status="enrolled").select_related("person"):
            name = f"score_{row.person_id}"
            self.fields[name] = forms.DecimalField(
                label=f"{row.person.name} · {row.post_sought}",
                required=False,
                min_value=Decimal(0),
                max_value=Decimal(exam.full_marks),
                decimal_places=1,
                error_messages=field_messages(row.person.name),
                help_text=_("0到{full}分，最多一位小数；缺考的留空。").format(full=exam.full_marks),
            )
            self.rows.append(row)

    def clean(self):
        data = super().clean()
        return {"scores": {row.person_id: data.get(f"score_{row.person_id}") for row in self.rows}}


class CancelForm(forms.Form):
    reason = char_field(_("说明"), 200, required=True, help_text=_("取消的原因，最多200字。"))
