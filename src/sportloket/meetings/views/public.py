"""The pages without an account: the private answer page of an invitation (``/m/<token>/``)
and its calendar file, and the public page of a published meeting where anyone registers
(rate-limited like the public question form). All work without JavaScript."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache

from sportloket.core.inputs import parse_id
from sportloket.core.ratelimit import client_address, hit
from sportloket.core.views_mixins import add_service_errors
from sportloket.meetings import selectors, services
from sportloket.meetings.forms import RegistrationForm, RsvpForm
from sportloket.meetings.views.meetings import ics_response

REGISTER_LIMIT = 5  # registrations per address per hour


def _private(response):
    """The link is the key: never pass it on to other sites, never index it."""
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@method_decorator(never_cache, name="dispatch")
class RsvpView(View):
    """An invited person answers: yes, maybe or no, with how many and their needs."""

    template_name = "meetings/rsvp.html"

    def dispatch(self, request, *args, **kwargs):
        self.invitation = selectors.rsvp_invitation(token=kwargs["token"])
        if self.invitation is None:
            raise Http404
        return _private(super().dispatch(request, *args, **kwargs))

    def render_page(self, form, status=200):
        invitation = self.invitation
        meeting = invitation.meeting
        ctx = {
            "invitation": invitation,
            "meeting": meeting,
            "desk": meeting.loket,
            "form": form,
            "closed": meeting.is_cancelled or meeting.is_past,
        }
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        invitation = self.invitation
        initial = {"response": invitation.response or None, "people": invitation.people}
        return self.render_page(RsvpForm(initial=initial | {"needs": invitation.needs}))

    def post(self, request, *args, **kwargs):
        form = RsvpForm(request.POST)
        if form.is_valid():
            try:
                services.rsvp_answer(token=self.invitation.token, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Thank you: your answer is saved."))
                return HttpResponseRedirect(request.path)
        return self.render_page(form, status=400)


class RsvpIcsView(View):
    def get(self, request, *args, **kwargs):
        invitation = selectors.rsvp_invitation(token=kwargs["token"])
        if invitation is None:
            raise Http404
        return _private(
            ics_response(
                invitation.meeting,
                url=request.build_absolute_uri(request.path.rsplit("/", 1)[0] + "/"),
                attendee_email=invitation.person.email,
            )
        )


class PublicMeetingView(View):
    """A published meeting of a desk, with a registration form while it is open."""

    template_name = "meetings/public_meeting.html"

    def dispatch(self, request, *args, **kwargs):
        pk = parse_id(str(kwargs["pk"]))
        self.meeting = (
            None if pk is None else selectors.public_meeting(loket_slug=kwargs["loket_slug"], pk=pk)
        )
        if self.meeting is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def render_page(self, form, status=200):
        meeting = self.meeting
        ctx = {
            "meeting": meeting,
            "desk": meeting.loket,
            "form": form,
            "closed": meeting.is_cancelled or meeting.is_past,
            "articles": selectors.public_meeting_articles(meeting=meeting),
        }
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_page(RegistrationForm())

    def post(self, request, *args, **kwargs):
        form = RegistrationForm(request.POST)
        if not form.is_valid():
            return self.render_page(form, status=400)
        if not hit(
            f"meeting-register:{client_address(request)}", limit=REGISTER_LIMIT, seconds=3600
        ):
            form.add_error(
                None,
                _(
                    "Many registrations were sent from this address in the last hour. "
                    "Please try again later."
                ),
            )
            return self.render_page(form, status=429)
        try:
            services.registration_create(meeting=self.meeting, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.render_page(form, status=400)
        messages.success(
            request, _("Thank you: you are registered. The e-mail we sent has the details.")
        )
        return HttpResponseRedirect(request.path)
