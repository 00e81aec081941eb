"""The questions shared with partners, read-only: those of the organisation a partner
represents and those a fund of that organisation was asked to pay for, where the provider
consented to sharing (``helprequests.selectors.visible_requests`` says which). The page shows
the question, its themes and organisation, and the decisions on it (the chosen offering, the
ranking, the rationale and how the amount is paid); never the contact person, the provider's
tracking link, the desk's notes or any action. It is composed here, above the questions and
the funds it draws on. The desk's members who work with questions open the same page (what
partners see), with a link to the desk's own page of the question."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.views.generic import TemplateView

from sportloket.core.permissions import Capability
from sportloket.core.views_mixins import DeskMixin, DeskObjectMixin
from sportloket.decisions import selectors
from sportloket.helprequests import permissions as request_permissions
from sportloket.helprequests.models import HelpRequest

PAGE_SIZE = 25


class _SharedMixin:
    """Who reads questions at all (``reads_questions``); others are refused (403)."""

    capability = Capability.VIEW_DESK

    def readable(self):
        if not request_permissions.reads_questions(self.membership):
            raise PermissionDenied
        return selectors.readable_requests(membership=self.membership)


class SharedRequestListView(_SharedMixin, DeskMixin, TemplateView):
    """The questions shared with this member, newest first."""

    template_name = "decisions/shared_requests.html"

    def get_context_data(self, **kwargs):
        page = Paginator(self.readable(), PAGE_SIZE).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            page_obj=page,
            querystring="",
            works_on_requests=self.membership.can(Capability.VIEW_REQUESTS),
            **kwargs,
        )


class SharedRequestView(_SharedMixin, DeskObjectMixin, TemplateView):
    """One question shared with this member, read-only, with the decisions on it (404 for a
    question not shared with them)."""

    model = HelpRequest
    template_name = "decisions/shared_request.html"

    def get_queryset(self):
        return self.readable()

    def get_context_data(self, **kwargs):
        help_request = self.object
        return super().get_context_data(
            help_request=help_request,
            decisions=selectors.shared_decisions(help_request=help_request),
            works_on_requests=self.membership.can(Capability.VIEW_REQUESTS),
            **kwargs,
        )
