"""The demo's voters' channel: letters to deputies and stations in every state.

Received and waiting, acknowledged, forwarded to a unit, answered (some published with the
office's approval), turned into a suggestion and dismissed; the demo deputy has letters of
their own to handle.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from renda.accounts.models import User
from renda.deputies import services as D
from renda.deputies.models import LiaisonStation
from renda.people.models import Deputy, Organization

LETTERS = (
    (
        "小区门口路灯长期不亮",
        "清河路12号小区门口的两盏路灯坏了两个多月，晚上老人孩子出行很不安全，希望尽快修复。",
        "清河街道",
    ),
    (
        "学校门口上下学拥堵",
        "东湖小学门口每天上下学时段车辆乱停，孩子过马路很危险，建议增设护学岗和临时停车位。",
        "东湖街道",
    ),
    (
        "菜市场改造后摊位费上涨",
        "西城农贸市场改造后摊位费涨了一倍，菜价跟着上涨，希望有关部门核查收费标准。",
        "西城街道",
    ),
    ("农村道路破损", "松岭乡到镇上的村道多处坑洼，下雨天积水严重，农产品运输困难。", "松岭乡"),
    (
        "加装电梯资金分摊",
        "老旧小区加装电梯，一楼住户和高层住户对资金分摊意见不一，希望社区出面协调并出台指导意见。",
        "清河街道",
    ),
    ("社区养老食堂", "希望在社区开设老年助餐点，解决独居老人吃饭难的问题。", "南山镇"),
    ("河道异味", "新河镇段河道夏天有明显异味，怀疑有偷排，希望环保部门检查。", "新河镇"),
    ("公交线路调整", "12路公交取消了医院站，去医院看病要多走一公里，希望恢复站点。", "东湖街道"),
)
ANSWERS = (
    "您反映的问题已收悉。我已联系街道办事处，对方答复将于本月内修复，请您继续关注。",
    "感谢您的来信。经了解，有关部门已将此事列入今年的整改计划，我会持续跟踪。",
    "您的意见很有代表性，我已在代表小组活动中提出，并将形成代表建议提交。",
)


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def seed_messages(*, actor) -> None:
    today = timezone.localdate()
    seated = list(
        Deputy.objects.filter(status=Deputy.Status.ACTIVE).select_related("person").order_by("id")
    )
    if len(seated) < 20:
        return
    own = User.objects.filter(username="deputy").first()
    mine = next((d for d in seated if own and d.person_id == own.person_id), seated[0])
    office = actor
    unit = (
        Organization.objects.filter(kind__in=Organization.HANDLING_UNIT_KINDS)
        .order_by("id")
        .first()
    )
    stations = list(LiaisonStation.objects.filter(active=True).order_by("id")[:3])
    for i in range(40):
        subject, body, area = LETTERS[i % len(LETTERS)]
        to = mine if i % 8 == 0 else seated[(i * 11) % len(seated)]
        station = stations[i % len(stations)] if stations and i % 10 == 9 else None
        day = today - dt.timedelta(days=60 - i)
        m = D.message_submit(
            deputy=None if station else to, station=station, subject=subject, body=body,
            area=area, writer_name="" if i % 3 == 0 else f"{'王李张刘陈'[i % 5]}先生",
            contact="" if i % 4 == 0 else f"1390000{i:04d}", consent_publish=i % 2 == 0,
            now=_at(day, 9 + i % 8),
        )  # fmt: skip
        handler = office if station or to != mine else (own or office)
        if i >= 34:
            continue  # the latest still wait
        if i % 7 == 6:
            D.message_dismiss(actor=office, message=m, reason="来信内容为商业广告，不属于代表履职事项。", now=_at(day + dt.timedelta(days=1)))  # fmt: skip
            continue
        D.message_acknowledge(actor=handler, message=m, now=_at(day + dt.timedelta(days=1)))
        if i % 5 == 4 and unit is not None:
            D.message_forward(
                actor=handler, message=m, unit=unit, note="请核实情况并依法处理，处理结果告知代表。",
                now=_at(day + dt.timedelta(days=2)),
            )  # fmt: skip
            if i > 20:
                continue  # forwarded, waiting for the unit
        if own is not None and handler == own and i % 16 == 8:
            D.message_suggest(
                actor=own, message=m, title=f"关于{subject}的建议", content=body,
                now=_at(day + dt.timedelta(days=3)),
            )  # fmt: skip
            continue  # the deputy's draft suggestion, the writer told so
        if i > 28:
            continue  # acknowledged, being looked into
        D.message_answer(actor=handler, message=m, answer=ANSWERS[i % len(ANSWERS)], now=_at(day + dt.timedelta(days=5)))  # fmt: skip
        m.refresh_from_db()
        if m.consent_publish and i % 4 != 2:
            D.message_publish(
                actor=office, message=m, public_body=body, public_answer=ANSWERS[i % len(ANSWERS)],
                now=_at(day + dt.timedelta(days=6)),
            )  # fmt: skip
