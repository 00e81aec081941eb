"""A meeting's life: planned, changed (a new time or place reaches everyone who said yes, with
the updated calendar file), cancelled (everyone who said yes or maybe hears it), its notes."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sportloket.core.audit import audited
from sportloket.core.services import model_update
from sportloket.knowledge import selectors as knowledge_selectors
from sportloket.meetings.constants import COMING, COMING_OR_MAYBE, MeetingKind
from sportloket.meetings.models import Meeting, MeetingSeries
from sportloket.meetings.services import mail
from sportloket.offerings.models import Offering
from sportloket.registry.models import Organisation

MEETING_FIELDS = (
    "title",
    "kind",
    "starts_at",
    "ends_at",
    "place",
    "online_url",
    "capacity",
    "description",
    "is_public",
)
# A change of one of these reaches everyone who said yes.
TIME_AND_PLACE = ("starts_at", "ends_at", "place", "online_url")


def _field_errors(fields: dict) -> dict:
    errors = {}
    if not (fields.get("title") or "").strip():
        errors["title"] = _("Give the meeting a title.")
    if fields.get("kind") not in MeetingKind.values:
        errors["kind"] = _("Choose the kind of meeting.")
    starts, ends = fields.get("starts_at"), fields.get("ends_at")
    if starts is None:
        errors["starts_at"] = _("Give the day and time the meeting starts.")
    if ends is None:
        errors["ends_at"] = _("Give the time the meeting ends.")
    elif starts is not None and ends <= starts:
        errors["ends_at"] = _("A meeting ends after it starts.")
    if not (fields.get("place") or "").strip() and not (fields.get("online_url") or "").strip():
        errors["place"] = _("Give an address or an online link.")
    capacity = fields.get("capacity")
    if capacity is not None and capacity < 1:
        errors["capacity"] = _("Give at least one place, or leave it empty.")
    return errors


def _related_errors(loket, *, themes, co_organisers, offering, series) -> dict:
    errors = {}
    if any(theme.loket_id != loket.pk for theme in themes):
        errors["themes"] = _("Choose themes of this desk.")
    register = Organisation.objects.for_desk(loket).filter(
        pk__in=[o.pk for o in co_organisers], merged_into__isnull=True
    )
    if register.count() != len({o.pk for o in co_organisers}):
        errors["co_organisers"] = _("Choose co-organisers from the register of this desk.")
    if (
        offering is not None
        and not Offering.objects.visible_to(loket.pk).filter(pk=offering.pk).exists()
    ):
        errors["offering"] = _("Choose an offering this desk can see.")
    if series is not None and series.loket_id != loket.pk:
        errors["series"] = _("Choose a series of this desk.")
    return errors


def _article_errors(loket, articles) -> dict:
    """Articles are the desk's own published ones or those other desks share: never another
    desk's desk-only article, whose existence the desk must not learn."""
    ids = {article.pk for article in articles}
    if ids and knowledge_selectors.articles_by_id(loket=loket, ids=ids).count() != len(ids):
        return {"articles": _("Choose articles this desk may read.")}
    return {}


def _validate(loket, fields, *, articles=(), **related):
    errors = (
        _field_errors(fields) | _related_errors(loket, **related) | _article_errors(loket, articles)
    )
    if errors:
        raise ValidationError(errors)


def series_create(*, loket, actor, name: str, rhythm: str = "") -> MeetingSeries:
    if not name.strip():
        raise ValidationError({"series_name": _("Give the series a name.")})
    with transaction.atomic(), audited(actor):
        return MeetingSeries.objects.create(loket=loket, name=name.strip(), rhythm=rhythm.strip())


def meeting_create(
    *, loket, actor, themes=(), co_organisers=(), offering=None, series=None, articles=(),
    **fields,
) -> Meeting:  # fmt: skip
    """Plans a meeting of the desk: its co-organisers from the desk's register, its themes the
    desk's, the offering it delivers one the desk can see, its knowledge articles ones the desk
    may read."""
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise ValueError(f"Not a meeting field: {sorted(unknown)}")
    themes, co_organisers, articles = list(themes), list(co_organisers), list(articles)
    related = {
        "themes": themes,
        "co_organisers": co_organisers,
        "offering": offering,
        "series": series,
        "articles": articles,
    }
    _validate(loket, fields, **related)
    meeting = Meeting(
        loket=loket,
        offering=offering,
        series=series,
        created_by=actor,
        **{**fields, "title": fields["title"].strip()},
    )
    with transaction.atomic(), audited(actor):
        meeting.save()
        meeting.themes.set(themes)
        meeting.co_organisers.set(co_organisers)
        meeting.articles.set(articles)
    return meeting


def meeting_update(
    *, meeting, actor, themes=None, co_organisers=None, offering=None, series=None,
    articles=None, **fields,
) -> Meeting:  # fmt: skip
    """Changes a meeting that is not cancelled. A new time or place raises the calendar's
    sequence and sends everyone who said yes one e-mail with the updated calendar file.
    ``articles`` None leaves the linked knowledge articles as they are."""
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise ValueError(f"Not a meeting field: {sorted(unknown)}")
    with transaction.atomic(), audited(actor):
        meeting = Meeting.objects.select_for_update().select_related("loket").get(pk=meeting.pk)
        if meeting.is_cancelled:
            raise ValidationError(_("A cancelled meeting cannot be changed."))
        values = {name: getattr(meeting, name) for name in MEETING_FIELDS} | fields
        themes = list(meeting.themes.all()) if themes is None else list(themes)
        co_organisers = (
            list(meeting.co_organisers.all()) if co_organisers is None else list(co_organisers)
        )
        articles = None if articles is None else list(articles)
        related = {
            "themes": themes,
            "co_organisers": co_organisers,
            "offering": offering,
            "series": series,
            "articles": articles or (),
        }
        _validate(meeting.loket, values, **related)
        moved = any(values[name] != getattr(meeting, name) for name in TIME_AND_PLACE)
        values["title"] = values["title"].strip()
        model_update(meeting, values, allowed=MEETING_FIELDS, clean=False)
        meeting.offering, meeting.series = offering, series
        if moved:
            meeting.sequence += 1
        meeting.save()
        meeting.themes.set(themes)
        meeting.co_organisers.set(co_organisers)
        if articles is not None:
            meeting.articles.set(articles)
        if moved:
            mail.mail_everyone(meeting, "changed", responses=COMING)
    return meeting


def meeting_cancel(*, meeting, actor) -> Meeting:
    """Cancels a meeting that has not yet taken place; everyone who said yes or maybe, and
    everyone who registered, gets an e-mail with the calendar's cancellation."""
    with transaction.atomic(), audited(actor):
        meeting = Meeting.objects.select_for_update().select_related("loket").get(pk=meeting.pk)
        if meeting.is_cancelled:
            raise ValidationError(_("This meeting is cancelled already."))
        if meeting.is_past:
            raise ValidationError(_("A meeting that took place cannot be cancelled."))
        meeting.cancelled_at = timezone.now()
        meeting.sequence += 1
        meeting.save(update_fields=["cancelled_at", "sequence", "updated_at"])
        mail.mail_everyone(meeting, "cancelled", responses=COMING_OR_MAYBE)
    return meeting


def meeting_notes_save(*, meeting, actor, notes: str) -> Meeting:
    with transaction.atomic(), audited(actor):
        meeting.notes = notes.strip()
        meeting.save(update_fields=["notes", "updated_at"])
    return meeting
