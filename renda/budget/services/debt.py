"""The government's debt (§4.6): the year's limit and balances of general and special debt,
recorded by the office beside the annual government-debt report, and flagged when the
year-end balance nears the limit (``budget.debt_warning_percent``) or passes it (预算法 第35条:
the balance may not exceed the approved limit)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _

from renda.core import validation
from renda.core.actions import ActionContext, action
from renda.core.errors import DomainError
from renda.core.statute import param

from ..models import DebtFigure, Milestone
from ..rules import MANAGE

#: The amounts of a debt record, in the order of the form (each in 万元).
AMOUNTS = (
    ("limit", _("债务限额")),
    ("opening", _("年初余额")),
    ("issued", _("本年新增")),
    ("repaid", _("本年偿还")),
    ("closing", _("年末余额")),
)
WAN = 10_000 * 100  # fen in one 万元


def fen(value, *, field: str, label) -> int:
    """A non-negative amount in 万元 (up to six decimals, i.e. to the fen) as fen."""
    if value in (None, ""):
        raise DomainError("field_required", _("请填写{label}。"), field=field, label=label)
    try:
        amount = Decimal(str(value).replace(",", "").strip()) * WAN
    except InvalidOperation as exc:
        raise DomainError("invalid_amount", _("{label}应为数字（万元）。"), field=field, label=label) from exc  # fmt: skip
    if (
        not amount.is_finite()
        or amount < 0
        or amount != amount.to_integral_value()
        or amount > 10**17
    ):
        raise DomainError("invalid_amount", _("{label}应为不小于零的数字（万元，最多六位小数）。"), field=field, label=label)  # fmt: skip
    return int(amount)


def wan(fen_: int) -> str:
    """Fen as 万元 with two decimals and thousands separators."""
    return f"{Decimal(fen_) / WAN:,.2f}"


@action(
    "budget.debt.record", model=DebtFigure, permission=MANAGE, rule="§4.6",
    label=_("登记政府债务数据"),
)  # fmt: skip
def debt_record(
    ctx: ActionContext, *, year, kind: str, limit, opening, issued, repaid, closing, note: str = ""
) -> DebtFigure:  # fmt: skip
    """The year's figures of one kind of debt; recording them again corrects them (the audit
    log keeps what they were). The year-end balance must equal the opening balance plus what
    was issued less what was repaid."""
    year = validation.year(year)
    validation.choice(kind, DebtFigure.Kind, field="kind")
    given = {"limit": limit, "opening": opening, "issued": issued, "repaid": repaid, "closing": closing}  # fmt: skip
    amounts = {name: fen(given[name], field=name, label=label) for name, label in AMOUNTS}
    if amounts["limit"] == 0:
        raise DomainError("invalid_amount", _("债务限额应大于零。"), field="limit")
    expected = amounts["opening"] + amounts["issued"] - amounts["repaid"]
    if expected < 0:
        raise DomainError("debt_unbalanced", _("本年偿还不能超过年初余额与本年新增之和。"), field="repaid")  # fmt: skip
    if amounts["closing"] != expected:
        raise DomainError(
            "debt_unbalanced", _("年末余额应等于年初余额加本年新增减本年偿还，即 {expected} 万元。"),
            field="closing", expected=wan(expected),
        )  # fmt: skip
    note = validation.text(note, field="note", label=_("说明"), required=False, max_length=2000)
    values = {f"{name}_fen": amount for name, amount in amounts.items()}
    figure, created = DebtFigure.objects.update_or_create(year=year, kind=kind, defaults={**values, "note": note})  # fmt: skip
    ctx.changes.update(year=year, kind=kind, corrected=not created, **values)
    return figure


@dataclass
class DebtRow:
    """One kind of debt in a year (or the two together), with its use of the limit."""

    label: str
    kind: str
    limit_fen: int
    opening_fen: int
    issued_fen: int
    repaid_fen: int
    closing_fen: int
    last_closing_fen: int | None = None
    note: str = ""

    @property
    def used(self) -> Decimal:
        return (Decimal(self.closing_fen) * 100 / self.limit_fen).quantize(Decimal("0.1"))

    @property
    def state(self) -> str:
        """``over`` past the limit, ``warning`` at the setting's share of it, else ``ok``."""
        if self.closing_fen > self.limit_fen:
            return "over"
        return "warning" if self.used >= param("budget.debt_warning_percent") else "ok"

    @property
    def growth(self) -> Decimal | None:
        if not self.last_closing_fen:
            return None
        change = Decimal(self.closing_fen - self.last_closing_fen) * 100 / self.last_closing_fen
        return change.quantize(Decimal("0.1"))

    def as_dict(self) -> dict:
        out = {name: wan(getattr(self, f"{name}_fen")) for name, _label in AMOUNTS}
        out.update(kind=self.kind, label=self.label, used_percent=str(self.used), state=self.state, note=self.note)  # fmt: skip
        out["limit_room"] = wan(max(self.limit_fen - self.closing_fen, 0))
        out["growth_percent"] = None if self.growth is None else str(self.growth)
        return out


def year_rows(year: int) -> list[DebtRow]:
    """The year's kinds of debt and, when both are recorded, their sum (one query)."""
    figures = {(f.year, f.kind): f for f in DebtFigure.objects.filter(year__in=(year, year - 1))}
    rows = []
    for kind, label in DebtFigure.Kind.choices:
        f = figures.get((year, kind))
        if f is None:
            continue
        last = figures.get((year - 1, kind))
        rows.append(
            DebtRow(
                str(label),
                kind,
                f.limit_fen,
                f.opening_fen,
                f.issued_fen,
                f.repaid_fen,
                f.closing_fen,
                last.closing_fen if last else None,
                f.note,
            )  # fmt: skip
        )
    if len(rows) == len(DebtFigure.Kind.choices):
        sums = [sum(getattr(r, f"{n}_fen") for r in rows) for n, _label in AMOUNTS]
        lasts = [r.last_closing_fen for r in rows]
        last = None if None in lasts else sum(lasts)
        rows.append(DebtRow(str(_("合计")), "total", *sums, last))
    return rows


def report_of(year: int) -> Milestone | None:
    """The year's government-debt report on the budget calendar, once planned."""
    return Milestone.objects.filter(year=year, kind=Milestone.Kind.GOVERNMENT_DEBT).first()


DEBT_ACTIONS = (debt_record,)
