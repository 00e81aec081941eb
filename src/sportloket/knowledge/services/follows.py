"""Writes on which desks' shared knowledge a desk follows."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sportloket.core.audit import audited
from sportloket.knowledge.models import DeskFollow


def desk_follow(*, actor, loket, followed) -> DeskFollow:
    """``loket`` shows ``followed``'s shared articles in its own list. Following twice changes
    nothing."""
    if followed.pk == loket.pk:
        raise ValidationError(_("A desk cannot follow itself."))
    if not followed.is_active:
        raise ValidationError(_("This desk is no longer active."))
    with transaction.atomic(), audited(actor):
        follow, _created = DeskFollow.objects.get_or_create(follower=loket, followed=followed)
    return follow


def desk_unfollow(*, actor, loket, followed) -> None:
    with transaction.atomic(), audited(actor):
        for follow in DeskFollow.objects.filter(follower=loket, followed=followed):
            follow.delete()  # one by one: each removal is in the audit trail
