from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "sportloket.knowledge"
    verbose_name = _("Knowledge")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from auditlog.registry import auditlog

        from sportloket.knowledge.models import Article, Attachment, DeskFollow
        from sportloket.knowledge.services.articles import ARTICLE_FIELDS

        # Named fields only: the rendered HTML follows from the body, and reverse relations
        # cannot be shown in a history.
        auditlog.register(
            Article,
            include_fields=["loket", "status", *ARTICLE_FIELDS],
            m2m_fields={"sports", "offerings"},
        )
        auditlog.register(Attachment, include_fields=["article", "original_name", "size"])
        auditlog.register(DeskFollow, include_fields=["follower", "followed"])
