"""Before, on and after the day: inviting organisations by the register's filters (with a
preview), the attendance list (a big tick button per person, a form each, no JavaScript
needed), the notes, agreed actions and questions raised."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from sportloket.accounts.models import User
from sportloket.contacts import selectors as contact_selectors
from sportloket.core.inputs import parse_id, safe_next
from sportloket.core.permissions import Capability
from sportloket.core.views_mixins import DeskObjectMixin, add_service_errors
from sportloket.meetings import selectors, services
from sportloket.meetings.forms import (
    ActionForm,
    InviteFilterForm,
    NotesForm,
    QuestionForm,
    WalkInForm,
)
from sportloket.meetings.models import AgreedAction, Meeting
from sportloket.meetings.views.meetings import meeting_url


class InviteView(DeskObjectMixin, View):
    """Choose organisations by the register's filters, read who would be invited (and how many
    are skipped for lack of consent), then send."""

    capability = Capability.LOG_CONTACTS
    model = Meeting
    template_name = "meetings/invite.html"

    def get_queryset(self):
        return Meeting.objects.select_related("loket")

    def make_form(self, data):
        return InviteFilterForm(
            data,
            loket=self.desk,
            tags=selectors.desk_tags(),
            register=selectors.meeting_register_choices(loket=self.desk),
        )

    def chosen(self, form):
        if not form.is_bound or not form.is_valid():
            return None
        filters = form.filters()
        if not any(value for value in filters.values()):
            return None  # nothing chosen yet: never the whole register at once
        return selectors.invite_candidates(loket=self.desk, **filters)

    def render_page(self, form, status=200):
        organisations = self.chosen(form)
        preview = (
            None
            if organisations is None
            else selectors.invite_preview(meeting=self.object, organisations=organisations)
        )
        query = self.request.GET if self.request.method == "GET" else self.request.POST
        ctx = {
            "meeting": self.object,
            "form": form,
            "preview": preview,
            "query": [
                (k, v) for k in query if k != "csrfmiddlewaretoken" for v in query.getlist(k)
            ],
        }
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_page(self.make_form(request.GET or None))

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        organisations = self.chosen(form)
        if organisations is None:
            form.add_error(None, _("Choose the organisations to invite with the filters."))
            return self.render_page(form, status=400)
        try:
            sent = services.invitations_send(
                meeting=self.object, actor=request.user, organisations=organisations
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.render_page(form, status=400)
        messages.success(
            request,
            ngettext("%(n)s person is invited.", "%(n)s people are invited.", len(sent))
            % {"n": len(sent)},
        )
        return HttpResponseRedirect(meeting_url(self.object))


class AttendanceView(DeskObjectMixin, View):
    """The attendance list on a phone: who was invited, a tick (or untick) button per person,
    and a form for someone who walked in."""

    capability = Capability.LOG_CONTACTS
    model = Meeting
    template_name = "meetings/attendance.html"

    def render_page(self, walk_in_form=None, error=None, status=200):
        ctx = {
            "meeting": self.object,
            "rows": selectors.attendance_rows(meeting=self.object),
            "walk_in_form": walk_in_form or self.walk_in_form(),
            "error": error,
        }
        if getattr(self.request, "htmx", False) and not walk_in_form and status == 200:
            return render(self.request, "meetings/_attendance_rows.html", ctx)
        return render(self.request, self.template_name, ctx, status=status)

    def walk_in_form(self, data=None):
        return WalkInForm(data, organisations=selectors.meeting_register_choices(loket=self.desk))

    def get(self, request, *args, **kwargs):
        return self.render_page()

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        try:
            if action == "tick":
                self.tick()
            elif action == "untick":
                self.untick()
            elif action == "walk_in":
                form = self.walk_in_form(request.POST)
                if not form.is_valid():
                    return self.render_page(walk_in_form=form, status=400)
                services.attendance_mark(
                    meeting=self.object,
                    actor=request.user,
                    organisation=form.cleaned_data["organisation"],
                    walk_in_name=form.cleaned_data["walk_in_name"],
                )
            else:
                return self.render_page(error=_("Choose whom to tick."), status=400)
        except ValidationError as error:
            return self.render_page(error=" ".join(error.messages), status=400)
        if getattr(request, "htmx", False):
            return self.render_page()
        return HttpResponseRedirect(request.path)

    def tick(self):
        invitation = self.object.invitations.select_related("organisation", "person").filter(
            person_id=parse_id(self.request.POST.get("person")),
            organisation_id=parse_id(self.request.POST.get("organisation")),
        )
        invitation = invitation.first()
        if invitation is None:
            raise ValidationError(_("Choose someone on the list."))
        services.attendance_mark(
            meeting=self.object,
            actor=self.request.user,
            organisation=invitation.organisation,
            person=invitation.person,
        )

    def untick(self):
        attendance = self.object.attendances.filter(
            pk=parse_id(self.request.POST.get("attendance"))
        ).first()
        if attendance is None:
            raise ValidationError(_("Choose someone on the list."))
        services.attendance_unmark(attendance=attendance, actor=self.request.user)


class _MeetingFormView(DeskObjectMixin, View):
    """A small form about a meeting (notes, an action, a question) on its own page."""

    capability = Capability.LOG_CONTACTS
    model = Meeting
    template_name = "meetings/meeting_small_form.html"
    title = ""

    def render_form(self, form, status=200):
        ctx = {"meeting": self.object, "form": form, "title": self.title}
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_form(self.make_form())

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        if form.is_valid():
            try:
                self.save(form)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, self.success_message)
                return HttpResponseRedirect(meeting_url(self.object))
        return self.render_form(form, status=400)


class NotesView(_MeetingFormView):
    title = _("Notes of the meeting")
    success_message = _("The notes are saved.")

    def make_form(self, data=None):
        return NotesForm(data, initial={"notes": self.object.notes})

    def save(self, form):
        services.meeting_notes_save(
            meeting=self.object, actor=self.request.user, notes=form.cleaned_data["notes"]
        )


class ActionAddView(_MeetingFormView):
    title = _("Add an agreed action")
    success_message = _("The action is added.")

    def make_form(self, data=None):
        staff = User.objects.filter(
            pk__in=contact_selectors.contact_staff(loket=self.desk).values("user_id")
        ).order_by("full_name", "email")
        return ActionForm(data, staff=staff, initial={"owner": self.request.user})

    def save(self, form):
        services.agreed_action_add(
            meeting=self.object, actor=self.request.user, **form.cleaned_data
        )


class QuestionView(_MeetingFormView):
    """A question raised at the meeting, recorded for the desk in one step."""

    capability = Capability.MANAGE_REQUESTS
    title = _("Record a question raised at the meeting")
    success_message = _("The question is recorded for the desk.")

    def make_form(self, data=None):
        return QuestionForm(data, organisations=selectors.meeting_register_choices(loket=self.desk))

    def save(self, form):
        services.question_from_meeting(
            meeting=self.object, actor=self.request.user, **form.cleaned_data
        )


class ActionDoneView(DeskObjectMixin, View):
    """Marks an agreed action done (or open again), from the meeting or a dashboard."""

    capability = Capability.LOG_CONTACTS
    model = AgreedAction
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        done = request.POST.get("done") != "no"
        services.agreed_action_done(action=self.object, actor=request.user, done=done)
        messages.success(request, _("The action is done.") if done else _("The action is open."))
        return HttpResponseRedirect(safe_next(request, meeting_url(self.object.meeting)))
