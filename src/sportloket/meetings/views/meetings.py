"""The desk's meetings: the list, planning and changing one, its page, its cancellation and
its calendar file."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from sportloket.core.permissions import Capability
from sportloket.core.views_mixins import (
    DeskMixin,
    DeskObjectMixin,
    HtmxPartialMixin,
    add_service_errors,
)
from sportloket.meetings import selectors, services
from sportloket.meetings.forms import SERVICE_FIELDS, MeetingFilterForm, MeetingForm
from sportloket.meetings.ics import meeting_ics
from sportloket.meetings.models import Meeting, MeetingSeries
from sportloket.offerings.models import Offering
from sportloket.registry.constants import PROVIDER_KINDS
from sportloket.registry.models import Organisation

PAGE_SIZE = 25


def querystring(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def meeting_url(meeting) -> str:
    return reverse("meetings:detail", args=[meeting.loket.slug, meeting.pk])


def show_service_errors(form, error: ValidationError):
    """A service's errors next to the form's fields (its names for the model's)."""
    if hasattr(error, "error_dict"):
        error = ValidationError(
            {SERVICE_FIELDS.get(name, name): errors for name, errors in error.error_dict.items()}
        )
    add_service_errors(form, error)


def ics_response(meeting, *, url="", attendee_email="") -> HttpResponse:
    response = HttpResponse(
        meeting_ics(meeting, url=url, attendee_email=attendee_email),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="bijeenkomst-{meeting.pk}.ics"'
    return response


class MeetingListView(HtmxPartialMixin, DeskMixin, TemplateView):
    capability = Capability.VIEW_CONTACTS
    template_name = "meetings/meeting_list.html"
    partial_template_name = "meetings/_meeting_table.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = MeetingFilterForm(
            self.request.GET or None, themes=selectors.desk_themes(loket=self.desk)
        )
        meetings = selectors.desk_meetings(loket=self.desk, **form.filters())
        page = Paginator(meetings, PAGE_SIZE).get_page(self.request.GET.get("page"))
        ctx.update(
            filter_form=form,
            page_obj=page,
            querystring=querystring(self.request),
            past=form.filters()["when"] == selectors.PAST,
        )
        return ctx


class _MeetingFormMixin:
    capability = Capability.LOG_CONTACTS
    template_name = "meetings/meeting_form.html"

    def make_form(self, data=None, initial=None):
        partners = Organisation.objects.for_desk(self.desk).filter(merged_into__isnull=True)
        return MeetingForm(
            data,
            initial=initial,
            themes=selectors.desk_themes(loket=self.desk),
            # Partners rather than providers co-organise: the sport platform, a federation,
            # the municipality; a provider can be chosen when it is one already.
            co_organisers=partners.filter(
                ~Q(kind__in=PROVIDER_KINDS) | Q(co_organised_meetings__loket=self.desk)
            )
            .distinct()
            .order_by("name"),
            offerings=Offering.objects.visible_to(self.desk.pk).order_by("title"),
            series=MeetingSeries.objects.for_desk(self.desk),
            articles=selectors.article_choices(
                loket=self.desk, meeting=getattr(self, "object", None)
            ),
            desk=self.desk,
        )

    def render_form(self, form, status=200):
        ctx = {"form": form, "meeting": getattr(self, "object", None), **self.extra_context()}
        return render(self.request, self.template_name, ctx, status=status)

    def extra_context(self) -> dict:
        return {}

    def related(self, form) -> dict:
        data = form.cleaned_data
        series = data["series"]
        if series is None and data["series_name"].strip():
            series = services.series_create(
                loket=self.desk,
                actor=self.request.user,
                name=data["series_name"],
                rhythm=data["series_rhythm"],
            )
        return {
            "themes": data["themes"],
            "co_organisers": data["co_organisers"],
            "offering": data["offering"],
            "series": series,
            "articles": data["articles"],
        }

    def get(self, request, *args, **kwargs):
        return self.render_form(self.make_form(initial=self.initial()))

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        if form.is_valid():
            try:
                meeting = self.save(form)
            except ValidationError as error:
                show_service_errors(form, error)
            else:
                messages.success(request, self.success_message)
                return HttpResponseRedirect(meeting_url(meeting))
        return self.render_form(form, status=400)


class MeetingCreateView(_MeetingFormMixin, DeskMixin, View):
    """Plans a meeting. Organisations named in the address (``invite``, as a suggestion to
    bring providers together hands them over) are invited as soon as it is planned."""

    success_message = _("The meeting is planned. Invite the organisations now.")

    def to_invite(self):
        query = self.request.POST if self.request.method == "POST" else self.request.GET
        ids = [value for value in query.getlist("invite") if value.isdigit()][:50]
        if not ids:
            return Organisation.objects.none()
        return (
            Organisation.objects.for_desk(self.desk)
            .filter(pk__in=ids, merged_into__isnull=True)
            .order_by("name")
        )

    def extra_context(self) -> dict:
        to_invite = list(self.to_invite())
        return {"to_invite": to_invite, "invite_hidden": [("invite", o.pk) for o in to_invite]}

    def initial(self):
        return {"title": self.request.GET.get("title", "")[:200]}

    def save(self, form):
        organisations = self.to_invite()
        with transaction.atomic():  # no meeting without its invitations, nor the other way
            meeting = services.meeting_create(
                loket=self.desk,
                actor=self.request.user,
                **self.related(form),
                **form.meeting_fields(),
            )
            invited = (
                services.invitations_send(
                    meeting=meeting, actor=self.request.user, organisations=organisations
                )
                if organisations
                else None
            )
        if invited is not None:
            self.success_message = _(
                "The meeting is planned and %(n)d contact people are invited."
            ) % {"n": len(invited)}
        return meeting


class MeetingEditView(_MeetingFormMixin, DeskObjectMixin, View):
    model = Meeting
    success_message = _("The meeting is changed.")

    def initial(self):
        return MeetingForm.initial_for(self.object)

    def save(self, form):
        return services.meeting_update(
            meeting=self.object,
            actor=self.request.user,
            **self.related(form),
            **form.meeting_fields(),
        )


class MeetingDetailView(DeskObjectMixin, TemplateView):
    capability = Capability.VIEW_CONTACTS
    model = Meeting
    template_name = "meetings/meeting_detail.html"

    def get_queryset(self):
        return Meeting.objects.select_related("series", "offering", "created_by")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(meeting=self.object, **selectors.meeting_page(meeting=self.object))
        if self.membership.can(Capability.VIEW_KNOWLEDGE):
            ctx["articles"] = selectors.meeting_articles(meeting=self.object, loket=self.desk)
        return ctx


class MeetingCancelView(DeskObjectMixin, View):
    capability = Capability.LOG_CONTACTS
    model = Meeting
    template_name = "meetings/meeting_cancel.html"

    def render_page(self, error=None, status=200):
        ctx = {"meeting": self.object, "error": error}
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_page()

    def post(self, request, *args, **kwargs):
        if request.POST.get("confirm") != "yes":
            return self.render_page(_("Confirm that the meeting is cancelled."), status=400)
        try:
            services.meeting_cancel(meeting=self.object, actor=request.user)
        except ValidationError as error:
            return self.render_page(" ".join(error.messages), status=400)
        messages.success(
            request, _("The meeting is cancelled; everyone who said yes or maybe is told.")
        )
        return HttpResponseRedirect(meeting_url(self.object))


class MeetingIcsView(DeskObjectMixin, View):
    capability = Capability.VIEW_CONTACTS
    model = Meeting

    def get_queryset(self):
        return Meeting.objects.select_related("loket")

    def get(self, request, *args, **kwargs):
        return ics_response(self.object, url=request.build_absolute_uri(meeting_url(self.object)))
