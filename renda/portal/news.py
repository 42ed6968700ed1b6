"""新闻公告: the office's pages to write and publish (/office/news/), and the public column
(/news/) with the latest items on the home page."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST, require_safe

from renda.core.errors import DomainError
from renda.core.files import protected_url
from renda.core.forms import KeepsUploads
from renda.core.uploads import limit_for
from renda.core.views import add_domain_error, field_messages, paginate, permission_required

from . import services
from .models import NewsItem

PUBLISH = services.PUBLISH
TITLE_MAX = NewsItem._meta.get_field("title").max_length


class NewsForm(KeepsUploads, forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=NewsItem.Kind.choices)
    title = forms.CharField(
        label=_("标题"), max_length=TITLE_MAX,
        help_text=format_lazy(_("不超过 {n} 字。"), n=TITLE_MAX),
        error_messages=field_messages(_("标题")),
    )  # fmt: skip
    summary = forms.CharField(
        label=_("摘要"), max_length=300, required=False,
        help_text=_("可不填；不超过 300 字，显示在列表和首页。"),
    )  # fmt: skip
    body = forms.CharField(
        label=_("正文"), widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("空一行分段。"), error_messages=field_messages(_("正文")),
    )  # fmt: skip
    image = forms.FileField(
        label=_("图片"), required=False,
        help_text=format_lazy(
            _("可不选；JPEG、PNG 或 WebP，不超过 {mb} MB。保存出错时须重新选择图片。"),
            mb=lazy(lambda: limit_for("news_image", 0) // (1024 * 1024), int)(),
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )  # fmt: skip
    image_alt = forms.CharField(
        label=_("图片说明"), max_length=120, required=False,
        help_text=_("有图片时必填：用一句话说明图片内容，供读屏软件朗读。"),
    )  # fmt: skip
    remove_image = forms.BooleanField(label=_("删除现有图片"), required=False)

    def __init__(self, *args, item: NewsItem | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if item is None or not item.image:
            del self.fields["remove_image"]


def _values(form: NewsForm) -> dict:
    d = form.cleaned_data
    values = {k: d.get(k) for k in ("kind", "title", "summary", "body", "image", "image_alt")}
    if "remove_image" in form.fields:
        values["remove_image"] = bool(d.get("remove_image"))
    return values


@permission_required(PUBLISH)
def office_list(request):
    qs = NewsItem.objects.select_related("author__person").order_by(
        "status", "-published_at", "-id"
    )
    return render(request, "portal/news/office_list.html", paginate(request, qs))


@permission_required(PUBLISH)
def office_create(request):
    form = NewsForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.news_create(actor=request.user, **_values(form))
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, _("已保存草稿；发布后公众才能看到。"))
            return redirect("news:edit", pk=item.pk)
    return render(request, "portal/news/office_form.html", {"form": form, "item": None})


@permission_required(PUBLISH)
def office_edit(request, pk: int):
    item = get_object_or_404(NewsItem, pk=pk)
    initial = {k: getattr(item, k) for k in ("kind", "title", "summary", "body", "image_alt")}
    form = NewsForm(request.POST or None, request.FILES or None, item=item, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.news_update(actor=request.user, item=item, **_values(form))
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
            item.refresh_from_db()
        else:
            messages.success(request, _("已保存。"))
            return redirect("news:edit", pk=item.pk)
    return render(
        request,
        "portal/news/office_form.html",
        {
            "form": form,
            "item": item,
            "image_url": protected_url(item, "image") if item.image else "",
        },
    )


@require_POST
@permission_required(PUBLISH)
def office_status(request, pk: int):
    item = get_object_or_404(NewsItem, pk=pk)
    act = services.news_publish if request.POST.get("publish") == "1" else services.news_withdraw
    try:
        act(actor=request.user, item=item)
    except DomainError as error:
        messages.error(request, error.message_in(request.LANGUAGE_CODE))
    else:
        messages.success(
            request, _("已发布到公众网站。") if item.status == "published" else _("已撤回。")
        )
    return redirect("news:edit", pk=item.pk)


def _with_images(items):
    for item in items:
        item.image_url = protected_url(item, "image") if item.image else ""
    return items


@require_safe
def public_list(request):
    page = Paginator(services.published_news(), 20).get_page(request.GET.get("page"))
    _with_images(page.object_list)
    return render(
        request, "portal/news/list.html", {"page_obj": page, "querystring_without_page": ""}
    )


@require_safe
def public_detail(request, pk: int):
    item = get_object_or_404(services.published_news(), pk=pk)
    _with_images([item])
    return render(request, "portal/news/detail.html", {"item": item})


def latest(n: int = 5) -> list[NewsItem]:
    return _with_images(list(services.published_news()[:n]))


office_urlpatterns = (
    [
        path("", office_list, name="list"),
        path("new/", office_create, name="create"),
        path("<int:pk>/", office_edit, name="edit"),
        path("<int:pk>/status/", office_status, name="status"),
    ],
    "news",
)
public_urlpatterns = [
    path("news/", public_list, name="news"),
    path("news/<int:pk>/", public_detail, name="news_detail"),
]
