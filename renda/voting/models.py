"""Polls, the voter roll, the anonymous ballot box, the poll log and sealed results.

The roll (who is entitled, who has voted) and the box (what was chosen) are kept
apart: :class:`Ballot` has no column naming a member, seat, session, address or
time and no link to :class:`RollEntry`; its id is random and the box is rewritten
in random order when the poll closes, so neither columns nor physical order tie a
choice to a voter (voting.md, level 1). ``tests/test_schema.py`` keeps it so.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from renda.core.models import TimeStampedModel
from renda.meetings.models import AgendaItem
from renda.people.models import Person

from .workflow import PollStatus


class Poll(TimeStampedModel):
    """One vote on one question of an agenda item (表决、任免、选举或满意度测评)."""

    class Kind(models.TextChoices):
        DECISION = "decision", _("表决")
        APPOINTMENT = "appointment", _("任免")
        ELECTION = "election", _("选举")
        SATISFACTION = "satisfaction", _("满意度测评")

    class Secrecy(models.TextChoices):
        ANONYMOUS = "anonymous", _("无记名")
        """Keypad vote: who voted is known, how each voted is not."""
        SECRET = "secret", _("秘密投票")
        """Secret ballot of an election; as anonymous, with candidates and write-ins."""
        NAMED = "named", _("记名")
        """Each member's choice is recorded and published after the seal."""

    class Method(models.TextChoices):
        KEYPAD = "keypad", _("按表决器")
        SHOW_OF_HANDS = "show_of_hands", _("举手")
        PAPER = "paper", _("纸质选票")

    class OfficeKind(models.TextChoices):
        OTHER = "other", _("其他（不限差额）")
        DEPUTY_DIRECT = "deputy_direct", _("直接选举代表")
        DEPUTY_INDIRECT = "deputy_indirect", _("间接选举代表")
        HEAD = "head", _("正职领导人员")
        DEPUTY_HEAD = "deputy_head", _("副职领导人员")
        SC_MEMBER = "sc_member", _("常委会委员")

    Status = PollStatus

    agenda_item = models.ForeignKey(
        AgendaItem, verbose_name=_("议程事项"), on_delete=models.PROTECT, related_name="polls"
    )
    title = models.CharField(_("表决事项"), max_length=200)
    kind = models.CharField(_("表决类别"), max_length=14, choices=Kind.choices)
    secrecy = models.CharField(_("记名方式"), max_length=10, choices=Secrecy.choices)
    method = models.CharField(
        _("表决方式"), max_length=14, choices=Method.choices, default=Method.KEYPAD
    )
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=PollStatus.choices,
        default=PollStatus.DRAFT,
        db_index=True,
    )
    base_count = models.PositiveIntegerField(
        _("应到人数（全体组成人员）"),
        null=True,
        blank=True,
        help_text=_("开始表决时冻结的名册人数，即计票基数。"),
    )
    threshold = models.PositiveIntegerField(_("通过所需票数"), null=True, blank=True)
    received = models.PositiveIntegerField(_("已收票数"), default=0)
    opened_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    closes_at = models.DateTimeField(_("截止时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    announced_at = models.DateTimeField(_("宣布时间"), null=True, blank=True)
    annul_reason = models.TextField(_("作废原因"), blank=True)
    en_bloc = models.BooleanField(_("合并表决"), default=False)
    no_objection_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("无异议确认人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("合并表决须经主持人询问无异议后确认。"),
    )
    no_objection_at = models.DateTimeField(_("无异议确认时间"), null=True, blank=True)
    nominee = models.ForeignKey(
        Person,
        verbose_name=_("被任免人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appointment_polls",
    )
    satisfaction_counts_basic = models.BooleanField(_("基本满意计入满意"), default=True)
    seats = models.PositiveSmallIntegerField(_("应选人数"), default=1)
    office_kind = models.CharField(
        _("选举职务类别"), max_length=16, choices=OfficeKind.choices, default=OfficeKind.OTHER
    )
    log_seq = models.PositiveIntegerField(_("日志序号"), default=0)
    log_head = models.CharField(_("日志链头"), max_length=64, default="0" * 64)
    crypto = models.JSONField(
        _("加密参数"),
        default=dict,
        blank=True,
        help_text=_(
            "开始表决时写入：投票公钥、监票人密钥记录；截止后写入加密总数和解密结果。"
            "为空表示未加密的表决（服务器运维人员可读取选票）。"
        ),
    )

    class Meta:
        ordering = ["agenda_item_id", "id"]
        verbose_name = _("表决")
        verbose_name_plural = _("表决")
        constraints = [
            models.CheckConstraint(condition=Q(seats__gte=1), name="poll_seats_positive"),
            models.CheckConstraint(
                condition=~Q(status="annulled") | ~Q(annul_reason=""),
                name="poll_annul_needs_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_manual(self) -> bool:
        return self.method != self.Method.KEYPAD

    @property
    def is_named(self) -> bool:
        return self.secrecy == self.Secrecy.NAMED

    @property
    def is_encrypted(self) -> bool:
        """Ballots encrypted on the terminals under the scrutineers' key (level 2)."""
        return bool(self.crypto)

    @property
    def awaiting_decryption(self) -> bool:
        """Closed, encrypted, and the scrutineers have not yet decrypted the totals."""
        return self.is_encrypted and self.status == PollStatus.CLOSED


class Candidate(models.Model):
    """A person on an election slate, or one nominee of an appointment list voted en bloc."""

    poll = models.ForeignKey(
        Poll, verbose_name=_("表决"), on_delete=models.CASCADE, related_name="candidates"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("候选人"), on_delete=models.PROTECT, related_name="+"
    )
    order = models.PositiveSmallIntegerField(_("序号"))

    class Meta:
        ordering = ["poll_id", "order"]
        verbose_name = _("候选人")
        verbose_name_plural = _("候选人")
        constraints = [
            models.UniqueConstraint(fields=["poll", "person"], name="candidate_unique_person")
        ]

    def __str__(self) -> str:
        return str(self.person_id)


class RollEntry(models.Model):
    """One member on a poll's roll: entitled, signed in at open, has voted.

    No timestamp of voting is kept, and nothing here points at a ballot.
    """

    poll = models.ForeignKey(
        Poll, verbose_name=_("表决"), on_delete=models.CASCADE, related_name="roll"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("人员"), on_delete=models.PROTECT, related_name="+"
    )
    entitled = models.BooleanField(_("有表决权"), default=True)
    signed_in_at_open = models.BooleanField(_("开始时已签到"), default=False)
    has_voted = models.BooleanField(_("已投票"), default=False)

    class Meta:
        ordering = ["poll_id", "person_id"]
        verbose_name = _("表决名册")
        verbose_name_plural = _("表决名册")
        constraints = [
            models.UniqueConstraint(fields=["poll", "person"], name="roll_one_entry_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.poll_id}:{self.person_id}"


class Ballot(models.Model):
    """One ballot in the box: a choice and its receipt hash, and nothing about the voter."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    poll = models.ForeignKey(
        Poll, verbose_name=_("表决"), on_delete=models.CASCADE, related_name="ballots"
    )
    choice = models.JSONField(_("选择"))
    nonce = models.CharField(_("随机数"), max_length=32)
    hash = models.CharField(_("回执"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("选票")
        verbose_name_plural = _("选票")

    def __str__(self) -> str:
        return self.hash[:12]


class NamedVote(models.Model):
    """A member's choice in a named (记名) poll; published only after the seal."""

    poll = models.ForeignKey(
        Poll, verbose_name=_("表决"), on_delete=models.CASCADE, related_name="named_votes"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("人员"), on_delete=models.PROTECT, related_name="+"
    )
    choice = models.JSONField(_("选择"))

    class Meta:
        ordering = ["poll_id", "person_id"]
        verbose_name = _("记名表决记录")
        verbose_name_plural = _("记名表决记录")
        constraints = [
            models.UniqueConstraint(fields=["poll", "person"], name="named_vote_unique_person")
        ]

    def __str__(self) -> str:
        return f"{self.poll_id}:{self.person_id}"


class PollLogEntry(models.Model):
    """One append-only entry of a poll's own hash chain (open, pause, close, tally…)."""

    poll = models.ForeignKey(
        Poll, verbose_name=_("表决"), on_delete=models.CASCADE, related_name="log"
    )
    seq = models.PositiveIntegerField(_("序号"))
    kind = models.CharField(_("类型"), max_length=16)
    payload = models.JSONField(_("内容"), default=dict)
    prev_hash = models.CharField(_("前一哈希"), max_length=64)
    hash = models.CharField(_("哈希"), max_length=64)

    class Meta:
        ordering = ["poll_id", "seq"]
        verbose_name = _("表决日志")
        verbose_name_plural = _("表决日志")
        constraints = [models.UniqueConstraint(fields=["poll", "seq"], name="poll_log_unique_seq")]

    def __str__(self) -> str:
        return f"{self.poll_id}#{self.seq} {self.kind}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("poll log entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("poll log entries are append-only")


class Seal(models.Model):
    """The sealed result: the tally and the log's chain head, with their fingerprint."""

    poll = models.OneToOneField(
        Poll, verbose_name=_("表决"), on_delete=models.CASCADE, related_name="seal"
    )
    tally = models.JSONField(_("计票结果"))
    chain_head = models.CharField(_("日志链头"), max_length=64)
    fingerprint = models.CharField(_("封存指纹"), max_length=64)
    sealed_at = models.DateTimeField(_("封存时间"))

    class Meta:
        verbose_name = _("封存结果")
        verbose_name_plural = _("封存结果")

    def __str__(self) -> str:
        return self.fingerprint[:12]


class ManualCount(models.Model):
    """A hand count (举手或纸质) entered by one staff member; two must agree."""

    poll = models.ForeignKey(
        Poll, verbose_name=_("表决"), on_delete=models.CASCADE, related_name="manual_counts"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    counts = models.JSONField(_("计票"))
    issued = models.PositiveIntegerField(_("发出票数"), null=True, blank=True)
    returned = models.PositiveIntegerField(_("收回票数"), null=True, blank=True)
    entered_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        ordering = ["poll_id", "id"]
        verbose_name = _("人工计票")
        verbose_name_plural = _("人工计票")
        constraints = [
            models.UniqueConstraint(
                fields=["poll", "entered_by"], name="manual_count_one_per_staff"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.poll_id}:{self.entered_by_id}"


class IdempotencyKey(models.Model):
    """A retried cast gets the same receipt: an HMAC of (poll, voter, key) and the receipt.

    No person column: the digest is keyed with the server secret, so the table
    alone does not say whose receipt it is. Rows are deleted when the poll closes.
    """

    poll = models.ForeignKey(
        Poll, verbose_name=_("表决"), on_delete=models.CASCADE, related_name="+"
    )
    digest = models.CharField(_("摘要"), max_length=64)
    receipt = models.CharField(_("回执"), max_length=64)

    class Meta:
        verbose_name = _("幂等键")
        verbose_name_plural = _("幂等键")
        constraints = [
            models.UniqueConstraint(fields=["poll", "digest"], name="idempotency_unique_digest")
        ]

    def __str__(self) -> str:
        return self.digest[:12]


class TerminalGrant(models.Model):
    """A member's voting terminal for one meeting: what the voter token stands for.

    The token names this grant; a cast is accepted only while the grant holds: the
    login session that opened the terminal is still signed in, the account is active,
    its password is the one it had (``password_mac``), and the member is still entitled
    at the meeting. Logout, deactivation, a password change or removal from the roll
    ends every terminal of the member at once.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("账户"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    meeting = models.ForeignKey(
        "meetings.Meeting", verbose_name=_("会议"), on_delete=models.CASCADE, related_name="+"
    )
    session_key = models.CharField(_("登录会话"), max_length=40)
    password_mac = models.CharField(_("密码校验值"), max_length=64)
    created_at = models.DateTimeField(_("打开时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("表决终端授权")
        verbose_name_plural = _("表决终端授权")
        indexes = [models.Index(fields=["user"], name="voting_grant_user")]

    def __str__(self) -> str:
        return str(self.id)[:8]


class ScrutinyKey(models.Model):
    """The 监票人 (scrutineers') threshold key of one meeting, made by their devices.

    The ceremony (renda_crypto.device): every scrutineer's device enrols its device key,
    deals (commitments with a proof, and a share sealed to each device), and confirms
    that the shares sealed to it match their dealers' commitments. Only public values are
    kept here: the joint public key and each scrutineer's verification key. No share
    and no private key ever reaches the server; any ``threshold`` of the scrutineers'
    devices decrypt a poll's totals at its close, and fewer cannot.
    """

    class Status(models.TextChoices):
        ENROLLING = "enrolling", _("等待登记设备")
        DEALING = "dealing", _("等待生成密钥份额")
        CONFIRMING = "confirming", _("等待核验份额")
        READY = "ready", _("密钥就绪")
        FAILED = "failed", _("生成失败")

    meeting = models.OneToOneField(
        "meetings.Meeting",
        verbose_name=_("会议"),
        on_delete=models.CASCADE,
        related_name="scrutiny_key",
    )
    threshold = models.PositiveSmallIntegerField(_("解密所需人数"))
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.ENROLLING
    )
    public_key = models.CharField(_("投票公钥"), max_length=66, blank=True)
    verification_keys = models.JSONField(_("核验公钥"), default=list, blank=True)
    failure = models.TextField(_("失败原因"), blank=True)
    created_at = models.DateTimeField(_("指定时间"), auto_now_add=True)
    ready_at = models.DateTimeField(_("就绪时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("监票人密钥")
        verbose_name_plural = _("监票人密钥")
        constraints = [
            models.CheckConstraint(condition=Q(threshold__gte=1), name="scrutiny_threshold_pos")
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}:{self.status}"

    @property
    def context(self) -> str:
        """What every proof of the ceremony is bound to (meeting and this ceremony)."""
        return f"renda-meeting:{self.meeting_id}:{self.pk}"


class Scrutineer(models.Model):
    """One 监票人 of a meeting: their device key, their dealing, their confirmation."""

    key = models.ForeignKey(
        ScrutinyKey,
        verbose_name=_("监票人密钥"),
        on_delete=models.CASCADE,
        related_name="scrutineers",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("监票人"), on_delete=models.PROTECT, related_name="+"
    )
    index = models.PositiveSmallIntegerField(_("序号"))
    device_key = models.CharField(_("设备公钥"), max_length=66, blank=True)
    dealing = models.JSONField(_("公开承诺"), null=True, blank=True)
    shares = models.JSONField(
        _("密封的份额"),
        default=dict,
        blank=True,
        help_text=_("每位监票人一份，只有其设备能打开。"),
    )
    confirmed_at = models.DateTimeField(_("核验并授权时间"), null=True, blank=True)

    class Meta:
        ordering = ["key_id", "index"]
        verbose_name = _("监票人")
        verbose_name_plural = _("监票人")
        constraints = [
            models.UniqueConstraint(fields=["key", "index"], name="scrutineer_unique_index"),
            models.UniqueConstraint(fields=["key", "person"], name="scrutineer_unique_person"),
        ]

    def __str__(self) -> str:
        return f"{self.key_id}#{self.index}"
