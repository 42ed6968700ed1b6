"""The ``api_demo_token`` command seeds a throwaway database and prints a working token."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from renda.people.models import Deputy, Person

pytestmark = pytest.mark.django_db


def test_demo_token_seeds_and_authenticates(api_call):
    out = StringIO()
    call_command("api_demo_token", stdout=out)
    token = out.getvalue().strip()
    assert token.startswith("rd_")
    assert Person.objects.count() == 3 and Deputy.objects.count() == 3
    status, body = api_call("post", "/persons", {"name": "测试", "gender": "male"}, token=token)
    assert status == 201, body
    with pytest.raises(CommandError):
        call_command("api_demo_token", stdout=StringIO())
