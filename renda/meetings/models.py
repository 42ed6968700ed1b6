"""Meetings of the congress, its standing committee and councils; agendas; attendance."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from renda.core.models import TimeStampedModel, user_link
from renda.core.search import SearchableModel
from renda.people.models import Organization, Person, Post, Term


class Meeting(SearchableModel, TimeStampedModel):
    """A sitting of a body: 人代会会议, 常委会会议, 主任会议, 主席团会议 or 联席会议."""

    class Kind(models.TextChoices):
        CONGRESS_SESSION = "congress_session", _("人民代表大会会议")
        SC_MEETING = "sc_meeting", _("常务委员会会议")
        CHAIRPERSONS_COUNCIL = "chairpersons_council", _("主任会议")
        PRESIDIUM = "presidium", _("主席团会议")
        JOINT_CONFERENCE = "joint_conference", _("联席会议")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("已安排")
        """Announced; agenda and documents being prepared."""
        IN_PROGRESS = "in_progress", _("进行中")
        """Opened by the chair; sign-in, deliberation and votes happen now."""
        CLOSED = "closed", _("已闭会")
        """Every agenda item has its disposition (S16)."""

    kind = models.CharField(_("会议类别"), max_length=24, choices=Kind.choices, db_index=True)
    body = models.ForeignKey(
        Organization, verbose_name=_("召开机构"), on_delete=models.PROTECT, related_name="meetings"
    )
    term = models.ForeignKey(
        Term, verbose_name=_("届"), on_delete=models.PROTECT, related_name="meetings"
    )
    number = models.PositiveSmallIntegerField(_("次"))
    session = models.ForeignKey(
        "self",
        verbose_name=_("所属人代会会议"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sub_meetings",
        help_text=_("主席团会议所属的人民代表大会会议。"),
    )
    title = models.CharField(_("会议名称"), max_length=120)
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    start_time = models.TimeField(_("开始时间"), null=True, blank=True)
    location = models.CharField(_("地点"), max_length=120, blank=True)
    has_election = models.BooleanField(_("有选举事项"), default=False)
    is_public = models.BooleanField(_("公开举行"), default=True)
    gallery_seats = models.PositiveSmallIntegerField(_("旁听席位"), default=20)
    status = models.CharField(
        _("状态"), max_length=12, choices=Status.choices, default=Status.SCHEDULED, db_index=True
    )
    notice_published_at = models.DateTimeField(_("会议通知发出时间"), null=True, blank=True)
    opened_at = models.DateTimeField(_("开会时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("闭会时间"), null=True, blank=True)
    notes = models.TextField(
        _("会议记录"),
        blank=True,
        help_text=_("联席会议记载参加人员、协调事项和后续措施（S3）；其他会议可记载会议纪要。"),
    )

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("会议")
        verbose_name_plural = _("会议")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "term", "number"], name="meeting_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="meeting_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def search_document(self) -> str:
        return " ".join(filter(None, [self.title, self.location]))

    @property
    def duration_days(self) -> int:
        """会期 in calendar days, both ends included."""
        return (self.ends_on - self.starts_on).days + 1

    @property
    def is_congress(self) -> bool:
        return self.kind == self.Kind.CONGRESS_SESSION


class AgendaItem(TimeStampedModel):
    """One item of a meeting's agenda; it must end with a disposition (S16)."""

    class Kind(models.TextChoices):
        MOTION = "motion", _("议案")
        WORK_REPORT = "work_report", _("工作报告")
        APPOINTMENT = "appointment", _("任免事项")
        ELECTION = "election", _("选举事项")
        SPECIAL_INQUIRY = "special_inquiry", _("专题询问")
        MAJOR_MATTER = "major_matter", _("重大事项决定")
        OTHER = "other", _("其他")

    class Disposition(models.TextChoices):
        PENDING = "pending", _("待处理")
        """Not yet voted, decided or deferred; blocks closing the meeting."""
        VOTED = "voted", _("已表决")
        """Put to a vote; the poll is in the voting module."""
        DECIDED = "decided", _("已作出决定")
        """Decided without a vote (e.g. heard and noted by the council)."""
        DEFERRED = "deferred", _("暂缓，另行处理")
        """Deferred with a next-step opinion (下一步处理意见)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("会议"), on_delete=models.CASCADE, related_name="items"
    )
    order = models.PositiveSmallIntegerField(_("序号"))
    kind = models.CharField(_("议题类别"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("议题"), max_length=200)
    description = models.TextField(_("说明"), blank=True)
    reporting_body = models.ForeignKey(
        Organization,
        verbose_name=_("报告机关"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agenda_items",
    )
    reporter = models.ForeignKey(
        Person,
        verbose_name=_("报告人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agenda_items",
    )
    reporter_post = models.ForeignKey(
        Post,
        verbose_name=_("报告人职务"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agenda_items",
    )
    disposition = models.CharField(
        _("处理结果"), max_length=10, choices=Disposition.choices, default=Disposition.PENDING
    )
    disposition_note = models.TextField(_("决定内容或下一步处理意见"), blank=True)
    disposed_at = models.DateTimeField(_("处理时间"), null=True, blank=True)

    class Meta:
        ordering = ["meeting_id", "order", "id"]
        verbose_name = _("议程事项")
        verbose_name_plural = _("议程事项")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "order"], name="agenda_item_unique_order"),
            models.CheckConstraint(
                condition=~Q(disposition="deferred") | ~Q(disposition_note=""),
                name="agenda_item_deferred_needs_opinion",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class MeetingDocument(TimeStampedModel):
    """A document of a meeting or of one agenda item, with the time it arrived."""

    class Kind(models.TextChoices):
        NOTICE = "notice", _("会议通知")
        MOTION = "motion", _("议案文本")
        REPORT_TO_COMMITTEE = "report_to_committee", _("报告稿（送专门委员会）")
        REPORT_TO_SC = "report_to_sc", _("报告（送常委会）")
        REPORT_TO_MEMBERS = "report_to_members", _("报告（印发组成人员）")
        MATERIALS = "materials", _("会议材料（送达组成人员）")
        EXPLANATION = "explanation", _("说明")
        OTHER = "other", _("其他材料")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("会议"), on_delete=models.CASCADE, related_name="documents"
    )
    item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("议程事项"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="documents",
    )
    kind = models.CharField(_("文件类别"), max_length=24, choices=Kind.choices)
    title = models.CharField(_("标题"), max_length=200)
    file = models.FileField(_("文件"), upload_to="meetings/%Y/", blank=True)
    received_on = models.DateField(_("送达日期"))
    is_public = models.BooleanField(_("公开"), default=False)

    class Meta:
        ordering = ["meeting_id", "item_id", "received_on", "id"]
        verbose_name = _("会议文件")
        verbose_name_plural = _("会议文件")

    def __str__(self) -> str:
        return self.title


class Attendance(TimeStampedModel):
    """A person's place at a meeting and whether they are present."""

    class Role(models.TextChoices):
        VOTING = "voting", _("出席（有表决权）")
        NON_VOTING = "non_voting", _("列席")
        REPORTER = "reporter", _("报告人")

    class Status(models.TextChoices):
        EXPECTED = "expected", _("应到未签到")
        PRESENT = "present", _("已签到")
        ON_LEAVE = "on_leave", _("请假")
        ABSENT = "absent", _("缺席")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("会议"), on_delete=models.CASCADE, related_name="attendance"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("人员"), on_delete=models.PROTECT, related_name="attendance"
    )
    role = models.CharField(_("身份"), max_length=12, choices=Role.choices, default=Role.VOTING)
    status = models.CharField(
        _("出席情况"), max_length=10, choices=Status.choices, default=Status.EXPECTED
    )
    signed_in_at = models.DateTimeField(_("签到时间"), null=True, blank=True)
    signed_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("签到操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["meeting_id", "role", "person_id"]
        verbose_name = _("出席记录")
        verbose_name_plural = _("出席记录")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="attendance_unique_person"),
        ]
        indexes = [models.Index(fields=["meeting", "role", "status"])]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_status_display()}"


class LeaveRequest(TimeStampedModel):
    """A request to be excused from a meeting (请假), decided by an approver."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待审批")
        APPROVED = "approved", _("已批准")
        REJECTED = "rejected", _("未批准")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("会议"), on_delete=models.CASCADE, related_name="leave_requests"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("请假人"), on_delete=models.PROTECT, related_name="leave_requests"
    )
    reason = models.CharField(_("请假事由"), max_length=200)
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = user_link(_("审批人"))
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decision_note = models.CharField(_("审批意见"), max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("请假申请")
        verbose_name_plural = _("请假申请")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=~Q(status="rejected"),
                name="leave_request_one_open_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.meeting}"


class AttendeePoolEntry(TimeStampedModel):
    """A deputy or resident in the pool invited to attend SC meetings without a vote (S18)."""

    class Kind(models.TextChoices):
        DEPUTY = "deputy", _("人大代表")
        RESIDENT = "resident", _("居民代表")

    person = models.OneToOneField(
        Person, verbose_name=_("人员"), on_delete=models.CASCADE, related_name="pool_entry"
    )
    kind = models.CharField(_("类别"), max_length=10, choices=Kind.choices)
    community = models.CharField(_("所在社区或单位"), max_length=100, blank=True)
    is_active = models.BooleanField(_("在库"), default=True)
    times_invited = models.PositiveSmallIntegerField(_("已列席次数"), default=0)

    class Meta:
        ordering = ["times_invited", "id"]
        verbose_name = _("列席人员库")
        verbose_name_plural = _("列席人员库")

    def __str__(self) -> str:
        return f"{self.person} ({self.get_kind_display()})"


class GalleryRegistration(TimeStampedModel):
    """A citizen's registration for the public gallery (旁听) of a meeting (S18)."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("已登记")
        CANCELLED = "cancelled", _("已取消")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("会议"), on_delete=models.CASCADE, related_name="gallery"
    )
    name = models.CharField(_("姓名"), max_length=40)
    phone = models.CharField(_("联系电话"), max_length=20)
    organization = models.CharField(_("工作单位"), max_length=100, blank=True)
    code = models.CharField(_("登记码"), max_length=12, unique=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.REGISTERED
    )

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("旁听登记")
        verbose_name_plural = _("旁听登记")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "phone"],
                condition=Q(status="registered"),
                name="gallery_one_registration_per_phone",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} · {self.meeting}"


def meeting_dates_overlap(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]
