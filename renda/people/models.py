"""Persons, organizations, posts, memberships and terms, shaped after Popolo."""

from __future__ import annotations

import datetime as dt

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from renda.core.models import TimeStampedModel
from renda.core.search import SearchableModel


class Jurisdiction(TimeStampedModel):
    """The one city or county whose congress this installation serves."""

    class Level(models.TextChoices):
        CITY = "city", _("设区的市")
        COUNTY = "county", _("县（区）")

    name = models.CharField(_("行政区域名称"), max_length=60)
    name_en = models.CharField(_("英文名称"), max_length=100, blank=True)
    level = models.CharField(_("层级"), max_length=10, choices=Level.choices)
    population = models.PositiveBigIntegerField(_("人口"), default=0)

    class Meta:
        verbose_name = _("行政区域")
        verbose_name_plural = _("行政区域")

    def __str__(self) -> str:
        return self.name


class Organization(SearchableModel, TimeStampedModel):
    """A body: the congress, its committees, delegations, handling units…"""

    class Kind(models.TextChoices):
        CONGRESS = "congress", _("人民代表大会")
        STANDING_COMMITTEE = "standing_committee", _("常务委员会")
        CHAIRPERSONS_COUNCIL = "chairpersons_council", _("主任会议")
        PRESIDIUM = "presidium", _("主席团")
        SPECIAL_COMMITTEE = "special_committee", _("专门委员会")
        WORKING_BODY = "working_body", _("工作委员会")
        GENERAL_OFFICE = "general_office", _("办事机构")
        DELEGATION = "delegation", _("代表团")
        DEPUTY_GROUP = "deputy_group", _("代表小组")
        PARTY_COMMITTEE = "party_committee", _("党委")
        GOVERNMENT = "government", _("人民政府")
        GOVERNMENT_DEPARTMENT = "government_department", _("政府工作部门")
        SUPERVISORY_COMMISSION = "supervisory_commission", _("监察委员会")
        COURT = "court", _("人民法院")
        PROCURATORATE = "procuratorate", _("人民检察院")
        OTHER_UNIT = "other_unit", _("其他单位")

    #: Kinds that receive and answer assigned items (承办单位).
    HANDLING_UNIT_KINDS = (
        Kind.GOVERNMENT,
        Kind.GOVERNMENT_DEPARTMENT,
        Kind.SUPERVISORY_COMMISSION,
        Kind.COURT,
        Kind.PROCURATORATE,
        Kind.OTHER_UNIT,
    )
    #: Kinds that belong to the congress and its standing committee.
    CONGRESS_KINDS = (
        Kind.CONGRESS,
        Kind.STANDING_COMMITTEE,
        Kind.CHAIRPERSONS_COUNCIL,
        Kind.PRESIDIUM,
        Kind.SPECIAL_COMMITTEE,
        Kind.WORKING_BODY,
        Kind.GENERAL_OFFICE,
    )

    name = models.CharField(_("名称"), max_length=100)
    name_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    abbreviation = models.CharField(_("简称"), max_length=40, blank=True)
    kind = models.CharField(_("类别"), max_length=30, choices=Kind.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    code = models.SlugField(_("代码"), max_length=60, unique=True, allow_unicode=False)
    description = models.TextField(_("简介"), blank=True)
    founding_date = models.DateField(_("成立日期"), null=True, blank=True)
    dissolution_date = models.DateField(_("撤销日期"), null=True, blank=True)
    is_public = models.BooleanField(_("在公众网站显示"), default=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=100)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("机构")
        verbose_name_plural = _("机构")
        constraints = [
            models.CheckConstraint(
                condition=Q(dissolution_date__isnull=True)
                | Q(founding_date__isnull=True)
                | Q(dissolution_date__gte=models.F("founding_date")),
                name="organization_dissolution_after_founding",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def search_document(self) -> str:
        return " ".join(
            filter(None, [self.name, self.abbreviation, self.name_en, self.description])
        )

    @property
    def is_handling_unit(self) -> bool:
        return self.kind in self.HANDLING_UNIT_KINDS


class Term(TimeStampedModel):
    """A term (届) of the congress, e.g. 第十七届."""

    congress = models.ForeignKey(
        Organization,
        verbose_name=_("人民代表大会"),
        on_delete=models.PROTECT,
        related_name="terms",
        limit_choices_to={"kind": Organization.Kind.CONGRESS},
    )
    number = models.PositiveSmallIntegerField(
        _("届次"), validators=[MinValueValidator(1), MaxValueValidator(99)]
    )
    start_date = models.DateField(_("起始日期"))
    end_date = models.DateField(_("届满日期"), null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("届")
        verbose_name_plural = _("届")
        constraints = [
            models.UniqueConstraint(fields=["congress", "number"], name="term_unique_number"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gt=models.F("start_date")),
                name="term_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return _("第{n}届").format(n=self.number)

    def is_current(self, today: dt.date) -> bool:
        return self.start_date <= today and (self.end_date is None or today <= self.end_date)


class Person(SearchableModel, TimeStampedModel):
    """A real person: deputy, member, official, staff or officer."""

    class Gender(models.TextChoices):
        MALE = "male", _("男")
        FEMALE = "female", _("女")

    class Party(models.TextChoices):
        CPC = "cpc", _("中国共产党")
        REVCOM = "revcom", _("中国国民党革命委员会")
        DEMLEAGUE = "demleague", _("中国民主同盟")
        DEMNATCON = "demnatcon", _("中国民主建国会")
        DEMPROM = "demprom", _("中国民主促进会")
        PEASANTS = "peasants", _("中国农工民主党")
        ZHIGONG = "zhigong", _("中国致公党")
        JIUSAN = "jiusan", _("九三学社")
        TAIWAN = "taiwan", _("台湾民主自治同盟")
        NONE = "none", _("无党派")

    name = models.CharField(_("姓名"), max_length=40)
    name_en = models.CharField(_("英文姓名或拼音"), max_length=80, blank=True)
    gender = models.CharField(_("性别"), max_length=10, choices=Gender.choices)
    ethnicity = models.CharField(_("民族"), max_length=20, default="汉族")
    birth_year = models.PositiveSmallIntegerField(
        _("出生年份"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    party = models.CharField(_("党派"), max_length=12, choices=Party.choices, default=Party.NONE)
    education = models.CharField(_("学历"), max_length=30, blank=True)
    occupation = models.CharField(_("工作单位及职务"), max_length=120, blank=True)
    biography = models.TextField(_("简历"), blank=True)
    # Contact data is visible to staff only (see selectors.person_contact_visible_to).
    phone = models.CharField(
        _("联系电话"),
        max_length=20,
        blank=True,
        validators=[
            RegexValidator(r"^[0-9+\- ]{5,20}$", _("电话号码只能包含数字、空格、+ 和 -。"))
        ],
    )
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("通讯地址"), max_length=200, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("人员")
        verbose_name_plural = _("人员")

    def __str__(self) -> str:
        return self.name

    def search_document(self) -> str:
        return " ".join(filter(None, [self.name, self.name_en, self.occupation, self.ethnicity]))

    def age_in(self, year: int) -> int | None:
        return None if self.birth_year is None else year - self.birth_year


class Post(TimeStampedModel):
    """A position in an organization, e.g. 常委会主任, 法院院长, 委员."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("主任/主任委员")
        VICE_CHAIR = "vice_chair", _("副主任/副主任委员")
        SECRETARY_GENERAL = "secretary_general", _("秘书长")
        MEMBER = "member", _("委员/成员")
        HEAD = "head", _("主要负责人")
        DEPUTY_HEAD = "deputy_head", _("副职负责人")
        OFFICER = "officer", _("工作人员")
        DEPUTY = "deputy", _("代表")

    organization = models.ForeignKey(
        Organization, verbose_name=_("机构"), on_delete=models.CASCADE, related_name="posts"
    )
    label = models.CharField(_("职务名称"), max_length=60)
    role = models.CharField(_("职务类别"), max_length=20, choices=Role.choices)
    #: Filled by election or appointment of the congress or its SC (S17 statutory reporters).
    elected_or_appointed = models.BooleanField(_("由人大或常委会选举任命"), default=False)
    sort_order = models.PositiveIntegerField(_("排序"), default=100)

    class Meta:
        ordering = ["organization_id", "sort_order", "id"]
        verbose_name = _("职务")
        verbose_name_plural = _("职务")
        constraints = [
            models.UniqueConstraint(fields=["organization", "label"], name="post_unique_label")
        ]

    def __str__(self) -> str:
        return f"{self.organization.name}{self.label}"


class Membership(TimeStampedModel):
    """A person's place in an organization for a span of time."""

    class Obtained(models.TextChoices):
        ELECTION = "election", _("选举")
        APPOINTMENT = "appointment", _("任命")
        ACTING = "acting", _("决定代理")

    person = models.ForeignKey(
        Person, verbose_name=_("人员"), on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("机构"), on_delete=models.CASCADE, related_name="memberships"
    )
    post = models.ForeignKey(
        Post,
        verbose_name=_("职务"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(
        _("角色"), max_length=20, choices=Post.Role.choices, default=Post.Role.MEMBER
    )
    term = models.ForeignKey(
        Term,
        verbose_name=_("届"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"), null=True, blank=True)
    end_reason = models.CharField(_("结束原因"), max_length=120, blank=True)
    is_full_time = models.BooleanField(_("专职"), default=False)
    #: How a post of the register was obtained (rules §7), when a vote of this congress or
    #: its standing committee placed the person in it; empty for rows recorded otherwise.
    obtained = models.CharField(
        _("产生方式"), max_length=12, choices=Obtained.choices, blank=True, default=""
    )

    class Meta:
        ordering = ["organization_id", "role", "id"]
        verbose_name = _("任职")
        verbose_name_plural = _("任职")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_end_after_start",
            ),
            models.UniqueConstraint(
                fields=["person", "organization", "role"],
                condition=Q(end_date__isnull=True),
                name="membership_unique_open",
            ),
        ]
        indexes = [models.Index(fields=["organization", "end_date"])]

    def __str__(self) -> str:
        return f"{self.person} · {self.organization} · {self.get_role_display()}"

    def is_active_on(self, day: dt.date) -> bool:
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)


class Deputy(TimeStampedModel):
    """A person's mandate as a deputy of the congress for one term.

    The attributes here are those the seed's composition rules need (S20, S21)
    and the deputy's lifecycle (代表法 Arts. 61–63).
    """

    class Occupation(models.TextChoices):
        WORKER = "worker", _("一线工人")
        FARMER = "farmer", _("农民")
        PROFESSIONAL = "professional", _("专业技术人员/知识分子")
        LEADING_CADRE = "leading_cadre", _("党政领导干部")
        MILITARY = "military", _("解放军和武警")
        OTHER = "other", _("其他")

    class Status(models.TextChoices):
        ACTIVE = "active", _("在任")
        SUSPENDED = "suspended", _("暂停执行代表职务")
        RESIGNED = "resigned", _("辞职")
        TERMINATED = "terminated", _("代表资格终止")
        RECALLED = "recalled", _("被罢免")
        DECEASED = "deceased", _("去世")

    person = models.ForeignKey(
        Person, verbose_name=_("人员"), on_delete=models.PROTECT, related_name="mandates"
    )
    term = models.ForeignKey(
        Term, verbose_name=_("届"), on_delete=models.PROTECT, related_name="deputies"
    )
    constituency = models.CharField(_("选区"), max_length=80, blank=True)
    electing_unit = models.CharField(_("原选举单位"), max_length=80, blank=True)
    occupation_category = models.CharField(
        _("代表构成类别"), max_length=20, choices=Occupation.choices, default=Occupation.OTHER
    )
    is_reelected = models.BooleanField(_("连任代表"), default=False)
    status = models.CharField(
        _("状态"), max_length=12, choices=Status.choices, default=Status.ACTIVE, db_index=True
    )
    status_date = models.DateField(_("状态变更日期"), null=True, blank=True)
    status_reason = models.CharField(_("状态变更原因"), max_length=200, blank=True)
    elected_on = models.DateField(_("当选日期"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("代表")
        verbose_name_plural = _("代表")
        constraints = [
            models.UniqueConstraint(fields=["person", "term"], name="deputy_unique_per_term"),
        ]

    def __str__(self) -> str:
        return f"{self.person.name}（{self.term}）"

    @property
    def is_leading_cadre(self) -> bool:
        return self.occupation_category == self.Occupation.LEADING_CADRE

    @property
    def is_seated(self) -> bool:
        """A deputy counts towards 'all deputies' unless the mandate has ended."""
        return self.status in (self.Status.ACTIVE, self.Status.SUSPENDED)
