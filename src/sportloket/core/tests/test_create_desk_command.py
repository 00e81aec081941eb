import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from sportloket.accounts.models import User
from sportloket.core.constants import Role
from sportloket.core.models import Loket

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("create_desk", *args, stdout=out)
    return out.getvalue()


def test_create_desk_makes_desk_area_coordinator_and_a_working_password_link(client):
    out = run(
        "--slug=utrecht",
        "--name=Sportloket Utrecht",
        "--municipality=GM0344",
        "--municipality=gm0356",
        "--coordinator=Regie@Utrecht.nl",
    )
    loket = Loket.objects.get(slug="utrecht")
    assert set(loket.work_area.values_list("code", flat=True)) == {"GM0344", "GM0356"}
    user = User.objects.get(email="regie@utrecht.nl")
    assert user.memberships.get(loket=loket).role == Role.COORDINATOR
    assert loket.themes.filter(name="Vrijwilligers").exists()
    link = re.search(r"Password link \(valid once\): (\S+)", out).group(1)
    path = link.removeprefix("http://127.0.0.1:8000")
    response = client.get(path, follow=True)
    assert response.status_code == 200
    assert "password1" in response.text


def test_create_desk_refuses_unknown_municipalities_and_writes_nothing():
    with pytest.raises(CommandError, match="GM9999"):
        run("--slug=x", "--name=X", "--municipality=GM9999", "--coordinator=a@example.org")
    assert not Loket.objects.filter(slug="x").exists()
    assert not User.objects.filter(email="a@example.org").exists()


def test_create_desk_refuses_a_taken_slug_and_writes_nothing(desk):
    with pytest.raises(CommandError):
        run(f"--slug={desk.slug}", "--name=Dubbel", "--coordinator=b@example.org")
    assert not User.objects.filter(email="b@example.org").exists()
