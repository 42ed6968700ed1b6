"""Who may read and write through the API: anonymous, deputies, staff, tokens, sessions."""

import pytest
from django.test import Client

from renda.accounts.models import ApiToken
from renda.accounts.services import api_token_revoke
from renda.people.models import Person

pytestmark = pytest.mark.django_db

NEW_PERSON = {"name": "赵敏", "gender": "female"}


def test_anonymous_reads_public_fields_without_contact(api_call, people):
    status, body = api_call("get", f"/persons/{people['persons'][0].pk}")
    assert status == 200
    assert body["name"] == "王建国" and body["contact"] is None
    assert "13800000000" not in str(body)


def test_staff_session_sees_contact_fields(api_call, people, client_for):
    client_for("staff")
    status, body = api_call("get", f"/persons/{people['persons'][0].pk}")
    assert status == 200
    assert body["contact"] == {
        "phone": "13800000000",
        "email": "p0@example.cn",
        "address": "清河市人民路1号",
    }


def test_deputy_does_not_see_contact_fields(api_call, people, client_for):
    client_for("deputy")
    status, body = api_call("get", "/persons")
    assert status == 200
    assert all(item["contact"] is None for item in body["items"])


def test_token_reader_with_contact_permission_sees_contact(api_call, people, token_for):
    status, body = api_call("get", "/persons", token=token_for("leader"))
    assert status == 200
    assert any(item["contact"] for item in body["items"])


def test_anonymous_write_is_401(api_call, users):
    before = Person.objects.count()
    status, body = api_call("post", "/persons", NEW_PERSON)
    assert status == 401
    assert body["code"] == "not_authenticated"
    assert body["message"] and body["message_en"].startswith("Sign in")
    assert Person.objects.count() == before


def test_deputy_write_is_403(api_call, users, client_for):
    before = Person.objects.count()
    client_for("deputy")
    status, body = api_call("post", "/persons", NEW_PERSON)
    assert status == 403
    assert body["code"] == "permission_denied"
    assert body["message_en"] == "You do not have permission to do this."
    assert Person.objects.count() == before


def test_deputy_token_write_is_403(api_call, users, token_for):
    status, body = api_call("post", "/persons", NEW_PERSON, token=token_for("deputy"))
    assert status == 403 and body["code"] == "permission_denied"


def test_staff_token_write_ok(api_call, users, token_for):
    status, body = api_call("post", "/persons", NEW_PERSON, token=token_for("staff"))
    assert status == 201
    assert Person.objects.get(pk=body["id"]).name == "赵敏"


def test_revoked_token_is_401_for_writes_and_reads(api_call, users, token_for):
    raw = token_for("staff")
    token = ApiToken.objects.get(prefix=raw[:8])
    api_token_revoke(actor=users["staff"], token=token)
    status, body = api_call("post", "/persons", NEW_PERSON, token=raw)
    assert status == 401 and body["code"] == "not_authenticated"
    status, body = api_call("get", "/persons", token=raw)
    assert status == 401
    assert not Person.objects.filter(name="赵敏").exists()


def test_unknown_token_is_401(api_call, users):
    status, body = api_call("get", "/organizations", token="rd_not-a-real-token")
    assert status == 401 and body["code"] == "not_authenticated"


def test_session_post_without_csrf_token_is_refused(users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["staff"])
    response = client.post("/api/v1/persons", NEW_PERSON, content_type="application/json")
    assert response.status_code == 403
    assert response.json()["code"] == "csrf_failed"
    assert not Person.objects.filter(name="赵敏").exists()


def test_session_post_with_csrf_token_is_accepted(users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["staff"])
    client.get("/accounts/login/")  # any page that sets the CSRF cookie
    csrf = client.cookies.get("csrftoken")
    if csrf is None:
        from django.middleware.csrf import _get_new_csrf_string

        csrf_value = _get_new_csrf_string()
        client.cookies["csrftoken"] = csrf_value
    else:
        csrf_value = csrf.value
    response = client.post(
        "/api/v1/persons", NEW_PERSON, content_type="application/json", HTTP_X_CSRFTOKEN=csrf_value
    )
    assert response.status_code == 201, response.content
    assert Person.objects.filter(name="赵敏").exists()


def test_session_get_needs_no_csrf_token(users, people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["staff"])
    assert client.get("/api/v1/persons").status_code == 200
