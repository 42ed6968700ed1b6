"""Cases, their requesters, the units' assignments and the contacts with the requesters."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from renda.core.models import TimeStampedModel
from renda.core.search import SearchableModel

from .choices import AssignmentRole, AssignmentStatus, CaseStatus
from .kinds import CaseKind


class Case(SearchableModel, TimeStampedModel):
    """One item assigned to units for handling and an answer (交办件)."""

    Status = CaseStatus

    kind = models.ForeignKey(
        CaseKind, verbose_name=_("类型"), on_delete=models.PROTECT, related_name="cases"
    )
    title = models.CharField(_("标题"), max_length=200)
    summary = models.TextField(_("内容摘要"), blank=True)
    source_type = models.CharField(_("来源类型"), max_length=60, blank=True)
    source_id = models.CharField(_("来源编号"), max_length=64, blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    round = models.PositiveSmallIntegerField(_("办理轮次"), default=1)
    requesters = models.ManyToManyField(
        "people.Person",
        through="CaseRequester",
        verbose_name=_("提出人"),
        related_name="casework_cases",
        blank=True,
    )
    requester_body = models.ForeignKey(
        "people.Organization",
        verbose_name=_("提出机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="casework_requested",
    )
    assigned_at = models.DateTimeField(_("交办时间"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("交办人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    due_on = models.DateField(_("答复期限"), null=True, blank=True, db_index=True)
    extended = models.BooleanField(_("已延期"), default=False)
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    rating_due_on = models.DateField(_("评价截止日期"), null=True, blank=True)
    co_override_reason = models.TextField(_("协办未完成时准予答复的理由"), blank=True)
    co_override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("准予人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_key = models.BooleanField(_("重点督办"), default=False, db_index=True)
    key_leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("牵头督办领导"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="casework_key_cases",
    )
    key_committee = models.ForeignKey(
        "people.Organization",
        verbose_name=_("督办委员会"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="casework_supervised",
    )
    key_marked_at = models.DateTimeField(_("列为重点督办时间"), null=True, blank=True)
    published = models.BooleanField(_("答复公开"), default=False)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("并入"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_cases",
    )
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    close_reason = models.TextField(_("办结或撤回说明"), blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("办理事项")
        verbose_name_plural = _("办理事项")
        indexes = [
            models.Index(fields=["source_type", "source_id"]),
            # The overdue list and the statistics at a million cases (docs/performance.md).
            models.Index(fields=["status", "due_on"], name="casework_case_status_due"),
            models.Index(fields=["replied_at"], name="casework_case_replied"),
            # Lets a unit's queue check its cases' status without reading the (long) case rows.
            models.Index(fields=["id", "status"], name="casework_case_id_status"),
            # Lets the public list of suggestions check a case's published flag the same way.
            models.Index(fields=["id", "published"], name="casework_case_id_published"),
            models.Index(
                fields=["due_on"],
                name="casework_case_handling_due",
                condition=Q(
                    status__in=sorted(
                        [
                            "awaiting_receipt",
                            "received",
                            "in_handling",
                            "rehandling",
                            "return_requested",
                        ]
                    )
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def search_document(self) -> str:
        return f"{self.title} {self.summary}"


class CaseRequester(models.Model):
    """A person on the requester side; the lead requester's rating moves the case (rules §1.11)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="requester_rows")
    person = models.ForeignKey(
        "people.Person", verbose_name=_("提出人"), on_delete=models.PROTECT, related_name="+"
    )
    is_lead = models.BooleanField(_("领衔"), default=False)
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("提出人")
        verbose_name_plural = _("提出人")
        constraints = [
            models.UniqueConstraint(fields=["case", "person"], name="casework_requester_once"),
            models.UniqueConstraint(
                fields=["case"], condition=Q(is_lead=True), name="casework_one_lead_requester"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.person_id}"


class Assignment(TimeStampedModel):
    """A unit's part in a case: the lead unit (主办) or a co-handler (协办/会办)."""

    Role = AssignmentRole
    Status = AssignmentStatus

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(
        "people.Organization",
        verbose_name=_("承办单位"),
        on_delete=models.PROTECT,
        related_name="casework_assignments",
    )
    role = models.CharField(_("承办方式"), max_length=8, choices=Role.choices)
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.AWAITING, db_index=True
    )
    assigned_at = models.DateTimeField(_("交办时间"))
    due_on = models.DateField(_("期限"), db_index=True)
    received_at = models.DateTimeField(_("签收时间"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("签收人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opinion = models.TextField(_("协办意见"), blank=True)
    opinion_at = models.DateTimeField(_("协办意见提交时间"), null=True, blank=True)
    opinion_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("协办意见提交人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    returned_at = models.DateTimeField(_("退回时间"), null=True, blank=True)
    #: The lead unit's first-contact deadline (rules §1.10), counted in working days from the assignment.
    contact_due_on = models.DateField(_("首次联系期限"), null=True, blank=True)
    #: The day of the unit's first logged contact with the requester.
    first_contact_on = models.DateField(_("首次联系日期"), null=True, blank=True)

    class Meta:
        ordering = ["case_id", "role", "id"]
        verbose_name = _("交办单位")
        verbose_name_plural = _("交办单位")
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(role="lead") & ~Q(status="returned"),
                name="casework_one_active_lead",
            ),
            models.UniqueConstraint(
                fields=["case", "unit"],
                condition=~Q(status="returned"),
                name="casework_unit_once_per_case",
            ),
        ]
        # A unit's queue and its counts read only its live rows (docs/performance.md).
        # Covering: the queue's counts and pages read no assignment row.
        indexes = [
            models.Index(
                fields=[
                    "unit",
                    "status",
                    "due_on",
                    "case",
                    "role",
                    "contact_due_on",
                    "first_contact_on",
                ],
                name="casework_asg_unit_live",
            ),
            # A tab's page in deadline order, read in that order within the unit (PostgreSQL
            # otherwise walked the deadline index of every unit's rows: 1.8 s at a million).
            models.Index(
                fields=["unit", "due_on", "id", "status", "case"], name="casework_asg_unit_due"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.unit_id} {self.role}"

    def contact_late_on(self, today) -> bool:
        """Whether the first contact was not made in time (rules §1.10): none by the deadline, or later."""
        if self.contact_due_on is None:
            return False
        if self.first_contact_on is None:
            return today > self.contact_due_on
        return self.first_contact_on > self.contact_due_on


class Contact(TimeStampedModel):
    """A contact of the unit with the requester before replying (rules §1.10)."""

    class Method(models.TextChoices):
        VISIT = "visit", _("走访面商")
        MEETING = "meeting", _("座谈会商")
        PHONE = "phone", _("电话沟通")
        LETTER = "letter", _("书面联系")
        ONLINE = "online", _("网络平台")
        OTHER = "other", _("其他方式")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="contacts")
    unit = models.ForeignKey(
        "people.Organization",
        verbose_name=_("承办单位"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    round = models.PositiveSmallIntegerField(_("办理轮次"), default=1)
    contacted_on = models.DateField(_("联系日期"))
    method = models.CharField(_("联系方式"), max_length=10, choices=Method.choices)
    note = models.TextField(_("沟通情况"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["contacted_on", "id"]
        verbose_name = _("沟通联系")
        verbose_name_plural = _("沟通联系")
