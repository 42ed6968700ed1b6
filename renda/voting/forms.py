"""Forms of the back-office voting pages: input parsing only; rules stay in services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from renda.core.views import field_messages
from renda.people.forms import PersonChoiceField
from renda.people.models import Person

from .models import Poll


class PersonMultipleField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.name}（{obj.occupation or '—'}）"


class PollCreateForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("表决类别"), choices=Poll.Kind.choices, error_messages=field_messages(_("表决类别"))
    )
    title = forms.CharField(
        label=_("表决事项"),
        max_length=200,
        required=False,
        help_text=_("留空则使用议程事项名称。"),
        error_messages=field_messages(_("表决事项")),
    )
    secrecy = forms.ChoiceField(
        label=_("记名方式"),
        required=False,
        choices=[
            ("", _("按类别默认（表决、任免、测评无记名；选举秘密投票）")),
            *Poll.Secrecy.choices,
        ],
    )
    method = forms.ChoiceField(
        label=_("表决方式"), choices=Poll.Method.choices, initial=Poll.Method.KEYPAD
    )
    nominee = PersonChoiceField(
        label=_("被任免人（逐人表决）"), queryset=Person.objects.none(), required=False
    )
    nominees = PersonMultipleField(
        label=_("合并表决的被任免人"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("仅在主持人确认无异议后合并表决（§7.6）。"),
    )
    en_bloc = forms.BooleanField(label=_("合并表决"), required=False)
    no_objection = forms.BooleanField(
        label=_("主持人已确认与会人员对合并表决无异议"), required=False
    )
    candidates = PersonMultipleField(
        label=_("候选人"), queryset=Person.objects.none(), required=False
    )
    seats = forms.IntegerField(
        label=_("应选名额"),
        min_value=1,
        max_value=200,
        initial=1,
        error_messages=field_messages(_("应选名额")),
    )
    office_kind = forms.ChoiceField(
        label=_("选举职务类别（差额规则）"),
        choices=Poll.OfficeKind.choices,
        initial=Poll.OfficeKind.OTHER,
    )

    #: The fields only one kind of poll asks for; the page shows them for that kind alone.
    FOR_KIND = {
        "nominee": Poll.Kind.APPOINTMENT,
        "en_bloc": Poll.Kind.APPOINTMENT,
        "nominees": Poll.Kind.APPOINTMENT,
        "no_objection": Poll.Kind.APPOINTMENT,
        "candidates": Poll.Kind.ELECTION,
        "seats": Poll.Kind.ELECTION,
        "office_kind": Poll.Kind.ELECTION,
    }

    def __init__(self, *args, persons=None, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = persons if persons is not None else Person.objects.order_by("name", "id")
        for name in ("nominee", "nominees", "candidates"):
            self.fields[name].queryset = queryset
        for name in ("nominees", "candidates"):
            # Ticks in a searchable list instead of a Ctrl-click list of every person.
            self.fields[name].widget = forms.CheckboxSelectMultiple(
                choices=self.fields[name].choices
            )
            self.fields[name].filterable = True
        self.fields["kind"].controls_fields = True
        for name, kind in self.FOR_KIND.items():
            self.fields[name].show_for = str(kind)
        self.fields["seats"].required = False

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        kind = data["kind"]
        # What another kind asks for is ignored, even if typed before the kind was changed.
        mine = {name: data.get(name) for name, k in self.FOR_KIND.items() if k == kind}
        return {
            "kind": kind,
            "title": data.get("title") or "",
            "secrecy": data.get("secrecy") or None,
            "method": data["method"],
            "nominee": mine.get("nominee"),
            "nominees": list(mine.get("nominees") or []),
            "candidates": list(mine.get("candidates") or []),
            "seats": mine.get("seats") or 1,
            "office_kind": data.get("office_kind") or Poll.OfficeKind.OTHER,
            "en_bloc": bool(mine.get("en_bloc")),
            "no_objection": bool(mine.get("no_objection")),
        }


class ManualCountForm(forms.Form):
    """Counts of a show of hands or paper ballots, entered by two staff in turn."""

    issued = forms.IntegerField(label=_("发出票数"), min_value=0, required=False)
    returned = forms.IntegerField(label=_("收回票数"), min_value=0, required=False)
    void = forms.IntegerField(label=_("废票数"), min_value=0, required=False, initial=0)

    def __init__(self, *args, poll: Poll, **kwargs):
        super().__init__(*args, **kwargs)
        self.poll = poll
        if poll.kind == Poll.Kind.ELECTION:
            for candidate in poll.candidates.select_related("person").order_by("order"):
                self.fields[f"votes_{candidate.person_id}"] = forms.IntegerField(
                    label=_("{name} 得票").format(name=candidate.person.name),
                    min_value=0,
                    initial=0,
                )
        else:
            del self.fields["void"]
            from .presentation import OPTION_LABELS
            from .rules import options_for

            for option in options_for(poll.kind):
                self.fields[option] = forms.IntegerField(
                    label=OPTION_LABELS[option], min_value=0, initial=0
                )
            if poll.method != Poll.Method.PAPER:
                del self.fields["issued"]
                del self.fields["returned"]

    def counts(self) -> dict:
        data = self.cleaned_data
        if self.poll.kind == Poll.Kind.ELECTION:
            votes = {
                name.removeprefix("votes_"): value
                for name, value in data.items()
                if name.startswith("votes_")
            }
            return {"votes": votes, "void": data.get("void") or 0}
        from .rules import options_for

        return {option: data[option] for option in options_for(self.poll.kind)}
