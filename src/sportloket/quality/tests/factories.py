import datetime

import factory

from sportloket.quality.constants import KssKind, QualitySystem
from sportloket.quality.models import QualityRegistration

MINIMAL_PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 20


def upload(name="bewijs.png", content=MINIMAL_PNG, content_type="image/png"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type=content_type)


class QualityRegistrationFactory(factory.django.DjangoModelFactory):
    """A valid VOG since 2025 that does not expire, unless told otherwise; ``kss=True`` for a
    KSS trainer-coach licence at level 3."""

    class Meta:
        model = QualityRegistration

    user = factory.SubFactory("sportloket.accounts.tests.factories.UserFactory")
    recorded_by_loket = factory.SubFactory("sportloket.core.tests.factories.LoketFactory")
    system = QualitySystem.VOG
    valid_from = datetime.date(2025, 1, 1)
    valid_until = None

    class Params:
        kss = factory.Trait(
            system=QualitySystem.KSS, kind=KssKind.LICENCE, line="trainer-coach", level=3
        )
        spn = factory.Trait(system=QualitySystem.SPN, number="SPN-12345")

    @classmethod
    def for_desk(cls, loket, **kwargs):
        """A registration the desk sees: of one of its supporters, recorded there, with an
        evidence document (so every page about it, the document too, opens for that desk)."""
        from django.core.files.base import ContentFile

        from sportloket.core.tests.factories import MembershipFactory

        kwargs.setdefault("user", MembershipFactory(loket=loket, supporter=True).user)
        kwargs.setdefault("evidence", ContentFile(MINIMAL_PNG, name="bewijs.png"))
        return cls(recorded_by_loket=loket, **kwargs)
