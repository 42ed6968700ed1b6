"""The demo's 新闻公告: a few items an office would publish, one with a picture, one draft."""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

ITEMS = (
    (
        "news",
        "市人大常委会召开第三十二次会议",
        "会议听取和审议了市人民政府关于义务教育优质均衡发展情况的报告，审查批准了本年度预算调整方案。",
        "会议由常委会主任主持，常委会组成人员和列席人员出席。\n\n会议听取和审议了市人民政府关于义务教育优质均衡发展情况的报告，表决通过了关于批准本年度市级预算调整方案的决议。",
        True,
        40,
    ),
    (
        "notice",
        "关于公开征集明年监督工作议题的公告",
        "欢迎人大代表和社会各界提出明年常委会监督工作的议题建议。",
        "为增强监督工作的针对性，现公开征集明年常委会听取审议专项工作报告、开展执法检查和专题询问的议题。\n\n请于下月底前通过本网站“代表建议”栏目或来信提出。",
        False,
        20,
    ),
    (
        "news",
        "常委会组成人员走访代表联络站",
        "常委会组成人员到南湖区湖滨街道代表联络站听取代表和群众意见。",
        "常委会组成人员到南湖区湖滨街道代表联络站，与代表和群众面对面交流，听取对城市管理和养老服务的意见建议。",
        False,
        8,
    ),
)


def _picture() -> SimpleUploadedFile:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 400), (178, 24, 36))
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 260, 600, 360), fill=(242, 196, 80))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return SimpleUploadedFile("meeting.png", buffer.getvalue(), content_type="image/png")


def seed_news(*, actor) -> int:
    from renda.portal import services
    from renda.portal.models import NewsItem

    made = 0
    for kind, title, summary, body, picture, days_ago in ITEMS:
        extra = {"image": _picture(), "image_alt": "常委会会议会场"} if picture else {}
        item = services.news_create(
            actor=actor, kind=kind, title=title, summary=summary, body=body, **extra
        )
        services.news_publish(actor=actor, item=item)
        NewsItem.objects.filter(pk=item.pk).update(
            published_at=timezone.now() - dt.timedelta(days=days_ago)
        )
        made += 1
    services.news_create(
        actor=actor,
        kind="notice",
        title="关于组织代表集中视察的通知（草稿）",
        body="草稿，尚未发布。",
    )
    return made + 1
