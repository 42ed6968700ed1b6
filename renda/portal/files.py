"""Who may see a news item's picture: everyone once it is published, the office always."""

from renda.core.files import register

from .models import NewsItem


def _news(user, item) -> bool:
    return item.status == NewsItem.Status.PUBLISHED or user.has_perm("portal.publish_news")


register(NewsItem, "image", _news)
