"""Elections and appointments (rules.md §7). So far the pre-appointment law exam (§7.8).

A person the congress or its standing committee is to elect or appoint sits the law exam
(任前法律知识考试) before the motion goes forward; a pass is valid for the term, so one who
passed need not sit again in the same term.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from renda.core.models import TimeStampedModel, user_link


class LawExam(TimeStampedModel):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("已安排")
        HELD = "held", _("已登记成绩")
        CANCELLED = "cancelled", _("已取消")

    term = models.ForeignKey(
        "people.Term", verbose_name=_("届"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("考试名称"), max_length=120)
    held_on = models.DateField(_("考试日期"))
    place = models.CharField(_("地点"), max_length=120)
    organiser = models.CharField(_("组织单位"), max_length=120, blank=True)
    full_marks = models.PositiveSmallIntegerField(_("满分"), default=100)
    #: Copied from ``appointment.exam_pass_mark`` when the exam is set, so a later change of
    #: the setting leaves the exams already set as they were announced.
    pass_mark = models.PositiveSmallIntegerField(_("合格分数"))
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.SCHEDULED, db_index=True
    )
    closing_note = models.CharField(_("说明"), max_length=200, blank=True)
    created_by = user_link(_("登记人"))

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("任前法律知识考试")
        verbose_name_plural = _("任前法律知识考试")

    def __str__(self) -> str:
        return self.title


class ExamResult(TimeStampedModel):
    class Status(models.TextChoices):
        ENROLLED = "enrolled", _("待考")
        PASSED = "passed", _("合格")
        FAILED = "failed", _("不合格")
        ABSENT = "absent", _("缺考")
        WITHDRAWN = "withdrawn", _("已撤销报名")

    exam = models.ForeignKey(
        LawExam, verbose_name=_("考试"), on_delete=models.CASCADE, related_name="results"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("应考人员"), on_delete=models.PROTECT, related_name="+"
    )
    post_sought = models.CharField(_("拟任职务"), max_length=120)
    score = models.DecimalField(_("成绩"), max_digits=4, decimal_places=1, null=True, blank=True)
    status = models.CharField(
        _("结果"), max_length=10, choices=Status.choices, default=Status.ENROLLED, db_index=True
    )

    class Meta:
        ordering = ["exam_id", "id"]
        verbose_name = _("考试成绩")
        verbose_name_plural = _("考试成绩")
        constraints = [
            models.UniqueConstraint(fields=["exam", "person"], name="exam_result_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.exam}"


class Appointment(TimeStampedModel):
    """A personnel motion before this standing committee (任免, §7.6–§7.10), from the
    nomination to the vote: to appoint a person to a post of the register, or to relieve a
    holder of it (免职), dismiss them (撤职) or accept their resignation (辞职). Carried, an
    appointment places the person in the post register
    (:class:`renda.people.models.Membership`); the others end the holding."""

    class Kind(models.TextChoices):
        APPOINT = "appoint", _("任命")
        ACTING = "acting", _("决定代理")
        REMOVE = "remove", _("免职")
        DISMISS = "dismiss", _("撤职")
        RESIGN = "resign", _("接受辞职")

    class Status(models.TextChoices):
        NOMINATED = "nominated", _("已提请")
        VOTING = "voting", _("已列入会议表决")
        APPOINTED = "appointed", _("任命通过")
        RELIEVED = "relieved", _("已免去职务")
        NOT_APPOINTED = "not_appointed", _("未获通过")
        DEFERRED = "deferred", _("暂缓任命")
        WITHDRAWN = "withdrawn", _("已撤回")

    class Nominator(models.TextChoices):
        COUNCIL = "council", _("主任会议")
        GOVERNMENT_HEAD = "government_head", _("市（县、区）长")
        SUPERVISORY_DIRECTOR = "supervisory_director", _("监察委员会主任")
        COURT_PRESIDENT = "court_president", _("人民法院院长")
        CHIEF_PROCURATOR = "chief_procurator", _("人民检察院检察长")

    kind = models.CharField(
        _("事项类别"), max_length=10, choices=Kind.choices, default=Kind.APPOINT, db_index=True
    )
    term = models.ForeignKey(
        "people.Term", verbose_name=_("届"), on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("拟任免人员"), on_delete=models.PROTECT, related_name="+"
    )
    post = models.ForeignKey(
        "people.Post", verbose_name=_("拟任职务"), on_delete=models.PROTECT, related_name="+"
    )
    #: For a removal, dismissal or resignation: the holding it ends.
    holding = models.ForeignKey(
        "people.Membership",
        verbose_name=_("现任职务"),
        on_delete=models.PROTECT,
        related_name="relief_motions",
        null=True,
        blank=True,
    )
    nominator = models.CharField(_("提请人"), max_length=24, choices=Nominator.choices)
    nominated_on = models.DateField(_("提请日期"))
    motion = models.TextField(_("提请的说明"))
    #: The candidate's statement before appointment (任前/供职发言, §7.9).
    statement = models.TextField(_("供职发言"), blank=True)
    statement_in_writing = models.BooleanField(_("书面发言"), default=False)
    statement_item = models.ForeignKey(
        "meetings.AgendaItem",
        verbose_name=_("发言议程事项"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    status = models.CharField(
        _("状态"), max_length=14, choices=Status.choices, default=Status.NOMINATED, db_index=True
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        verbose_name=_("议程事项"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    poll = models.ForeignKey(
        "voting.Poll",
        verbose_name=_("表决"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    tally = models.JSONField(_("表决结果"), default=dict, blank=True)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    membership = models.OneToOneField(
        "people.Membership",
        verbose_name=_("任职"),
        on_delete=models.PROTECT,
        related_name="appointment",
        null=True,
        blank=True,
    )
    certificate_no = models.CharField(_("任命书编号"), max_length=40, blank=True)
    certificate_issued_on = models.DateField(_("任命书签发日期"), null=True, blank=True)
    #: The last day for the public notice (§7.11), fixed when the motion is carried.
    notice_due_on = models.DateField(_("公告期限"), null=True, blank=True)
    announcement = models.TextField(_("公告"), blank=True)
    announced_on = models.DateField(_("公告日期"), null=True, blank=True)
    closing_note = models.CharField(_("说明"), max_length=200, blank=True)
    created_by = user_link(_("登记人"))

    class Meta:
        ordering = ["-nominated_on", "-id"]
        verbose_name = _("任免事项")
        verbose_name_plural = _("任免事项")
        constraints = [
            models.UniqueConstraint(
                fields=["certificate_no"],
                condition=~models.Q(certificate_no=""),
                name="appointment_certificate_no_once",
            )
        ]

    @property
    def notice_overdue(self) -> bool:
        from django.utils import timezone

        due = self.notice_due_on
        if due is None:
            return False
        return (self.announced_on or timezone.localdate()) > due

    @property
    def is_appointing(self) -> bool:
        """To appoint or to decide an acting holder: the exam and the statement apply."""
        return self.kind in (self.Kind.APPOINT, self.Kind.ACTING)

    @property
    def carried(self) -> bool:
        return self.status in (self.Status.APPOINTED, self.Status.RELIEVED)

    @property
    def title(self) -> str:
        """The motion as the agenda and the notice name it: 任命张三为…, 免去李四的…职务."""
        return str(TITLES[self.kind]).format(name=self.person.name, post=self.post)

    def __str__(self) -> str:
        return self.title


TITLES = {
    Appointment.Kind.APPOINT: _("任命{name}为{post}"),
    Appointment.Kind.ACTING: _("决定{name}代理{post}"),
    Appointment.Kind.REMOVE: _("免去{name}的{post}职务"),
    Appointment.Kind.DISMISS: _("撤销{name}的{post}职务"),
    Appointment.Kind.RESIGN: _("接受{name}辞去{post}职务的请求"),
}


#: The constitutional oath (宪法宣誓誓词, 全国人大常委会关于实行宪法宣誓制度的决定), fixed.
OATH_TEXT = (
    "我宣誓：忠于中华人民共和国宪法，维护宪法权威，履行法定职责，忠于祖国、忠于人民，"
    "恪尽职守、廉洁奉公，接受人民监督，为建设富强民主文明和谐美丽的社会主义现代化强国努力奋斗！"
)


class OathCeremony(TimeStampedModel):
    """A public constitutional-oath ceremony (§7.12) for people the standing committee
    appointed: who led, who swore, who witnessed; the text is fixed."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("已安排")
        HELD = "held", _("已举行")

    held_on = models.DateField(_("宣誓日期"))
    place = models.CharField(_("地点"), max_length=120)
    led_by = models.ForeignKey(
        "people.Person",
        verbose_name=_("监誓人"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    witnesses = models.CharField(_("见证人员"), max_length=200, blank=True)
    text = models.TextField(_("誓词"), default=OATH_TEXT)
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.SCHEDULED, db_index=True
    )
    created_by = user_link(_("登记人"))

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("宪法宣誓仪式")
        verbose_name_plural = _("宪法宣誓仪式")

    def __str__(self) -> str:
        return f"{self.held_on} · {self.place}"


class OathTaker(TimeStampedModel):
    class Status(models.TextChoices):
        LISTED = "listed", _("待宣誓")
        SWORN = "sworn", _("已宣誓")
        ABSENT = "absent", _("未到场，另行安排")

    ceremony = models.ForeignKey(
        OathCeremony, verbose_name=_("宣誓仪式"), on_delete=models.CASCADE, related_name="takers"
    )
    appointment = models.ForeignKey(
        Appointment, verbose_name=_("任命事项"), on_delete=models.PROTECT, related_name="oaths"
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.LISTED, db_index=True
    )

    class Meta:
        ordering = ["ceremony_id", "id"]
        verbose_name = _("宣誓人员")
        verbose_name_plural = _("宣誓人员")
        constraints = [
            models.UniqueConstraint(fields=["ceremony", "appointment"], name="oath_taker_once"),
        ]


class Election(TimeStampedModel):
    """An election by the congress at its session (选举, §7.2–§7.4): a post, the number to
    elect, the candidates nominated by the presidium or jointly by deputies (§7.3), the
    consultation before the slate is fixed, and the vote through the voting core, whose
    sealed result places those elected in the post register."""

    class Status(models.TextChoices):
        NOMINATING = "nominating", _("提名酝酿中")
        VOTING = "voting", _("已列入大会选举")
        ELECTED = "elected", _("已选出")
        INCOMPLETE = "incomplete", _("未选足，须另行选举")
        WITHDRAWN = "withdrawn", _("已撤销")

    term = models.ForeignKey(
        "people.Term", verbose_name=_("届"), on_delete=models.PROTECT, related_name="+"
    )
    meeting = models.ForeignKey(
        "meetings.Meeting", verbose_name=_("大会会议"), on_delete=models.PROTECT, related_name="+"
    )
    post = models.ForeignKey(
        "people.Post", verbose_name=_("选举职务"), on_delete=models.PROTECT, related_name="+"
    )
    seats = models.PositiveSmallIntegerField(_("应选人数"), default=1)
    office_kind = models.CharField(_("职务类别（差额规则）"), max_length=16)
    opened_on = models.DateField(_("开始提名日期"))
    status = models.CharField(
        _("状态"), max_length=12, choices=Status.choices, default=Status.NOMINATING, db_index=True
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        verbose_name=_("议程事项"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    poll = models.ForeignKey(
        "voting.Poll",
        verbose_name=_("选举"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    tally = models.JSONField(_("选举结果"), default=dict, blank=True)
    decided_on = models.DateField(_("选举日期"), null=True, blank=True)
    closing_note = models.CharField(_("说明"), max_length=200, blank=True)
    created_by = user_link(_("登记人"))

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("选举事项")
        verbose_name_plural = _("选举事项")
        constraints = [
            models.CheckConstraint(condition=models.Q(seats__gte=1), name="election_seats_positive")
        ]

    def __str__(self) -> str:
        return f"{self.post}（{self.seats}）"


class Nomination(TimeStampedModel):
    """A candidate of an election, nominated by the presidium or jointly by deputies."""

    class By(models.TextChoices):
        PRESIDIUM = "presidium", _("大会主席团")
        DEPUTIES = "deputies", _("代表联名")

    class Status(models.TextChoices):
        NOMINATED = "nominated", _("候选人")
        WITHDRAWN = "withdrawn", _("已撤回")
        ELECTED = "elected", _("当选")
        NOT_ELECTED = "not_elected", _("未当选")

    election = models.ForeignKey(
        Election, verbose_name=_("选举事项"), on_delete=models.CASCADE, related_name="nominations"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("候选人"), on_delete=models.PROTECT, related_name="+"
    )
    by = models.CharField(_("提名方式"), max_length=10, choices=By.choices)
    sponsors = models.ManyToManyField(
        "people.Deputy", verbose_name=_("联名代表"), related_name="+", blank=True
    )
    nominated_on = models.DateField(_("提名日期"))
    status = models.CharField(
        _("状态"), max_length=12, choices=Status.choices, default=Status.NOMINATED, db_index=True
    )
    membership = models.OneToOneField(
        "people.Membership",
        verbose_name=_("任职"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        ordering = ["election_id", "id"]
        verbose_name = _("候选人提名")
        verbose_name_plural = _("候选人提名")
        constraints = [
            models.UniqueConstraint(fields=["election", "person"], name="nomination_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.election}"
