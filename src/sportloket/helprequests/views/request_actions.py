"""The actions of the request page, one view each, as the forms on that page post them: the
form is checked, one service does the work, and the page follows (a redirect back to it), or
comes again with status 400, the form's errors beside its fields and nothing typed lost. Who
may take an action is ``permissions``' to say (403 otherwise)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View

from sportloket.core.views_mixins import add_service_errors
from sportloket.helprequests import permissions, services
from sportloket.helprequests.views import request_articles
from sportloket.helprequests.views.request_page import RequestPageMixin


class RequestActionView(RequestPageMixin, View):
    """One action on one question, as a POST from its page."""

    action = ""  # its name in ``permissions.ACTIONS`` and, with "_form", in the page

    def make_form(self, data):
        raise NotImplementedError

    def perform(self, data) -> str:
        """Calls the service; returns what to tell the member."""
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        if not permissions.ACTIONS[self.action](self.membership, self.object):
            raise PermissionDenied
        form = self.make_form(request.POST)
        if form.is_valid():
            try:
                done = self.perform(form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, done)
                return redirect("helprequests:request-detail", self.desk.slug, self.object.pk)
        return self.refused(form)

    def refused(self, form):
        return self.render_page(refused={f"{self.action}_form": form}, status=400)


class RequestMoveView(RequestActionView):
    action = "move"

    def make_form(self, data):
        return self.move_form(data)

    def perform(self, data) -> str:
        services.request_move(
            help_request=self.object,
            to_state=data["to_state"],
            note=data["note"],
            referred_to=data["referred_to"],
            actor=self.request.user,
        )
        return _("The status was changed.")


class RequestNoteView(RequestActionView):
    action = "note"

    def make_form(self, data):
        return self.note_form(data)

    def perform(self, data) -> str:
        services.note_add(help_request=self.object, actor=self.request.user, body=data["body"])
        return _("The note was added.")


class RequestAssignView(RequestActionView):
    action = "assign"

    def make_form(self, data):
        return self.assign_form(data)

    def perform(self, data) -> str:
        assignment = services.request_assign(
            help_request=self.object, membership=data["supporter"], actor=self.request.user
        )
        return _("Assigned to %(name)s.") % {"name": assignment.supporter}


class RequestMessageView(RequestActionView):
    """A message from the question page, or one with knowledge articles from the articles
    page (``request_articles``), which it comes back to when refused."""

    action = "message"

    def make_form(self, data):
        if request_articles.sends_articles(self.request):
            return request_articles.article_message_form(self.request, self.desk, data)
        return self.message_form(data)

    def perform(self, data) -> str:
        services.message_send(
            help_request=self.object,
            actor=self.request.user,
            body=data["body"],
            articles=data.get("articles", ()),
        )
        return _("The message was sent to the provider.")

    def refused(self, form):
        if "articles" in form.fields:
            return request_articles.articles_page(
                self.request, desk=self.desk, help_request=self.object, form=form, status=400
            )
        return super().refused(form)


class RequestTriageView(RequestActionView):
    action = "triage"

    def make_form(self, data):
        return self.triage_form(data)

    def perform(self, data) -> str:
        services.request_triage(
            help_request=self.object,
            actor=self.request.user,
            themes=data["themes"],
            urgency=data["urgency"],
        )
        return _("The changes were saved.")


class RequestReferralView(RequestActionView):
    action = "referral"

    def make_form(self, data):
        return self.referral_form(data)

    def perform(self, data) -> str:
        services.referral_outcome_record(
            help_request=self.object, outcome=data["outcome"], actor=self.request.user
        )
        return _("The outcome of the referral was recorded.")


class RequestOrganisationLinkView(RequestActionView):
    action = "link"

    def make_form(self, data):
        return self.link_form(data)

    def perform(self, data) -> str:
        organisation = data["organisation"]
        services.request_triage(
            help_request=self.object, actor=self.request.user, organisation=organisation
        )
        return _("The question is linked to %(name)s.") % {"name": organisation.name}

    def refused(self, form):
        # The choice is a button beside each organisation found: the error goes above them.
        return self.render_page(
            link_error=_("Choose an organisation from the register of this desk."), status=400
        )


class RequestOrganisationCreateView(RequestActionView):
    action = "create_organisation"

    def make_form(self, data):
        return self.create_organisation_form(data)

    def perform(self, data) -> str:
        organisation = services.request_organisation_create(
            help_request=self.object, actor=self.request.user, kind=data["kind"]
        )
        return _("%(name)s is now in the register and linked to the question.") % {
            "name": organisation.name
        }
