"""Saved personal views on the inbox: "Save this view" keeps the filters under a name, the
member's views are links above the filters, and nobody else's show or can be deleted."""

import pytest
from django.urls import reverse

from sportloket.core import services as core_services
from sportloket.core.models import SavedView
from sportloket.core.tests.factories import MembershipFactory
from sportloket.helprequests.inbox_forms import InboxFilterForm
from sportloket.helprequests.tests.factories import submit_request as submit
from sportloket.testing.html import squashed

pytestmark = pytest.mark.django_db


def inbox_url(desk):
    return reverse("helprequests:inbox", args=[desk.slug])


def save(client, desk, name, query=""):
    url = reverse("helprequests:inbox-view-save", args=[desk.slug])
    return client.post(f"{url}?{query}" if query else url, {"view-name": name})


def keep(membership, name, query):
    return core_services.saved_view_save(
        actor=membership.user, loket=membership.loket, list_name="inbox", name=name,
        query=query, parameters=InboxFilterForm.PARAMETERS,
    )  # fmt: skip


def test_save_this_view_keeps_the_filters_and_shows_a_link(coordinator_client, desk, coordinator):
    response = save(coordinator_client, desk, "Mijn te late", "assignee=me&overdue=on&page=2")
    assert response.status_code == 302
    assert response["Location"] == inbox_url(desk) + "?assignee=me&overdue=on"
    view = SavedView.objects.get()
    assert (view.user, view.loket, view.query) == (coordinator, desk, "assignee=me&overdue=on")
    page = squashed(coordinator_client.get(response["Location"]).text)
    assert "De weergave “Mijn te late” is bewaard." in page
    assert '<nav class="inbox-views" aria-label="Mijn weergaven">' in page
    assert '<a href="?assignee=me&amp;overdue=on" aria-current="page">Mijn te late</a>' in page
    other = squashed(coordinator_client.get(inbox_url(desk)).text)
    assert '<a href="?assignee=me&amp;overdue=on">Mijn te late</a>' in other  # not current


def test_a_view_without_a_name_is_explained_and_the_filters_stay(coordinator_client, desk):
    submit(desk, question="Over geld")
    response = save(coordinator_client, desk, "   ", "q=geld")
    assert response.status_code == 400
    page = squashed(response.text)
    assert "Geef de weergave een naam." in page
    assert 'class="field field--error"><label for="id_view-name">' in page
    assert [r["question"] for r in response.context["page_obj"]] == ["Over geld"]
    assert not SavedView.objects.exists()
    too_long = save(coordinator_client, desk, "x" * 61, "q=geld")
    assert too_long.status_code == 400 and 'value="' + "x" * 61 + '"' in too_long.text


def test_a_user_sees_only_their_own_views_at_this_desk(client, desk, other_desk):
    mine = MembershipFactory(loket=desk, supporter=True)
    keep(mine, "Mijn weergave", "assignee=me")
    keep(MembershipFactory(loket=desk, supporter=True), "Van een collega", "q=x")
    keep(MembershipFactory(loket=other_desk, supporter=True, user=mine.user), "Elders", "q=y")
    client.force_login(mine.user)
    page = client.get(inbox_url(desk)).text
    assert "Mijn weergave" in page
    assert "Van een collega" not in page and "Elders" not in page


def test_a_member_deletes_their_own_view_and_not_anothers(client, desk, other_desk):
    mine = MembershipFactory(loket=desk, supporter=True)
    colleague = MembershipFactory(loket=desk, supporter=True)
    own = keep(mine, "Weg ermee", "overdue=on")
    theirs = keep(colleague, "Blijft", "overdue=on")
    elsewhere = keep(MembershipFactory(loket=other_desk, supporter=True, user=mine.user), "E", "")
    client.force_login(mine.user)
    url = reverse("helprequests:inbox-view-delete", args=[desk.slug])
    for view in (theirs, elsewhere):
        response = client.post(url, {"view": view.pk})
        assert response.status_code == 302
        assert "Deze weergave staat niet bij je weergaven." in client.get(response["Location"]).text
    assert SavedView.objects.filter(pk__in=[theirs.pk, elsewhere.pk]).count() == 2
    response = client.post(url + "?sort=newest", {"view": own.pk})
    assert response["Location"] == inbox_url(desk) + "?sort=newest"
    assert not SavedView.objects.filter(pk=own.pk).exists()


def test_the_delete_button_names_the_view(coordinator_client, desk):
    keep(MembershipFactory(loket=desk, coordinator=True), "x", "")  # another's: not shown
    coordinator_client.post(
        reverse("helprequests:inbox-view-save", args=[desk.slug]) + "?overdue=on",
        {"view-name": "Te laat"},
    )
    page = squashed(coordinator_client.get(inbox_url(desk)).text)
    assert (
        '<span aria-hidden="true">×</span>'
        '<span class="visually-hidden">De weergave “Te laat” verwijderen</span>'
    ) in page
