"""Domain errors carry a stable code and both languages; one place maps them to HTTP."""

from django.test import RequestFactory
from django.utils.translation import gettext_lazy as _

from renda.core.errors import Conflict, DomainError, NotFound, PermissionDenied, ValidationFailed
from renda.core.middleware import DomainErrorMiddleware


def test_as_dict_has_code_and_both_languages():
    error = DomainError("thing_bad", _("未找到该记录。"), field="name")
    data = error.as_dict()
    assert data["code"] == "thing_bad"
    assert data["message"] == "未找到该记录。"
    assert data["message_en"] and data["message_en"] != data["message"]
    assert data["field"] == "name"


def test_params_are_formatted():
    error = Conflict("dup", "{person}已存在", person="王芳")
    assert error.message_in("zh-hans") == "王芳已存在"


def test_statuses():
    assert NotFound().status == 404
    assert PermissionDenied().status == 403
    assert Conflict("x", "y").status == 409
    assert ValidationFailed([DomainError("a", "b")]).as_dict()["errors"][0]["code"] == "a"


def test_middleware_maps_to_json_for_api(db):
    request = RequestFactory().get("/api/v1/anything")
    response = DomainErrorMiddleware(lambda r: None).process_exception(request, NotFound())
    assert response.status_code == 404
    assert b'"code": "not_found"' in response.content


def test_middleware_maps_to_html_for_pages(db):
    request = RequestFactory().get("/office/x/")
    request.user = None
    response = DomainErrorMiddleware(lambda r: None).process_exception(request, PermissionDenied())
    assert response.status_code == 403
    assert "permission_denied" in response.content.decode()


def test_other_exceptions_pass_through():
    request = RequestFactory().get("/office/x/")
    assert DomainErrorMiddleware(lambda r: None).process_exception(request, ValueError()) is None
