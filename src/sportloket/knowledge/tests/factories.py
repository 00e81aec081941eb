import factory
from django.core.files.base import ContentFile

from sportloket.knowledge.constants import ArticleStatus, Visibility
from sportloket.knowledge.models import Article, ArticleTheme, Attachment, DeskFollow
from sportloket.knowledge.rendering import render_markdown

MINIMAL_PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def pdf_upload(name="handleiding.pdf", content=MINIMAL_PDF, content_type="application/pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type=content_type)


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published desk-only article; ``shared=True`` for all desks, ``public=True`` for
    everyone, ``draft=True`` for a draft."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    loket = factory.SubFactory("sportloket.core.tests.factories.LoketFactory")
    title = factory.Sequence(lambda n: f"Vrijwilligers werven, deel {n}")
    summary = "Hoe een vereniging nieuwe vrijwilligers vindt."
    body = "Begin met een **taakomschrijving** per klus.\n\n- kort\n- concreet"
    body_html = factory.LazyAttribute(lambda o: render_markdown(o.body))
    visibility = Visibility.DESK
    status = ArticleStatus.PUBLISHED

    class Params:
        shared = factory.Trait(visibility=Visibility.ALL_DESKS)
        public = factory.Trait(visibility=Visibility.PUBLIC)
        draft = factory.Trait(status=ArticleStatus.DRAFT)

    @factory.post_generation
    def theme_keys(self, create, extracted, **kwargs):
        if create and extracted:
            ArticleTheme.objects.bulk_create(
                ArticleTheme(article=self, key=key) for key in extracted
            )

    @classmethod
    def for_desk(cls, loket, **kwargs):
        return cls(loket=loket, **kwargs)


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attachment

    article = factory.SubFactory(ArticleFactory)
    file = factory.LazyFunction(lambda: ContentFile(MINIMAL_PDF, name="bijlage.pdf"))
    original_name = "handleiding.pdf"
    content_type = "application/pdf"
    size = len(MINIMAL_PDF)

    @classmethod
    def for_desk(cls, loket, **kwargs):
        return cls(article=ArticleFactory(loket=loket), **kwargs)


class DeskFollowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeskFollow

    follower = factory.SubFactory("sportloket.core.tests.factories.LoketFactory")
    followed = factory.SubFactory("sportloket.core.tests.factories.LoketFactory")
