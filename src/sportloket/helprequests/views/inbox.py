"""The desk's pages about its questions as a whole: the inbox, the response figures, and how
a coordinator hears of new questions."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from sportloket.core import services as core_services
from sportloket.core.permissions import Capability
from sportloket.core.views_mixins import DeskMixin, HtmxPartialMixin
from sportloket.helprequests import selectors
from sportloket.helprequests.forms import InboxFilterForm, RequestMailForm


class InboxView(HtmxPartialMixin, DeskMixin, TemplateView):
    """The desk's inbox: open questions, longest waiting first, with filters and counts. A
    filter through htmx swaps only the table."""

    capability = Capability.VIEW_REQUESTS
    template_name = "helprequests/inbox.html"
    partial_template_name = "helprequests/_inbox_table.html"
    PAGE_SIZE = 50

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        data = self.request.GET.copy()
        data.setdefault("state", "open")
        form = InboxFilterForm(data, loket=self.desk)
        filters = form.cleaned_data if form.is_valid() else {"state": "open"}
        help_requests = selectors.inbox(
            membership=self.membership,
            state=filters.get("state", ""),
            theme=filters.get("theme"),
            municipality=filters.get("municipality"),
            kind=filters.get("kind", ""),
            assignee=filters.get("assignee"),
            overdue=filters.get("overdue", False),
            newest_first=filters.get("newest_first", False),
        )
        page = Paginator(help_requests, self.PAGE_SIZE).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        ctx.update(
            filter_form=form,
            page_obj=page,
            querystring=query.urlencode(),
            counts=selectors.inbox_counts(membership=self.membership),
            can_manage=self.membership.can(Capability.MANAGE_REQUESTS),
        )
        return ctx


class ResponseFiguresView(DeskMixin, TemplateView):
    """How fast the desk answers and decides, per month: median and 90th percentile."""

    capability = Capability.VIEW_REQUESTS
    template_name = "helprequests/figures.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            figures=selectors.response_figures(loket=self.desk), **kwargs
        )


class RequestMailView(DeskMixin, View):
    """A coordinator chooses how they hear of new questions at this desk."""

    capability = Capability.MANAGE_REQUESTS
    template_name = "helprequests/request_mail.html"

    def render_page(self, form, status=200):
        return render(self.request, self.template_name, {"form": form}, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_page(
            RequestMailForm(initial={"request_mail": self.membership.request_mail})
        )

    def post(self, request, *args, **kwargs):
        form = RequestMailForm(request.POST)
        if form.is_valid():
            core_services.membership_request_mail_set(
                membership=self.membership,
                request_mail=form.cleaned_data["request_mail"],
                actor=request.user,
            )
            messages.success(request, _("Your choice was saved."))
            return redirect("helprequests:request-mail", self.desk.slug)
        return self.render_page(form, status=400)
