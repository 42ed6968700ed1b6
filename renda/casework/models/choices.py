"""Choices and defaults of the casework engine: statuses, roles, units, result classes."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

#: Default result classes (rules §1.12); a kind may relabel them or use its own codes.
DEFAULT_RESULT_CLASSES = {
    "A": "已解决或采纳",
    "B": "正在解决或列入计划",
    "C": "列入规划逐步解决",
    "D": "因条件限制留作参考",
}
#: Marked for translation so a kind's default labels show in English too.
_DEFAULT_LABELS = (
    _("已解决或采纳"),
    _("正在解决或列入计划"),
    _("列入规划逐步解决"),
    _("因条件限制留作参考"),
)
#: Result classes that need a follow-up reply after implementation (rules §1.12).
DEFAULT_FOLLOW_UP_CLASSES = ["B", "C"]


class DeadlineUnit(models.TextChoices):
    """How a period is counted from its start day (rules.md, counting conventions)."""

    #: Calendar months, ending on the same day of the final month (民法典 第202条).
    MONTHS = "months", _("个月")
    #: Working days on the core calendar, holidays and 调休 make-up days included.
    WORKING_DAYS = "working_days", _("个工作日")
    #: Calendar days.
    DAYS = "days", _("日")


class CaseStatus(models.TextChoices):
    """Where a case stands; the moves between them are in :mod:`renda.casework.workflow`."""

    #: Created, not yet assigned (待交办); the requester may still withdraw it.
    NEW = "new", _("待交办")
    #: Assigned, waiting for the lead unit to receive it (待签收); the deadline runs.
    AWAITING_RECEIPT = "awaiting_receipt", _("待签收")
    #: The lead unit has received it (已签收).
    RECEIVED = "received", _("已签收")
    #: The lead unit has started handling it, at the latest with its first contact (办理中).
    IN_HANDLING = "in_handling", _("办理中")
    #: The lead unit asked the assigning staff to take it back (申请退回, rules §1.8).
    RETURN_REQUESTED = "return_requested", _("申请退回")
    #: The lead unit has replied; the requester may rate it (已答复).
    REPLIED = "replied", _("已答复")
    #: The requester is satisfied or basically satisfied (已评价).
    RATED = "rated", _("已评价")
    #: The requester is dissatisfied; staff verify (不满意待核实, S27).
    DISSATISFIED = "dissatisfied", _("不满意待核实")
    #: Handled again after verification, with a new deadline (重新办理, §1.6).
    REHANDLING = "rehandling", _("重新办理")
    #: Finished (已办结).
    CLOSED = "closed", _("已办结")
    #: Withdrawn before handling (已撤回, §1.5).
    WITHDRAWN = "withdrawn", _("已撤回")
    #: Merged into another case (已并案).
    MERGED = "merged", _("已并案")


class AssignmentRole(models.TextChoices):
    """A unit's part in a case (rules §1.9)."""

    #: The lead unit (主办) replies to the requester.
    LEAD = "lead", _("主办")
    #: A co-handler (协办/会办) sends its opinion to the lead unit.
    CO = "co", _("协办")


class AssignmentStatus(models.TextChoices):
    """Where one unit's part stands."""

    #: Assigned, not yet received (待签收).
    AWAITING = "awaiting", _("待签收")
    #: Received and being handled (办理中).
    RECEIVED = "received", _("办理中")
    #: The unit asked to return it (申请退回).
    RETURN_REQUESTED = "return_requested", _("申请退回")
    #: Taken back by the assigning staff (已退回); no longer the unit's.
    RETURNED = "returned", _("已退回")
    #: The co-handler's opinion or the lead's reply is in (已完成).
    DONE = "done", _("已完成")


class NotificationKind(models.TextChoices):
    """What a notification is about."""

    ASSIGNED = "assigned", _("交办")
    DUE_30 = "due_30", _("30天内到期")
    DUE_7 = "due_7", _("7天内到期")
    OVERDUE = "overdue", _("已逾期")
    CO_DUE_7 = "co_due_7", _("协办意见7天内到期")
    CO_OVERDUE = "co_overdue", _("协办意见已逾期")
    REPLIED = "replied", _("已答复")
    RATING_DUE = "rating_due", _("待评价")
    RATED = "rated", _("已评价")
    DISSATISFIED = "dissatisfied", _("不满意待核实")
    REHANDLE = "rehandle", _("重新办理")
    RETURN_REQUESTED = "return_req", _("退回申请")
    RETURN_DECIDED = "return_done", _("退回申请审批")
    EXTENSION_REQUESTED = "ext_req", _("延期申请")
    EXTENSION_DECIDED = "ext_done", _("延期申请审批")
    CO_OPINION = "co_opinion", _("协办意见")
    KEY_MARKED = "key_marked", _("重点督办")
    SUPERVISION_NOTE = "supervision", _("督办意见")
    CLOSED = "closed", _("办结")
    CONTACT_LATE = "contact_late", _("未按期联系提出人")
    LETTER = "letter", _("群众来信")
    COMPLIANCE = "compliance", _("规则落实状态变化")
