"""A member's saved views of a desk's list: named, kept to the list's own parameters, their
own and at this desk only."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from sportloket.core import selectors, services
from sportloket.core.models import SavedView
from sportloket.core.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

PARAMETERS = ("q", "state", "assignee", "overdue", "sort")


def save(member, name="Mijn te late", query="assignee=me&overdue=on", list_name="inbox"):
    return services.saved_view_save(
        actor=member.user,
        loket=member.loket,
        list_name=list_name,
        name=name,
        query=query,
        parameters=PARAMETERS,
    )


@pytest.fixture
def member(desk):
    return MembershipFactory(loket=desk, supporter=True)


def test_only_the_lists_own_parameters_are_kept_once_each_in_their_order():
    query = "sort=newest&page=3&evil=1&overdue=on&q=%20vrij%1bwilligers%20&state=&x=y"
    assert selectors.saved_view_query(query, PARAMETERS) == "q=vrijwilligers&overdue=on&sort=newest"
    # A parameter given twice keeps the value the list reads: the last.
    assert selectors.saved_view_query("q=eerste&q=tweede", PARAMETERS) == "q=tweede"
    assert selectors.saved_view_query("", PARAMETERS) == ""


def test_a_view_is_saved_with_its_actor_in_the_audit_trail(member):
    view = save(member, name="  Mijn   te late  ", query="overdue=on&assignee=me&page=2")
    assert (view.name, view.query, view.list_name) == (
        "Mijn te late",
        "assignee=me&overdue=on",
        "inbox",
    )
    entry = LogEntry.objects.get_for_object(view).get()
    assert entry.actor == member.user


def test_saving_under_the_same_name_changes_the_filters(member):
    first = save(member, query="overdue=on")
    again = save(member, query="sort=deadline")
    assert again.pk == first.pk and again.query == "sort=deadline"
    assert SavedView.objects.count() == 1


def test_a_view_needs_a_short_name(member):
    with pytest.raises(ValidationError) as error:
        save(member, name="   ")
    assert error.value.message_dict == {"name": ["Geef de weergave een naam."]}
    with pytest.raises(ValidationError, match="hoogstens 60 tekens"):
        save(member, name="x" * 61)


def test_a_member_keeps_a_bounded_number_of_views_per_list(member):
    for number in range(services.SAVED_VIEWS_PER_LIST):
        save(member, name=f"Weergave {number}")
    with pytest.raises(ValidationError, match="verwijder er eerst een"):
        save(member, name="Nog een")
    save(member, name="Weergave 3", query="q=ander")  # an existing one still changes
    save(member, name="Nog een", list_name="organisations")  # another list has its own


def test_only_members_of_the_desk_save_views_there(member, other_desk):
    outsider = MembershipFactory(loket=other_desk, supporter=True)
    with pytest.raises(ValidationError, match="Alleen leden van het loket"):
        services.saved_view_save(
            actor=outsider.user, loket=member.loket, list_name="inbox", name="x", query="",
            parameters=PARAMETERS,
        )  # fmt: skip
    ended = MembershipFactory(loket=member.loket, supporter=True, ended=True)
    with pytest.raises(ValidationError):
        save(ended)


def test_a_user_sees_only_their_own_views_at_this_desk(member, other_desk):
    colleague = MembershipFactory(loket=member.loket, supporter=True)
    elsewhere = MembershipFactory(loket=other_desk, supporter=True, user=member.user)
    mine = save(member, name="B")
    also_mine = save(member, name="A")
    save(colleague, name="Van een collega")
    save(elsewhere, name="Bij een ander loket")
    save(member, name="Andere lijst", list_name="organisations")
    views = selectors.saved_views(user=member.user, loket=member.loket, list_name="inbox")
    assert list(views) == [also_mine, mine]


def test_only_its_owner_deletes_a_view(member):
    view = save(member)
    colleague = MembershipFactory(loket=member.loket, coordinator=True)
    with pytest.raises(ValidationError, match="Alleen de eigenaar"):
        services.saved_view_delete(saved_view=view, actor=colleague.user)
    services.saved_view_delete(saved_view=view, actor=member.user)
    assert not SavedView.objects.exists()
