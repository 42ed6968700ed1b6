"""A deputy's term from qualification to its end: matters of qualification and suspensions.

The mandate itself (:class:`renda.people.models.Deputy`) holds the status the composition
figures read; the rows here are the procedures that change it, each with its grounds,
evidence and dates (代表法 Arts. 61–63; rules.md §2.2, §2.3).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.core.models import TimeStampedModel, user_link
from renda.people.models import Deputy


class QualificationMatter(TimeStampedModel):
    """A matter for the credentials committee: whether a deputy's qualification ends (§2.2).

    Raised by the platform when a deputy reaches the unapproved-absence limit (with the
    meetings and leave decisions as evidence), or by the office on another ground. The
    credentials committee reports, and the standing committee announces the termination
    (代表法 Art. 63): the software proposes, people decide.
    """

    class Ground(models.TextChoices):
        ABSENCES = "absences", _("未经批准两次不出席本级人民代表大会会议")
        MOVED_AWAY = "moved_away", _("迁出或者调离本行政区域")
        NATIONALITY = "nationality", _("丧失中华人民共和国国籍")
        POLITICAL_RIGHTS = "political_rights", _("依照法律被剥夺政治权利")
        CAPACITY = "capacity", _("丧失行为能力")

    class Status(models.TextChoices):
        RAISED = "raised", _("待资格审查")
        REPORTED = "reported", _("资格审查委员会已报告")
        ANNOUNCED = "announced", _("已公告终止代表资格")
        DISMISSED = "dismissed", _("不终止代表资格")
        WITHDRAWN = "withdrawn", _("条件不再成立，已撤回")

    deputy = models.ForeignKey(
        Deputy,
        verbose_name=_("代表"),
        on_delete=models.PROTECT,
        related_name="qualification_matters",
    )
    ground = models.CharField(_("事由"), max_length=20, choices=Ground.choices)
    status = models.CharField(
        _("状态"), max_length=12, choices=Status.choices, default=Status.RAISED, db_index=True
    )
    raised_on = models.DateField(_("提出日期"))
    raised_by_platform = models.BooleanField(_("由平台依据出席记录提出"), default=False)
    #: What the matter rests on: for absences, each session with the attendance and the leave
    #: requests and their decisions, as they stood when the matter was raised.
    evidence = models.JSONField(_("依据"), default=dict, blank=True)
    facts = models.TextField(_("事实和依据"), blank=True)
    report = models.TextField(_("资格审查委员会的报告"), blank=True)
    reported_on = models.DateField(_("报告日期"), null=True, blank=True)
    announcement = models.TextField(_("公告"), blank=True)
    announced_on = models.DateField(_("公告日期"), null=True, blank=True)
    closing_note = models.CharField(_("结论说明"), max_length=300, blank=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    raised_by = user_link(_("提出人"))

    OPEN = (Status.RAISED, Status.REPORTED)

    class Meta:
        ordering = ["-raised_on", "-id"]
        verbose_name = _("代表资格事项")
        verbose_name_plural = _("代表资格事项")
        constraints = [
            models.UniqueConstraint(
                fields=["deputy", "ground"],
                condition=Q(status__in=["raised", "reported"]),
                name="qualification_one_open_per_ground",
            )
        ]

    def __str__(self) -> str:
        return f"{self.deputy.person.name} · {self.get_ground_display()}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN


class Suspension(TimeStampedModel):
    """A deputy's duties suspended while detained or serving a sentence (代表法 Art. 61, §2.3).

    The office records the start and, when it is known, the day the condition ends (release,
    the end of the sentence, a decision not to prosecute); on that day the platform restores
    the deputy's duties by itself.
    """

    class Ground(models.TextChoices):
        DETAINED = "detained", _("因刑事案件被羁押正在受侦查、起诉、审判")
        SENTENCE = "sentence", _("被依法判处管制、拘役或者有期徒刑而没有附加剥夺政治权利，正在服刑")
        OTHER = "other", _("法律规定的其他情形")

    class Status(models.TextChoices):
        ACTIVE = "active", _("暂停执行代表职务中")
        ENDED = "ended", _("已恢复执行代表职务")

    deputy = models.ForeignKey(
        Deputy, verbose_name=_("代表"), on_delete=models.PROTECT, related_name="suspensions"
    )
    ground = models.CharField(_("情形"), max_length=12, choices=Ground.choices)
    status = models.CharField(
        _("状态"), max_length=8, choices=Status.choices, default=Status.ACTIVE, db_index=True
    )
    starts_on = models.DateField(_("暂停开始日期"))
    facts = models.CharField(_("情况说明"), max_length=300)
    ends_on = models.DateField(
        _("情形消失日期"),
        null=True,
        blank=True,
        help_text=_("释放、刑满、不起诉或宣告无罪等情形消失之日；到日自动恢复执行代表职务。"),
    )
    end_basis = models.CharField(_("情形消失依据"), max_length=200, blank=True)
    restored_on = models.DateField(_("恢复日期"), null=True, blank=True)
    recorded_by = user_link(_("登记人"))

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("暂停执行代表职务")
        verbose_name_plural = _("暂停执行代表职务")
        constraints = [
            models.UniqueConstraint(
                fields=["deputy"],
                condition=Q(status="active"),
                name="suspension_one_active_per_deputy",
            )
        ]

    def __str__(self) -> str:
        return f"{self.deputy.person.name} · {self.get_ground_display()}"


class DutyActivity(TimeStampedModel):
    """A duty activity the record cannot see elsewhere, added by the deputy or the office (§2.4).

    It counts in the duty record only once the office has accepted it, with its evidence;
    what other records already hold (meetings, suggestions, inspections…) is read from them
    and never typed twice.
    """

    class Kind(models.TextChoices):
        RESEARCH = "research", _("视察调研")
        VISIT = "visit", _("走访选民和群众")
        RECEPTION = "reception", _("接待选民")
        GROUP = "group", _("代表小组活动")
        STUDY = "study", _("学习和交流")
        OTHER = "other", _("其他履职活动")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("待审核")
        ACCEPTED = "accepted", _("已审核计入")
        REJECTED = "rejected", _("未计入")

    deputy = models.ForeignKey(
        Deputy, verbose_name=_("代表"), on_delete=models.PROTECT, related_name="duty_activities"
    )
    kind = models.CharField(_("类别"), max_length=10, choices=Kind.choices)
    held_on = models.DateField(_("日期"), db_index=True)
    title = models.CharField(_("活动名称"), max_length=120)
    description = models.TextField(_("情况"), blank=True)
    evidence = models.FileField(_("证明材料"), upload_to="deputies/activities/%Y/", blank=True)
    evidence_name = models.CharField(_("证明材料文件名"), max_length=200, blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
    review_note = models.CharField(_("审核意见"), max_length=200, blank=True)
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    added_by = user_link(_("登记人"))
    reviewed_by = user_link(_("审核人"))

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("履职活动")
        verbose_name_plural = _("履职活动")

    def __str__(self) -> str:
        return self.title

    @property
    def name(self) -> str:
        """The evidence file's name, for downloads."""
        return self.evidence_name


class TrainingCourse(TimeStampedModel):
    """A duty-training course (履职学习培训, S24, §2.6): organised with a plan, signed in at.

    Every deputy should attend at least ``deputy.training_per_term`` courses in a term; the
    coverage and the list of deputies not yet trained are read from the attendance here.
    """

    class Status(models.TextChoices):
        PLANNED = "planned", _("报名中")
        HELD = "held", _("已举办")
        CANCELLED = "cancelled", _("已取消")

    term = models.ForeignKey(
        "people.Term", verbose_name=_("届次"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("培训名称"), max_length=120)
    topic = models.CharField(_("主题"), max_length=200)
    organiser = models.CharField(_("组织单位"), max_length=100)
    place = models.CharField(_("地点"), max_length=120)
    starts_on = models.DateField(_("开始日期"), db_index=True)
    ends_on = models.DateField(_("结束日期"))
    capacity = models.PositiveIntegerField(
        _("名额"), null=True, blank=True, help_text=_("不填为不限。")
    )
    description = models.TextField(_("安排"), blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.PLANNED, db_index=True
    )
    #: Shown at the venue; a deputy signs in with it on their phone during the course.
    sign_in_code = models.CharField(_("签到码"), max_length=8)
    closing_note = models.CharField(_("说明"), max_length=200, blank=True)
    created_by = user_link(_("登记人"))

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("履职学习培训")
        verbose_name_plural = _("履职学习培训")

    def __str__(self) -> str:
        return self.title

    @property
    def phase(self) -> tuple[str, str]:
        """Where a course stands today, as (code, label): a planned course is open for
        enrolment, under way, or over and waiting for the office to close it."""
        if self.status != self.Status.PLANNED:
            return self.status, self.get_status_display()
        today = timezone.localdate()
        if today > self.ends_on:
            return "closing", str(_("待办结"))
        if today >= self.starts_on:
            return "running", str(_("培训中"))
        return self.status, self.get_status_display()


class TrainingEnrolment(TimeStampedModel):
    """A deputy on a course's list: enrolled, then attended (signed in) or absent."""

    class Status(models.TextChoices):
        ENROLLED = "enrolled", _("已报名")
        ATTENDED = "attended", _("已参训")
        ABSENT = "absent", _("未参训")
        WITHDRAWN = "withdrawn", _("已取消报名")

    class Via(models.TextChoices):
        CODE = "code", _("本人扫码签到")
        SHEET = "sheet", _("办公室按签到表登记")

    course = models.ForeignKey(
        TrainingCourse, verbose_name=_("培训"), on_delete=models.CASCADE, related_name="enrolments"
    )
    deputy = models.ForeignKey(
        Deputy, verbose_name=_("代表"), on_delete=models.PROTECT, related_name="trainings"
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.ENROLLED, db_index=True
    )
    signed_in_at = models.DateTimeField(_("签到时间"), null=True, blank=True)
    signed_in_via = models.CharField(_("签到方式"), max_length=6, choices=Via.choices, blank=True)
    enrolled_by = user_link(_("报名登记人"))

    class Meta:
        ordering = ["course", "id"]
        verbose_name = _("培训报名")
        verbose_name_plural = _("培训报名")
        constraints = [
            models.UniqueConstraint(fields=["course", "deputy"], name="training_one_per_deputy")
        ]

    def __str__(self) -> str:
        return f"{self.course} · {self.deputy_id}"


class LiaisonStation(TimeStampedModel):
    """A deputies' home, liaison station or contact point (代表之家 / 联络站 / 联络点, S25).

    Deputies are attached to it; it publishes the days they receive voters there.
    """

    class Kind(models.TextChoices):
        HOME = "home", _("代表之家")
        STATION = "station", _("代表联络站")
        POINT = "point", _("代表联络点")

    name = models.CharField(_("名称"), max_length=80)
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices, default=Kind.STATION)
    area = models.CharField(_("所在街道或乡镇"), max_length=60)
    address = models.CharField(_("地址"), max_length=200)
    #: The station's own public telephone, never a deputy's.
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    hours = models.CharField(_("开放时间"), max_length=120, blank=True)
    description = models.TextField(_("简介"), blank=True)
    active = models.BooleanField(_("开放中"), default=True, db_index=True)
    deputies = models.ManyToManyField(
        Deputy, verbose_name=_("进站代表"), related_name="stations", blank=True
    )
    created_by = user_link(_("登记人"))

    class Meta:
        ordering = ["area", "name", "id"]
        verbose_name = _("代表联络站")
        verbose_name_plural = _("代表联络站")

    def __str__(self) -> str:
        return self.name


class Reception(TimeStampedModel):
    """A day on which deputies receive voters at a station (接待选民日, §2.9): scheduled and
    published, then recorded with who received, how many came and what they raised."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("已安排")
        HELD = "held", _("已接待")
        CANCELLED = "cancelled", _("已取消")

    station = models.ForeignKey(
        LiaisonStation,
        verbose_name=_("联络站"),
        on_delete=models.PROTECT,
        related_name="receptions",
    )
    on_date = models.DateField(_("接待日期"), db_index=True)
    starts_at = models.TimeField(_("开始时间"))
    ends_at = models.TimeField(_("结束时间"))
    theme = models.CharField(_("接待主题"), max_length=120, blank=True)
    deputies = models.ManyToManyField(
        Deputy, verbose_name=_("接待代表"), related_name="receptions_scheduled", blank=True
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.SCHEDULED, db_index=True
    )
    received_by = models.ManyToManyField(
        Deputy, verbose_name=_("实际接待代表"), related_name="receptions", blank=True
    )
    visitors = models.PositiveIntegerField(_("接待群众人数"), null=True, blank=True)
    matters = models.PositiveIntegerField(_("反映问题件数"), null=True, blank=True)
    summary = models.TextField(_("接待情况"), blank=True)
    closing_note = models.CharField(_("取消原因"), max_length=200, blank=True)
    created_by = user_link(_("登记人"))
    recorded_by = user_link(_("记录人"))

    class Meta:
        ordering = ["-on_date", "-starts_at", "-id"]
        verbose_name = _("接待选民日")
        verbose_name_plural = _("接待选民日")

    def __str__(self) -> str:
        return f"{self.station} · {self.on_date}"


class Contact(TimeStampedModel):
    """One contact of the 双联系 system (S23, 意见三(十一)2, §2.9): a standing-committee member
    with deputies, or a deputy with voters. Counted per quarter against local settings."""

    class Kind(models.TextChoices):
        SC_DEPUTY = "sc_deputy", _("常委会组成人员联系代表")
        DEPUTY_VOTER = "deputy_voter", _("代表联系群众")

    class Way(models.TextChoices):
        VISIT = "visit", _("走访")
        MEETING = "meeting", _("座谈")
        PHONE = "phone", _("电话")
        ONLINE = "online", _("网络")
        OTHER = "other", _("其他")

    class Status(models.TextChoices):
        COUNTED = "counted", _("已登记")
        STRUCK = "struck", _("已撤销")

    kind = models.CharField(_("类型"), max_length=14, choices=Kind.choices, db_index=True)
    way = models.CharField(_("方式"), max_length=10, choices=Way.choices, default=Way.VISIT)
    on_date = models.DateField(_("日期"), db_index=True)
    #: Who made the contact: the standing-committee member, or the deputy.
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("联系人"),
        on_delete=models.PROTECT,
        related_name="contacts_made",
    )
    #: The deputy's mandate, for a deputy's contact with voters.
    deputy = models.ForeignKey(
        Deputy,
        verbose_name=_("代表"),
        on_delete=models.PROTECT,
        related_name="voter_contacts",
        null=True,
        blank=True,
    )
    #: The deputies a standing-committee member contacted.
    deputies = models.ManyToManyField(
        Deputy, verbose_name=_("联系的代表"), related_name="contacted_by", blank=True
    )
    voters = models.PositiveIntegerField(_("联系群众人数"), null=True, blank=True)
    place = models.CharField(_("地点"), max_length=120, blank=True)
    summary = models.TextField(_("联系情况和反映的意见"))
    follow_up = models.TextField(_("意见处理情况"), blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.COUNTED, db_index=True
    )
    struck_reason = models.CharField(_("撤销原因"), max_length=200, blank=True)
    recorded_by = user_link(_("登记人"))

    class Meta:
        ordering = ["-on_date", "-id"]
        verbose_name = _("双联系记录")
        verbose_name_plural = _("双联系记录")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.on_date}"


class WorkPlan(TimeStampedModel):
    """The year's deputy-work plan (年度代表工作计划, 代表法 Art. 43, §2.8): drafted by the
    office, adopted by the council of chairpersons, then circulated and published."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        ADOPTED = "adopted", _("主任会议已通过")
        PUBLISHED = "published", _("已公布")

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    title = models.CharField(_("标题"), max_length=120)
    body = models.TextField(_("计划正文"))
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    adopted_on = models.DateField(_("通过日期"), null=True, blank=True)
    #: The council of chairpersons' meeting that adopted it, when the meeting is on record.
    adopted_at = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("通过的主任会议"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True)
    created_by = user_link(_("起草人"))

    class Meta:
        ordering = ["-year"]
        verbose_name = _("年度代表工作计划")
        verbose_name_plural = _("年度代表工作计划")

    def __str__(self) -> str:
        return self.title


class VoterReport(TimeStampedModel):
    """A deputy's report on their duties to the voters or the electoral unit that elected them
    (代表向选民或者原选举单位述职, 代表法 Art. 58, S26, §2.5): arranged by the office and
    published, then recorded with the report, how many came and the voters' evaluation."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("已安排")
        HELD = "held", _("已述职")
        CANCELLED = "cancelled", _("已取消")

    deputy = models.ForeignKey(
        Deputy,
        verbose_name=_("代表"),
        on_delete=models.PROTECT,
        related_name="voter_reports",
    )
    unit = models.CharField(_("选区或选举单位"), max_length=120)
    held_on = models.DateField(_("述职日期"), db_index=True)
    place = models.CharField(_("地点"), max_length=120)
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.PLANNED, db_index=True
    )
    report = models.TextField(_("述职报告"), blank=True)
    attendance = models.PositiveIntegerField(_("参加人数"), null=True, blank=True)
    satisfied = models.PositiveIntegerField(_("满意"), null=True, blank=True)
    basically = models.PositiveIntegerField(_("基本满意"), null=True, blank=True)
    unsatisfied = models.PositiveIntegerField(_("不满意"), null=True, blank=True)
    closing_note = models.CharField(_("取消原因"), max_length=200, blank=True)
    created_by = user_link(_("登记人"))
    recorded_by = user_link(_("记录人"))

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("代表述职")
        verbose_name_plural = _("代表述职")

    def __str__(self) -> str:
        return f"{self.deputy} · {self.held_on}"

    @property
    def rated(self) -> int:
        """How many voters evaluated the report."""
        return (self.satisfied or 0) + (self.basically or 0) + (self.unsatisfied or 0)

    @property
    def satisfaction(self) -> int | None:
        """The share (%) of those who evaluated it who were satisfied or basically satisfied."""
        if not self.rated:
            return None
        return round(((self.satisfied or 0) + (self.basically or 0)) * 100 / self.rated)


from .byelections import ByElection  # noqa: E402, F401
from .messages import OPEN_STATUSES, VoterMessage  # noqa: E402, F401  (the voters' channel, its own module)
from .recalls import Recall  # noqa: E402, F401
from .resignations import Resignation  # noqa: E402, F401
