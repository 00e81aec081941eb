"""The contact pages: the work list and its filters, logging and planning from it, the list,
detail and edit of contact moments, visibility of restricted ones, coverage, the policy page,
the organisation's timeline; bounded query counts on every list."""

import datetime
import itertools

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from freezegun import freeze_time

from sportloket.contacts.models import AccountHolder, ContactMoment, PlannedContact
from sportloket.contacts.tests.factories import AccountHolderFactory, ContactMomentFactory
from sportloket.core.tests.factories import MembershipFactory, ThemeFactory
from sportloket.decisions.services import decision_record
from sportloket.helprequests.tests.factories import HelpRequestFactory
from sportloket.offerings.tests.factories import OfferingFactory
from sportloket.registry.models import Sport, Tag
from sportloket.registry.tests.factories import (
    OrganisationFactory,
    ParticipationFactory,
    PersonRoleFactory,
)
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

# An organisation's page with its timeline: the session, the user and the membership (3), the
# organisation with how it takes part in the desk (1), its sports, federations and tags (1, a
# UNION) and people (1), its history with the municipality it names (2), the timeline's
# contacts, questions and decisions (3), and its invitations to and attendance at the desk's
# meetings (1, meetings' panel): the 12 every page of `make bench-http` is held to (issue 19).
MAX_PAGE_QUERIES = 12


def url(name, desk, *args):
    return reverse(f"contacts:{name}", args=[desk.slug, *args])


@pytest.fixture
def supporter_client(client, supporter):
    client.force_login(supporter)
    return client


def test_the_work_list_shows_my_providers_and_others_on_request(
    supporter_client, area_desk, utrecht, houten, supporter, other_supporter
):
    OrganisationFactory(municipality=utrecht, name="Club van mij")
    OrganisationFactory(municipality=houten, name="Club van een ander")
    AccountHolderFactory(loket=area_desk, supporter=supporter, municipality=utrecht)
    AccountHolderFactory(loket=area_desk, supporter=other_supporter, municipality=houten)

    mine = supporter_client.get(url("work-list", area_desk))
    assert mine.status_code == 200
    assert "Club van mij" in mine.text and "Club van een ander" not in mine.text
    everyone = supporter_client.get(url("work-list", area_desk), {"holder": "all"})
    assert "Club van mij" in everyone.text and "Club van een ander" in everyone.text
    theirs = supporter_client.get(url("work-list", area_desk), {"holder": other_supporter.pk})
    assert "Club van mij" not in theirs.text and "Club van een ander" in theirs.text


def test_the_work_list_queries_do_not_grow_with_its_rows(
    supporter_client, area_desk, utrecht, supporter
):
    AccountHolderFactory(loket=area_desk, supporter=supporter, municipality=utrecht)
    counter = iter(range(1000))

    def add_rows(n):
        for _ in range(n):
            organisation = OrganisationFactory(municipality=utrecht, name=f"Club {next(counter)}")
            ContactMomentFactory(
                loket=area_desk, organisation=organisation, date=datetime.date(2020, 1, 1)
            )
            PlannedContact.objects.create(
                loket=area_desk,
                organisation=organisation,
                due_on=datetime.date(2021, 1, 1),
                supporter=MembershipFactory(loket=area_desk, supporter=True).user,
            )
            AccountHolderFactory(
                loket=area_desk,
                supporter=MembershipFactory(loket=area_desk, supporter=True).user,
                municipality=None,
                organisation=organisation,
            )

    add_rows(2)
    first, second = assert_queries_do_not_grow(
        lambda: supporter_client.get(url("work-list", area_desk), {"holder": "all"}),
        add_rows,
        more=15,
        max_queries=12,
    )
    log_links = "/contacts/new/?organisation="
    assert second.text.count(log_links) > first.text.count(log_links) > 0


def test_log_a_contact_from_the_work_list_and_it_leaves_the_list(
    supporter_client, area_desk, utrecht, supporter
):
    organisation = OrganisationFactory(municipality=utrecht, name="Te laat")
    ContactMomentFactory(loket=area_desk, organisation=organisation, date=datetime.date(2020, 1, 1))
    AccountHolderFactory(loket=area_desk, supporter=supporter, municipality=utrecht)
    work_list = url("work-list", area_desk)
    assert "Te laat" in supporter_client.get(work_list).text

    form = supporter_client.get(url("contact-create", area_desk), {"organisation": organisation.pk})
    assert f'value="{organisation.pk}" selected' in form.text
    response = supporter_client.post(
        url("contact-create", area_desk),
        {
            "organisation": organisation.pk,
            "date": timezone.localdate().isoformat(),
            "channel": "visit",
            "summary": "Op bezoek geweest.",
            "proactive": "on",
            "visibility": "desk",
            "next": work_list,
        },
    )
    assert response.status_code == 302 and response.url == work_list
    rows = supporter_client.get(work_list).context["page_obj"].object_list
    assert organisation.pk not in [row.pk for row in rows]


def test_bad_input_keeps_what_was_typed_with_the_error_next_to_the_field(
    supporter_client, area_desk, utrecht
):
    organisation = OrganisationFactory(municipality=utrecht)
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    with translation.override("en"):
        response = supporter_client.post(
            url("contact-create", area_desk),
            {
                "organisation": organisation.pk,
                "date": tomorrow,
                "channel": "phone",
                "summary": "Wat ik typte blijft staan.",
                "visibility": "desk",
            },
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 400
    form = response.context["form"]
    assert "date" in form.errors and "toekomst" in form.errors["date"][0]  # "in the future"
    assert "Wat ik typte blijft staan." in response.text
    assert f'value="{tomorrow}"' in response.text
    assert 'aria-invalid="true"' in response.text
    assert not ContactMoment.objects.exists()


def test_a_question_prefills_the_form(supporter_client, area_desk, utrecht, supporter):
    organisation = OrganisationFactory(municipality=utrecht)
    theme = ThemeFactory(loket=area_desk, name="Vrijwilligers")
    request = HelpRequestFactory(loket=area_desk, organisation=organisation, in_triage=True)
    request.themes.set([theme])
    page = supporter_client.get(url("contact-create", area_desk), {"request": request.pk})
    form = page.context["form"]
    assert form.initial["organisation"] == organisation
    assert form.initial["help_request"] == request and form.initial["topics"] == [theme]
    detail = supporter_client.get(
        reverse("helprequests:request-detail", args=[area_desk.slug, request.pk])
    )
    assert f"{url('contact-create', area_desk)}?request={request.pk}" in detail.text


def test_planning_a_contact_in_one_step(supporter_client, area_desk, utrecht):
    organisation = OrganisationFactory(municipality=utrecht)
    day = timezone.localdate() + datetime.timedelta(days=7)
    response = supporter_client.post(
        url("plan", area_desk),
        {"organisation": organisation.pk, "due_on": day.isoformat(), "next": "/elsewhere/"},
    )
    assert response.status_code == 302
    assert PlannedContact.objects.get(organisation=organisation).due_on == day
    bad = supporter_client.post(
        url("plan", area_desk), {"organisation": organisation.pk, "due_on": "2001-01-01"}
    )
    assert bad.status_code == 400 and "due_on" in bad.context["form"].errors


def test_restricted_contacts_are_invisible_to_other_supporters_and_partners(
    client, area_desk, utrecht, supporter, other_supporter, partner, coordinator
):
    """Restricted: coordinators and the author (who logged it). A supporter the contact only
    names, who did not log it, does not see it either."""
    organisation = OrganisationFactory(municipality=utrecht)
    secret = ContactMomentFactory(
        loket=area_desk, organisation=organisation, supporter=supporter, restricted=True,
        summary="Vertrouwelijk gesprek",
    )  # fmt: skip
    named_only = ContactMomentFactory(
        loket=area_desk, organisation=organisation, supporter=other_supporter,
        created_by=coordinator, restricted=True, summary="Gesprek over de voorzitter",
    )  # fmt: skip
    ContactMomentFactory(
        loket=area_desk, organisation=organisation, supporter=supporter, summary="Open gesprek"
    )
    organisation_page = reverse(
        "registry:organisation-detail", args=[area_desk.slug, organisation.pk]
    )
    for user, sees_secret, sees_named in [
        (supporter, True, False),
        (coordinator, True, True),
        (other_supporter, False, False),  # named on the second, but not its author
        (partner, False, False),
    ]:
        client.force_login(user)
        listing = client.get(url("contact-list", area_desk)).text
        timeline = client.get(organisation_page).text
        assert "Open gesprek" in timeline
        for moment, sees in ((secret, sees_secret), (named_only, sees_named)):
            detail = url("contact-detail", area_desk, moment.pk)
            assert (moment.summary in timeline) is sees, (user, moment.summary)
            assert (detail in listing) is sees, (user, moment.summary)
            assert client.get(detail).status_code == (200 if sees else 404)
    client.force_login(other_supporter)
    assert client.get(url("contact-edit", area_desk, secret.pk)).status_code == 404
    assert client.get(url("contact-edit", area_desk, named_only.pk)).status_code == 404


def test_only_the_author_or_a_coordinator_may_edit(
    client, area_desk, utrecht, supporter, other_supporter, coordinator
):
    moment = ContactMomentFactory(
        loket=area_desk, organisation=OrganisationFactory(municipality=utrecht), supporter=supporter
    )
    edit = url("contact-edit", area_desk, moment.pk)
    client.force_login(other_supporter)
    assert client.get(edit).status_code == 403
    client.force_login(coordinator)
    page = client.get(edit)
    assert page.status_code == 200
    response = client.post(
        edit,
        {
            "date": moment.date.isoformat(),
            "channel": "meeting",
            "summary": "Bijgewerkt.",
            "visibility": "restricted",
            "supporter": supporter.pk,
        },
    )
    assert response.status_code == 302
    moment.refresh_from_db()
    assert (moment.channel, moment.summary, moment.visibility) == (
        "meeting",
        "Bijgewerkt.",
        "restricted",
    )


def test_the_contact_list_filters_and_its_queries_do_not_grow(
    supporter_client, area_desk, utrecht, supporter
):
    theme = ThemeFactory(loket=area_desk)

    def add_rows(n):
        for _ in range(n):
            moment = ContactMomentFactory(
                loket=area_desk, organisation=OrganisationFactory(municipality=utrecht)
            )
            moment.topics.set([theme])

    add_rows(1)
    ContactMomentFactory(
        loket=area_desk, organisation=OrganisationFactory(municipality=utrecht), channel="visit",
        summary="Het bezoek",
    )  # fmt: skip
    assert_queries_do_not_grow(
        lambda: supporter_client.get(url("contact-list", area_desk)), add_rows
    )
    filtered = supporter_client.get(url("contact-list", area_desk), {"channel": "visit"})
    assert filtered.context["page_obj"].paginator.count == 1


def test_coverage_page_and_its_queries_do_not_grow(supporter_client, area_desk, utrecht):
    def add_rows(n):
        for _ in range(n):
            ContactMomentFactory(
                loket=area_desk,
                organisation=OrganisationFactory(municipality=utrecht),
                date=timezone.localdate(),
            )

    first, second = assert_queries_do_not_grow(
        lambda: supporter_client.get(url("coverage", area_desk)), add_rows, more=10
    )
    assert (
        second.context["coverage"]["total"].covered
        == first.context["coverage"]["total"].covered + 10
    )


def test_the_policy_page_is_for_coordinators(client, area_desk, utrecht, supporter, coordinator):
    client.force_login(supporter)
    assert client.get(url("policy", area_desk)).status_code == 403
    client.force_login(coordinator)
    assert client.get(url("policy", area_desk)).status_code == 200
    response = client.post(
        url("policy", area_desk), {"form": "policy", "default_months": "6", "kind_commercial": "3"}
    )
    assert response.status_code == 302
    bad = client.post(url("policy", area_desk), {"form": "policy", "default_months": "0"})
    assert bad.status_code == 400 and "default_months" in bad.context["policy_form"].errors
    response = client.post(
        url("policy", area_desk),
        {"form": "holder", "supporter": supporter.pk, "municipality": utrecht.pk},
    )
    assert response.status_code == 302
    holder = AccountHolder.objects.get(loket=area_desk)
    assert holder.supporter == supporter
    both = client.post(
        url("policy", area_desk),
        {"form": "holder", "supporter": supporter.pk, "municipality": utrecht.pk, "sport": 1},
    )
    assert both.status_code == 400
    client.post(url("account-holder-remove", area_desk, holder.pk))
    assert not AccountHolder.objects.exists()


def test_the_organisation_timeline_merges_contacts_questions_and_decisions(
    coordinator_client, area_desk, utrecht, coordinator
):
    organisation = OrganisationFactory(municipality=utrecht)
    theme = ThemeFactory(loket=area_desk, key="volunteers", name="Vrijwilligers")
    offering = OfferingFactory(
        loket=area_desk, title="Vrijwilligersbeleid", theme_keys=["volunteers"]
    )
    first = ContactMomentFactory(
        loket=area_desk, organisation=organisation, summary="Telefonisch contact",
        date=datetime.date(2026, 1, 10),
    )  # fmt: skip
    with freeze_time("2026-02-02 10:00:00+01:00"):
        question = HelpRequestFactory(
            loket=area_desk, organisation=organisation, question="Onze vraag"
        )
        question.themes.set([theme])
    with freeze_time("2026-02-20 14:00:00+01:00"):
        decision = decision_record(
            help_request=question, chosen=[offering], rationale="Past bij de vraag.",
            public_summary="Het besluit: vrijwilligersbeleid.", actor=coordinator,
        )  # fmt: skip
    later = ContactMomentFactory(
        loket=area_desk, organisation=organisation, summary="Na het besluit gebeld",
        date=datetime.date(2026, 3, 5),
    )  # fmt: skip
    page = coordinator_client.get(
        reverse("registry:organisation-detail", args=[area_desk.slug, organisation.pk])
    )
    timeline = [(item["kind"], item["day"], item["object"]) for item in page.context["timeline"]]
    assert timeline == [
        ("contact", datetime.date(2026, 3, 5), later),
        ("decision", datetime.date(2026, 2, 20), decision),
        ("request", datetime.date(2026, 2, 2), question),
        ("contact", datetime.date(2026, 1, 10), first),
    ]
    shown = [
        page.text.index(text)
        for text in (
            "Na het besluit gebeld",
            "Het besluit: vrijwilligersbeleid.",
            "Onze vraag",
            "Telefonisch contact",
        )
    ]
    assert shown == sorted(shown)
    assert f"{url('contact-create', area_desk)}?organisation={organisation.pk}" in page.text


def test_the_organisation_page_does_not_query_per_timeline_item(
    coordinator_client, area_desk, utrecht, coordinator
):
    """The register's page includes the timeline through the contacts' tag: its contact
    moments, questions and decisions cost the same queries, however many there are."""
    organisation = OrganisationFactory(municipality=utrecht)
    theme = ThemeFactory(loket=area_desk, key="volunteers", name="Vrijwilligers")
    offering = OfferingFactory(
        loket=area_desk, title="Vrijwilligersbeleid", theme_keys=["volunteers"]
    )
    page = reverse("registry:organisation-detail", args=[area_desk.slug, organisation.pk])

    ParticipationFactory(loket=area_desk, organisation=organisation)
    sports, labels = iter(Sport.objects.order_by("pk")), itertools.count()

    def add(n):
        for number in range(n):
            organisation.sports.add(next(sports))
            organisation.tags.add(Tag.objects.create(name=f"Label {next(labels)}"))
            PersonRoleFactory(loket=area_desk, organisation=organisation)
            ContactMomentFactory(loket=area_desk, organisation=organisation, summary="Gebeld")
            question = HelpRequestFactory(
                loket=area_desk, organisation=organisation, question=f"Vraag {number}"
            )
            question.themes.set([theme])
            decision_record(
                help_request=question, chosen=[offering], rationale="Past bij de vraag.",
                public_summary="Besluit genomen.", actor=coordinator,
            )  # fmt: skip

    add(1)
    _, last = assert_queries_do_not_grow(
        lambda: coordinator_client.get(page), add, more=5, max_queries=MAX_PAGE_QUERIES
    )
    assert last.text.count("Besluit genomen.") == 6 and last.text.count("Gebeld") == 6
    assert last.context["participation"] is not None and len(last.context["roles"]) == 6


def test_a_contact_logged_from_a_question_is_linked_to_it_and_on_the_timeline(
    supporter_client, area_desk, utrecht, supporter
):
    organisation = OrganisationFactory(municipality=utrecht, name="Hockeyclub Domstad")
    theme = ThemeFactory(loket=area_desk, name="Vrijwilligers")
    question = HelpRequestFactory(
        loket=area_desk, organisation=organisation, state="triage",
        question="Hoe vinden we vrijwilligers?",
    )  # fmt: skip
    question.themes.set([theme])
    create = url("contact-create", area_desk)
    form = supporter_client.get(create, {"request": question.pk})
    assert f'name="help_request" value="{question.pk}"' in form.text

    response = supporter_client.post(
        create,
        {
            "organisation": organisation.pk,
            "date": timezone.localdate().isoformat(),
            "channel": "phone",
            "topics": [theme.pk],
            "summary": "Teruggebeld over de vraag.",
            "visibility": "desk",
            "help_request": question.pk,
        },
    )
    moment = ContactMoment.objects.get()
    assert response.status_code == 302
    assert response.url == url("contact-detail", area_desk, moment.pk)
    assert moment.help_request == question and moment.organisation == organisation
    assert not moment.proactive and moment.supporter == supporter
    assert list(moment.topics.all()) == [theme]
    request_page = reverse("helprequests:request-detail", args=[area_desk.slug, question.pk])
    assert f'href="{request_page}"' in supporter_client.get(response.url).text

    page = supporter_client.get(
        reverse("registry:organisation-detail", args=[area_desk.slug, organisation.pk])
    )
    items = {item["kind"]: item["object"] for item in page.context["timeline"]}
    assert items["contact"] == moment and items["request"] == question
    assert items["contact"].help_request_id == question.pk
    assert "Teruggebeld over de vraag." in page.text
    # The question's own page lists it too.
    on_request = supporter_client.get(request_page)
    assert on_request.context["contacts"] == [moment]
    assert "Teruggebeld over de vraag." in on_request.text


def test_without_accounts_of_ones_own_the_work_list_shows_the_whole_desk(
    coordinator_client, area_desk, utrecht
):
    OrganisationFactory(municipality=utrecht, name="Club zonder accounthouder")
    page = coordinator_client.get(url("work-list", area_desk))
    assert [row.name for row in page.context["page_obj"].object_list] == [
        "Club zonder accounthouder"
    ]
    mine = coordinator_client.get(url("work-list", area_desk), {"holder": "mine"})
    assert list(mine.context["page_obj"].object_list) == []


@pytest.mark.parametrize(
    "next_value, lands_on",
    [
        ("abc", None),  # a view name to redirect(): it used to save, then fail
        ("https://evil.example/", None),
        ("//evil.example/", None),
        ("/alpha/contacts/work-list/?holder=all", "/alpha/contacts/work-list/?holder=all"),
    ],
)
def test_an_odd_next_lands_on_the_contact_saved_once(
    supporter_client, area_desk, utrecht, next_value, lands_on
):
    organisation = OrganisationFactory(municipality=utrecht)
    response = supporter_client.post(
        url("contact-create", area_desk) + f"?next={next_value}",
        {
            "organisation": organisation.pk,
            "date": timezone.localdate().isoformat(),
            "channel": "phone",
            "summary": "Gebeld.",
            "visibility": "desk",
        },
    )
    moment = ContactMoment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == (lands_on or f"/{area_desk.slug}/contacts/{moment.pk}/")
