"""Writing articles: the body is rendered and sanitised on every save, a desk writes only its
own articles and links only offerings it sees, archiving keeps the article, attachments are
checked by content and size, a desk follows another desk's shared knowledge."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from sportloket.core.constants import ProviderKinds
from sportloket.core.tests.factories import LoketFactory
from sportloket.core.uploads import MB
from sportloket.knowledge.constants import ArticleStatus, Visibility
from sportloket.knowledge.models import Attachment, DeskFollow
from sportloket.knowledge.services.articles import article_archive, article_save
from sportloket.knowledge.services.attachments import attachment_add, attachment_remove
from sportloket.knowledge.services.follows import desk_follow, desk_unfollow
from sportloket.knowledge.tests.factories import ArticleFactory, pdf_upload
from sportloket.offerings.tests.factories import OfferingFactory
from sportloket.registry.models import Sport

pytestmark = pytest.mark.django_db


def fields(**changes):
    return {
        "title": "Subsidie aanvragen",
        "summary": "Stappen",
        "body": "Vraag **op tijd** aan.\n\n<script>alert(1)</script>",
        "provider_kinds": ProviderKinds.CLUB,
        "review_on": None,
        "visibility": Visibility.PUBLIC,
        "status": ArticleStatus.PUBLISHED,
        **changes,
    }


def test_an_article_is_saved_with_its_sanitised_rendering_author_and_audit(desk, coordinator):
    sport = Sport.objects.first()
    offering = OfferingFactory(loket=desk)
    article = article_save(
        actor=coordinator, loket=desk, theme_keys=["finances"], sports=[sport],
        offerings=[offering], **fields(),
    )  # fmt: skip
    article.refresh_from_db()
    assert "<strong>op tijd</strong>" in article.body_html
    assert "<script" not in article.body_html
    assert article.author == coordinator
    assert [t.key for t in article.themes.all()] == ["finances"]
    assert list(article.sports.all()) == [sport]
    assert list(article.offerings.all()) == [offering]
    entries = LogEntry.objects.get_for_object(article)
    assert entries.get(action=LogEntry.Action.CREATE).actor == coordinator
    assert {entry.actor for entry in entries} == {coordinator}


def test_changing_the_body_renders_it_again(desk, coordinator):
    article = ArticleFactory(loket=desk)
    article_save(actor=coordinator, loket=desk, article=article, **fields(body="Nieuw *woord*"))
    article.refresh_from_db()
    assert article.body_html.strip() == "<p>Nieuw <em>woord</em></p>"


def test_an_empty_body_is_refused_in_dutch(desk, coordinator):
    with pytest.raises(ValidationError) as error:
        article_save(actor=coordinator, loket=desk, **fields(body="   "))
    assert error.value.message_dict["body"] == ["Schrijf de tekst van het artikel."]


def test_another_desks_article_cannot_be_changed_even_when_shared(desk, other_desk, coordinator):
    article = ArticleFactory(loket=other_desk, shared=True)
    with pytest.raises(ValidationError):
        article_save(actor=coordinator, loket=desk, article=article, **fields())
    with pytest.raises(ValidationError):
        article_archive(actor=coordinator, loket=desk, article=article)


def test_only_offerings_the_desk_sees_can_be_linked(desk, other_desk, coordinator):
    foreign = OfferingFactory(loket=other_desk)
    with pytest.raises(ValidationError) as error:
        article_save(actor=coordinator, loket=desk, offerings=[foreign], **fields())
    assert "offerings" in error.value.message_dict
    national = OfferingFactory(national=True)
    article = article_save(actor=coordinator, loket=desk, offerings=[national], **fields())
    assert list(article.offerings.all()) == [national]


def test_archiving_keeps_the_article_for_its_desk_only(desk, coordinator):
    article = ArticleFactory(loket=desk, public=True)
    article_archive(actor=coordinator, loket=desk, article=article)
    article.refresh_from_db()
    assert article.status == ArticleStatus.ARCHIVED
    assert not article.is_public


def test_an_attachment_is_stored_under_a_new_name_with_its_checked_type(desk, coordinator):
    article = ArticleFactory(loket=desk)
    attachment = attachment_add(
        actor=coordinator, loket=desk, article=article, upload=pdf_upload("../../Regels.PDF")
    )
    assert attachment.original_name == "Regels.pdf"
    assert attachment.content_type == "application/pdf"
    assert "Regels" not in attachment.file.name
    assert attachment.file.name.startswith(f"knowledge/{desk.pk}/")


def test_a_file_that_is_no_pdf_or_image_is_refused_in_dutch(desk, coordinator):
    article = ArticleFactory(loket=desk)
    html = SimpleUploadedFile(
        "brief.pdf", b"<html><script>x</script>", content_type="application/pdf"
    )
    with pytest.raises(ValidationError) as error:
        attachment_add(actor=coordinator, loket=desk, article=article, upload=html)
    assert error.value.message_dict["attachment"] == [
        "Het bestand is geen PDF-document en geen JPEG- of PNG-afbeelding."
    ]
    assert not Attachment.objects.exists()


def test_a_file_over_ten_mb_is_refused_in_dutch(desk, coordinator):
    article = ArticleFactory(loket=desk)
    big = pdf_upload(content=b"%PDF-" + b"0" * (10 * MB))
    with pytest.raises(ValidationError) as error:
        attachment_add(actor=coordinator, loket=desk, article=article, upload=big)
    assert error.value.message_dict["attachment"] == ["Het bestand is te groot: hoogstens 10 MB."]


def test_an_attachment_goes_with_its_file(desk, coordinator, django_capture_on_commit_callbacks):
    article = ArticleFactory(loket=desk)
    attachment = attachment_add(actor=coordinator, loket=desk, article=article, upload=pdf_upload())
    storage, name = attachment.file.storage, attachment.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        attachment_remove(actor=coordinator, loket=desk, attachment=attachment)
    assert not Attachment.objects.exists()
    assert not storage.exists(name)


def test_a_desk_follows_and_unfollows_another_desk_once(desk, other_desk, coordinator):
    desk_follow(actor=coordinator, loket=desk, followed=other_desk)
    desk_follow(actor=coordinator, loket=desk, followed=other_desk)
    assert DeskFollow.objects.filter(follower=desk, followed=other_desk).count() == 1
    with pytest.raises(ValidationError):
        desk_follow(actor=coordinator, loket=desk, followed=desk)
    desk_unfollow(actor=coordinator, loket=desk, followed=other_desk)
    assert not DeskFollow.objects.exists()


def test_an_inactive_desk_cannot_be_followed(desk, coordinator):
    closed = LoketFactory(is_active=False)
    with pytest.raises(ValidationError):
        desk_follow(actor=coordinator, loket=desk, followed=closed)
