"""Acting on several questions at once, from the inbox. Each question goes through the service
that acts on one question (its own transaction, actor, history and e-mail), so a question the
quality rule or the workflow refuses is reported with the reason, and the others go ahead."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sportloket.core.audit import audited
from sportloket.core.models import Theme
from sportloket.helprequests.models import HelpRequest
from sportloket.helprequests.services.assignments import request_assign
from sportloket.helprequests.services.workflow import request_move

# A page of the inbox shows 50; a bulk action never takes more than a few pages at once.
BULK_LIMIT = 200


@dataclass
class BulkOutcome:
    """Which questions were changed, and which were not, each with the reason."""

    done: list[HelpRequest] = field(default_factory=list)
    refused: list[tuple[HelpRequest, str]] = field(default_factory=list)


def _each(help_requests: Iterable[HelpRequest], act: Callable[[HelpRequest], object]):
    help_requests = list(help_requests)
    if len(help_requests) > BULK_LIMIT:
        raise ValidationError(
            _("Choose at most %(limit)s questions at once.") % {"limit": BULK_LIMIT}
        )
    outcome = BulkOutcome()
    for help_request in help_requests:
        try:
            act(help_request)
        except ValidationError as error:
            outcome.refused.append((help_request, " ".join(error.messages)))
        else:
            outcome.done.append(help_request)
    return outcome


def requests_assign(*, help_requests, membership, actor) -> BulkOutcome:
    """Assigns each question to this coordinator or supporter (``request_assign``: the desk's
    quality rule may refuse some)."""
    return _each(
        help_requests,
        lambda help_request: request_assign(
            help_request=help_request, membership=membership, actor=actor
        ),
    )


def requests_move(
    *, help_requests, to_state: str, actor, note: str = "", referred_to: str = ""
) -> BulkOutcome:
    """Moves each question where the workflow allows it (``request_move``); each provider is
    told, as after a move of one question."""
    return _each(
        help_requests,
        lambda help_request: request_move(
            help_request=help_request,
            to_state=to_state,
            actor=actor,
            note=note,
            referred_to=referred_to,
        ),
    )


def request_theme_add(*, help_request: HelpRequest, theme: Theme, actor) -> HelpRequest:
    """Adds one of the desk's themes in use to the question, keeping the themes it has."""
    if theme.loket_id != help_request.loket_id:
        raise ValidationError({"theme": _("Choose a theme of this desk.")})
    if not theme.is_active:
        raise ValidationError({"theme": _("This theme is no longer in use.")})
    with transaction.atomic(), audited(actor):
        help_request = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
        if help_request.themes.filter(pk=theme.pk).exists():
            raise ValidationError(_("This question has this theme already."))
        help_request.themes.add(theme)
    return help_request


def requests_theme_add(*, help_requests, theme: Theme, actor) -> BulkOutcome:
    """Adds the theme to each question that does not have it yet."""
    return _each(
        help_requests,
        lambda help_request: request_theme_add(help_request=help_request, theme=theme, actor=actor),
    )
