"""Knowledge articles linked from a meeting: chosen on its form among the desk's own and
followed articles, checked by the service (never another desk's desk-only article), listed on
its staff page (what the desk may open) and on its public page (public articles only)."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from sportloket.knowledge.constants import Visibility
from sportloket.knowledge.models import Article
from sportloket.knowledge.tests.factories import ArticleFactory, DeskFollowFactory
from sportloket.meetings import selectors, services
from sportloket.meetings.constants import MeetingKind
from sportloket.meetings.models import Meeting
from sportloket.meetings.tests.factories import MeetingFactory
from sportloket.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

REFUSED = "Kies artikelen die dit loket mag lezen."


@pytest.fixture
def followed(desk, other_desk):
    DeskFollowFactory(follower=desk, followed=other_desk)
    return other_desk


def meeting_post(**extra):
    day = timezone.localdate() + datetime.timedelta(days=20)
    return {
        "title": "Sportcafé bestuurders",
        "kind": MeetingKind.SPORT_CAFE,
        "date": day.isoformat(),
        "start_time": "19:30",
        "end_time": "21:30",
        "place": "Clubhuis De Meent",
        "description": "Over vrijwilligers en geld.",
        **extra,
    }


def articles_field(html: str) -> str:
    """The form's fieldset of the articles' checkboxes, where its errors belong."""
    match = re.search(r"<legend>Kennisartikelen</legend>.*?</fieldset>", html, re.S)
    assert match, "no fieldset for the knowledge articles"
    return match.group(0)


def test_a_meeting_is_planned_with_own_and_followed_articles(client, coordinator, desk, followed):
    own = ArticleFactory(loket=desk)
    theirs = ArticleFactory(loket=followed, shared=True)
    client.force_login(coordinator)

    form = client.get(f"/{desk.slug}/meetings/new/").context["form"]
    assert set(form.fields["articles"].queryset) == {own, theirs}
    response = client.post(
        f"/{desk.slug}/meetings/new/", meeting_post(articles=[own.pk, theirs.pk])
    )

    assert response.status_code == 302
    assert set(Meeting.objects.get().articles.all()) == {own, theirs}


def test_update_keeps_articles_when_not_given_and_replaces_them_when_given(desk, coordinator):
    first, second = ArticleFactory(loket=desk), ArticleFactory(loket=desk, public=True)
    meeting = services.meeting_create(
        loket=desk,
        actor=coordinator,
        articles=[first],
        title="Netwerkbijeenkomst",
        kind=MeetingKind.NETWORK,
        starts_at=MeetingFactory.build().starts_at,
        ends_at=MeetingFactory.build().ends_at,
        place="Clubhuis",
    )
    assert list(meeting.articles.all()) == [first]

    services.meeting_update(meeting=meeting, actor=coordinator, title="Nieuwe titel")
    assert list(meeting.articles.all()) == [first]
    services.meeting_update(meeting=meeting, actor=coordinator, articles=[second])
    assert list(meeting.articles.all()) == [second]
    services.meeting_update(meeting=meeting, actor=coordinator, articles=[])
    assert not meeting.articles.exists()


@pytest.mark.parametrize("kind", ["desk_only_of_other_desk", "own_draft"])
def test_the_service_refuses_articles_the_desk_may_not_read(desk, other_desk, coordinator, kind):
    article = (
        ArticleFactory(loket=other_desk)
        if kind == "desk_only_of_other_desk"
        else ArticleFactory(loket=desk, draft=True)
    )
    kept = ArticleFactory(loket=desk)
    meeting = MeetingFactory(loket=desk)
    meeting.articles.add(kept)

    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        services.meeting_update(meeting=meeting, actor=coordinator, articles=[kept, article])
    assert refused.value.message_dict == {"articles": [REFUSED]}
    assert list(meeting.articles.all()) == [kept]

    with translation.override("nl"), pytest.raises(ValidationError):
        services.meeting_create(
            loket=desk,
            actor=coordinator,
            articles=[article],
            title="Sportcafé",
            kind=MeetingKind.SPORT_CAFE,
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            place="Clubhuis",
        )
    assert Meeting.objects.count() == 1


def test_another_desks_desk_only_article_is_not_offered_and_refused_next_to_the_field(
    client, coordinator, desk, other_desk, followed
):
    secret = ArticleFactory(loket=other_desk, title="Intern draaiboek")
    client.force_login(coordinator)

    page = client.get(f"/{desk.slug}/meetings/new/").content.decode()
    assert "Intern draaiboek" not in page

    response = client.post(f"/{desk.slug}/meetings/new/", meeting_post(articles=[secret.pk]))
    assert response.status_code == 400
    text = response.content.decode()
    assert "geen beschikbare keuze" in articles_field(text)
    assert 'value="Sportcafé bestuurders"' in text
    assert "Over vrijwilligers en geld." in text
    assert not Meeting.objects.exists()


def test_the_services_refusal_shows_in_dutch_next_to_the_field_and_keeps_the_input(
    client, coordinator, desk, other_desk, monkeypatch
):
    """Should the form ever offer an article the desk may not read (a race with its author
    narrowing its visibility), the service still refuses it and the page says why."""
    secret = ArticleFactory(loket=other_desk, title="Intern draaiboek")
    monkeypatch.setattr(
        selectors, "article_choices", lambda **_: Article.objects.select_related("loket")
    )
    client.force_login(coordinator)

    response = client.post(f"/{desk.slug}/meetings/new/", meeting_post(articles=[secret.pk]))

    assert response.status_code == 400
    text = response.content.decode()
    assert REFUSED in articles_field(text)
    assert 'value="Sportcafé bestuurders"' in text
    assert 'value="19:30"' in text
    assert not Meeting.objects.exists()


def test_the_edit_form_keeps_articles_of_a_desk_no_longer_followed(
    client, coordinator, desk, other_desk
):
    theirs = ArticleFactory(loket=other_desk, shared=True, title="Subsidiewijzer")
    meeting = MeetingFactory(loket=desk)
    meeting.articles.add(theirs)
    client.force_login(coordinator)
    url = f"/{desk.slug}/meetings/{meeting.pk}/edit/"

    form = client.get(url).context["form"]
    assert theirs in form.fields["articles"].queryset
    assert form.initial["articles"] == [theirs]
    local = timezone.localtime(meeting.starts_at)
    response = client.post(
        url,
        meeting_post(
            title=meeting.title,
            date=local.date().isoformat(),
            start_time=local.strftime("%H:%M"),
            end_time=timezone.localtime(meeting.ends_at).strftime("%H:%M"),
            place=meeting.place,
            articles=[theirs.pk],
        ),
    )
    assert response.status_code == 302
    assert list(meeting.articles.all()) == [theirs]


def test_the_meeting_page_lists_the_articles_the_desk_may_open(
    client, coordinator, desk, other_desk, followed
):
    own = ArticleFactory(loket=desk, title="Vrijwilligersbeleid")
    theirs = ArticleFactory(loket=other_desk, shared=True, title="Subsidiewijzer")
    narrowed = ArticleFactory(loket=other_desk, shared=True, title="Intern draaiboek")
    meeting = MeetingFactory(loket=desk)
    meeting.articles.add(own, theirs, narrowed)
    Article.objects.filter(pk=narrowed.pk).update(visibility=Visibility.DESK)
    client.force_login(coordinator)

    text = client.get(f"/{desk.slug}/meetings/{meeting.pk}/").content.decode()

    assert f'href="/{desk.slug}/knowledge/{own.pk}/">Vrijwilligersbeleid</a>' in text
    assert f'href="/{desk.slug}/knowledge/{theirs.pk}/">Subsidiewijzer</a>' in text
    assert "Van Sportloket Beta" in text
    assert "Intern draaiboek" not in text


def test_the_public_page_lists_only_public_articles(client, desk, other_desk):
    public = ArticleFactory(loket=desk, public=True, title="Zo werf je vrijwilligers")
    elsewhere = ArticleFactory(loket=other_desk, public=True, title="Clubkas op orde")
    desk_only = ArticleFactory(loket=desk, title="Intern draaiboek")
    shared = ArticleFactory(loket=desk, shared=True, title="Voor collega-loketten")
    draft = ArticleFactory(loket=desk, public=True, draft=True, title="Nog niet af")
    meeting = MeetingFactory(loket=desk, is_public=True)
    meeting.articles.add(public, elsewhere, desk_only, shared, draft)

    text = client.get(f"/{desk.slug}/bijeenkomsten/{meeting.pk}/").content.decode()

    assert f'href="/{desk.slug}/kennis/{public.pk}/">Zo werf je vrijwilligers</a>' in text
    assert f'href="/{other_desk.slug}/kennis/{elsewhere.pk}/">Clubkas op orde</a>' in text
    for hidden in ("Intern draaiboek", "Voor collega-loketten", "Nog niet af"):
        assert hidden not in text
    assert client.get(f"/{desk.slug}/kennis/{public.pk}/").status_code == 200


def test_the_meeting_pages_take_the_same_queries_for_more_articles(
    client, coordinator, desk, other_desk
):
    meeting = MeetingFactory(loket=desk, is_public=True)

    def add(n):
        for i in range(n):
            loket = desk if i % 2 else other_desk
            meeting.articles.add(ArticleFactory(loket=loket, public=True))

    add(1)
    _first, public = assert_queries_do_not_grow(
        lambda: client.get(f"/{desk.slug}/bijeenkomsten/{meeting.pk}/"), add, more=6
    )
    assert len(public.context["articles"]) == 7
    client.force_login(coordinator)
    _first, second = assert_queries_do_not_grow(
        lambda: client.get(f"/{desk.slug}/meetings/{meeting.pk}/"), add, more=6, max_queries=17
    )
    assert len(second.context["articles"]) == 13
