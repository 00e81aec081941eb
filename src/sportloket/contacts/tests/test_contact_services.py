"""The rules of the contact services: what a contact moment, a plan, the policy and an account
holder must meet, and who may change a contact moment."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from freezegun import freeze_time

from sportloket.contacts import services
from sportloket.contacts.models import AccountHolder, ContactMoment, PlannedContact
from sportloket.contacts.tests.conftest import TODAY
from sportloket.core.models import Municipality
from sportloket.core.tests.factories import LoketFactory, ThemeFactory
from sportloket.helprequests.tests.factories import HelpRequestFactory
from sportloket.registry.models import Sport
from sportloket.registry.tests.factories import OrganisationFactory, PersonRoleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


@pytest.fixture
def frozen():
    with freeze_time("2026-06-15 10:00:00+02:00"):
        yield


def log(desk, actor, organisation, **fields):
    data = {
        "date": TODAY,
        "channel": "phone",
        "summary": "Gesprek over vrijwilligers.",
    }
    data.update(fields)
    return services.contact_log(loket=desk, actor=actor, organisation=organisation, **data)


def errors_of(call):
    with pytest.raises(ValidationError) as error:
        call()
    return error.value.message_dict


def test_a_contact_is_logged_with_its_topics_and_people(area_desk, utrecht, supporter):
    organisation = OrganisationFactory(municipality=utrecht)
    theme = ThemeFactory(loket=area_desk)
    role = PersonRoleFactory(organisation=organisation, loket=area_desk)
    moment = log(area_desk, supporter, organisation, topics=[theme], people=[role.person])
    moment.refresh_from_db()
    assert moment.supporter == supporter and moment.created_by == supporter
    assert list(moment.topics.all()) == [theme] and list(moment.people.all()) == [role.person]
    assert moment.proactive and moment.visibility == "desk"


def test_the_organisation_must_be_in_the_desks_register(area_desk, supporter):
    elsewhere = OrganisationFactory(municipality=Municipality.objects.get(code="GM0363"))
    assert "organisation" in errors_of(lambda: log(area_desk, supporter, elsewhere))
    linked = OrganisationFactory.for_desk(area_desk)
    assert log(area_desk, supporter, linked).pk


def test_topics_must_be_the_desks_and_people_of_the_organisation(area_desk, utrecht, supporter):
    organisation = OrganisationFactory(municipality=utrecht)
    foreign_theme = ThemeFactory(loket=LoketFactory())
    assert "topics" in errors_of(
        lambda: log(area_desk, supporter, organisation, topics=[foreign_theme])
    )
    stranger = PersonRoleFactory(loket=area_desk).person  # a role at another organisation
    assert "people" in errors_of(lambda: log(area_desk, supporter, organisation, people=[stranger]))


def test_no_date_in_the_future_and_the_follow_up_after_the_date(area_desk, utrecht, supporter):
    organisation = OrganisationFactory(municipality=utrecht)
    tomorrow = TODAY + datetime.timedelta(days=1)
    assert "date" in errors_of(lambda: log(area_desk, supporter, organisation, date=tomorrow))
    errors = errors_of(lambda: log(area_desk, supporter, organisation, follow_up_on=TODAY))
    assert "follow_up_on" in errors
    assert not ContactMoment.objects.exists()


def test_the_supporter_must_act_for_the_desk(area_desk, utrecht, supporter, partner):
    organisation = OrganisationFactory(municipality=utrecht)
    assert "supporter" in errors_of(
        lambda: log(area_desk, supporter, organisation, supporter=partner)
    )


def test_a_question_of_another_desk_or_organisation_is_refused(area_desk, utrecht, supporter):
    organisation = OrganisationFactory(municipality=utrecht)
    elsewhere = HelpRequestFactory(loket=LoketFactory())
    assert "help_request" in errors_of(
        lambda: log(area_desk, supporter, organisation, help_request=elsewhere)
    )
    other_club = HelpRequestFactory(
        loket=area_desk, organisation=OrganisationFactory(municipality=utrecht)
    )
    assert "help_request" in errors_of(
        lambda: log(area_desk, supporter, organisation, help_request=other_club)
    )
    own = HelpRequestFactory(loket=area_desk, organisation=organisation)
    assert log(area_desk, supporter, organisation, help_request=own).help_request == own


def test_a_follow_up_becomes_the_plan_and_a_later_contact_fulfils_it(area_desk, utrecht, supporter):
    organisation = OrganisationFactory(municipality=utrecht)
    first = log(area_desk, supporter, organisation, date=datetime.date(2026, 5, 1),
                follow_up_on=datetime.date(2026, 6, 1))  # fmt: skip
    plan = PlannedContact.objects.get(loket=area_desk, organisation=organisation)
    assert plan.due_on == datetime.date(2026, 6, 1) and plan.moment == first
    log(area_desk, supporter, organisation, date=datetime.date(2026, 5, 20))  # before: stays
    assert PlannedContact.objects.filter(organisation=organisation).exists()
    log(area_desk, supporter, organisation, date=datetime.date(2026, 6, 1))
    assert not PlannedContact.objects.filter(organisation=organisation).exists()


def test_a_plan_is_made_in_one_step_for_today_or_later(area_desk, utrecht, supporter):
    organisation = OrganisationFactory(municipality=utrecht)
    errors = errors_of(
        lambda: services.contact_plan(
            loket=area_desk, actor=supporter, organisation=organisation,
            due_on=TODAY - datetime.timedelta(days=1),
        )
    )  # fmt: skip
    assert "due_on" in errors
    services.contact_plan(loket=area_desk, actor=supporter, organisation=organisation, due_on=TODAY)
    services.contact_plan(
        loket=area_desk, actor=supporter, organisation=organisation,
        due_on=datetime.date(2026, 7, 1),
    )  # fmt: skip
    assert PlannedContact.objects.get(organisation=organisation).due_on == datetime.date(2026, 7, 1)


def test_only_the_author_or_a_coordinator_changes_a_contact(
    area_desk, utrecht, supporter, other_supporter, coordinator
):
    organisation = OrganisationFactory(municipality=utrecht)
    moment = log(area_desk, supporter, organisation)
    with pytest.raises(ValidationError):
        services.contact_update(moment=moment, actor=other_supporter, summary="Anders.")
    services.contact_update(moment=moment, actor=supporter, summary="Aangevuld.")
    services.contact_update(moment=moment, actor=coordinator, channel="visit")
    moment.refresh_from_db()
    assert (moment.summary, moment.channel) == ("Aangevuld.", "visit")
    errors = errors_of(
        lambda: services.contact_update(moment=moment, actor=supporter, follow_up_on=moment.date)
    )
    assert "follow_up_on" in errors


def test_the_contact_is_audited(area_desk, utrecht, supporter):
    moment = log(area_desk, supporter, OrganisationFactory(municipality=utrecht))
    entry = LogEntry.objects.get_for_object(moment).get()
    assert entry.actor == supporter


def test_policy_months_are_checked(area_desk):
    errors = errors_of(lambda: services.policy_save(loket=area_desk, actor=None, default_months=0))
    assert "default_months" in errors
    with pytest.raises(ValidationError):
        services.policy_save(
            loket=area_desk, actor=None, default_months=12, kind_months={"fund": 3}
        )
    policy = services.policy_save(
        loket=area_desk, actor=None, default_months=6, kind_months={"club": 24}
    )
    assert policy.default_months == 6
    assert list(policy.rules.values_list("kind", "months")) == [("club", 24)]
    services.policy_save(loket=area_desk, actor=None, default_months=6, kind_months={})
    assert not policy.rules.exists()


def test_account_holders_need_a_supporter_and_a_target_of_the_desk(area_desk, supporter, partner):
    amsterdam = Municipality.objects.get(code="GM0363")
    errors = errors_of(
        lambda: services.account_holder_set(
            loket=area_desk, actor=None, supporter=supporter, municipality=amsterdam
        )
    )
    assert "municipality" in errors
    errors = errors_of(
        lambda: services.account_holder_set(
            loket=area_desk, actor=None, supporter=partner, sport=Sport.objects.first()
        )
    )
    assert "supporter" in errors
    with pytest.raises(ValidationError):
        services.account_holder_set(loket=area_desk, actor=None, supporter=supporter)
    holder = services.account_holder_set(
        loket=area_desk, actor=None, supporter=supporter, sport=Sport.objects.first()
    )
    services.account_holder_remove(holder=holder, actor=None)
    assert not AccountHolder.objects.exists()


def test_a_restricted_contact_is_changed_only_by_whoever_logged_it_or_a_coordinator(
    area_desk, utrecht, supporter, other_supporter, coordinator
):
    """The supporter a restricted contact names, who did not log it, may not read it and so
    may not change it either; a contact for the whole desk they may change."""
    organisation = OrganisationFactory(municipality=utrecht)
    restricted = log(area_desk, coordinator, organisation, supporter=other_supporter,
                     visibility="restricted")  # fmt: skip
    with pytest.raises(ValidationError):
        services.contact_update(moment=restricted, actor=other_supporter, summary="Anders.")
    services.contact_update(moment=restricted, actor=coordinator, summary="Aangevuld.")
    restricted.refresh_from_db()
    assert restricted.summary == "Aangevuld."

    own = log(area_desk, other_supporter, organisation, visibility="restricted")
    services.contact_update(moment=own, actor=other_supporter, summary="Mijn aanvulling.")
    open_one = log(area_desk, coordinator, organisation, supporter=other_supporter)
    services.contact_update(moment=open_one, actor=other_supporter, summary="Ook goed.")
    with pytest.raises(ValidationError):
        services.contact_update(moment=open_one, actor=supporter, summary="Niet van mij.")


def test_a_contact_that_did_not_happen_is_withdrawn_with_an_audit_entry(
    area_desk, utrecht, supporter
):
    organisation = OrganisationFactory(municipality=utrecht)
    moment = log(area_desk, supporter, organisation)
    moment_pk = moment.pk
    services.contact_withdraw(moment=moment, actor=supporter)
    assert not ContactMoment.objects.filter(pk=moment_pk).exists()
    deleted = LogEntry.objects.get(object_pk=str(moment_pk), action=LogEntry.Action.DELETE)
    assert deleted.actor == supporter


def test_people_join_and_leave_a_contact_only_with_a_role_at_the_organisation(
    area_desk, utrecht, supporter
):
    organisation = OrganisationFactory(municipality=utrecht)
    moment = log(area_desk, supporter, organisation)
    member = PersonRoleFactory(loket=area_desk, organisation=organisation).person
    stranger = PersonRoleFactory(loket=area_desk).person  # a role at another organisation

    services.contact_person_add(moment=moment, person=member, actor=supporter)
    assert list(moment.people.all()) == [member]
    assert "people" in errors_of(
        lambda: services.contact_person_add(moment=moment, person=stranger, actor=supporter)
    )
    services.contact_person_remove(moment=moment, person_id=member.pk, actor=supporter)
    assert list(moment.people.all()) == []
