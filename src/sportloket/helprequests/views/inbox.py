"""The desk's pages about its questions as a whole: the inbox (its filters and personal views,
the actions on the questions ticked in it, and the filtered list as a file), the response
figures, and how a coordinator hears of new questions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import TemplateView

from sportloket.core import fragments
from sportloket.core import selectors as core_selectors
from sportloket.core import services as core_services
from sportloket.core.inputs import parse_id
from sportloket.core.paging import values_page
from sportloket.core.permissions import Capability
from sportloket.core.views_mixins import DeskMixin, HtmxPartialMixin, add_service_errors
from sportloket.helprequests import exports, inbox_selectors, selectors, services, tasks
from sportloket.helprequests.constants import RequestState
from sportloket.helprequests.forms import RequestMailForm
from sportloket.helprequests.inbox_forms import InboxBulkForm, InboxFilterForm, SavedViewForm
from sportloket.helprequests.views.inbox_rows import inbox_rows, rows_html
from sportloket.jobs import exports as job_exports
from sportloket.jobs.constants import JobKind
from sportloket.jobs.views import export_in_background

# The name the inbox's saved views are kept under.
INBOX_LIST = "inbox"
_FILTER_FIELDS = fragments.RenderedOnce()
_BULK_FIELDS = fragments.RenderedOnce()


class InboxView(HtmxPartialMixin, DeskMixin, TemplateView):
    """The desk's inbox: the questions this member may see, searched, filtered and sorted in
    the database (by default the open ones, longest waiting first), with the member's saved
    views and, for a coordinator, actions on the questions ticked. A filter through htmx swaps
    only the list."""

    capability = Capability.VIEW_REQUESTS
    template_name = "helprequests/inbox.html"
    partial_template_name = "helprequests/_inbox_table.html"
    # 25 rows, as a helpdesk overview shows them (and a phone scrolls them); 50 took twice the
    # rendering for rows below the fold.
    PAGE_SIZE = 25

    def filtered(self):
        """The filter form and the questions it selects (the page, its file and its actions)."""
        return exports.inbox_filtered(membership=self.membership, data=self.request.GET)

    def querystring(self, **changes) -> str:
        query = self.request.GET.copy()
        query.pop("page", None)
        for name, value in changes.items():
            query[name] = value
        return query.urlencode()

    def get_context_data(self, bulk_form=None, view_form=None, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form, help_requests = self.filtered()
        # Only what the table shows, as values (``inbox_rows``).
        page = values_page(
            inbox_selectors.page_values(help_requests),
            counted=help_requests,
            per_page=self.PAGE_SIZE,
            number=self.request.GET.get("page"),
        )
        can_manage = self.membership.can(Capability.MANAGE_REQUESTS)
        if can_manage and bulk_form is None:
            bulk_form = self.bulk_form(choices_from=form)
        selected = (
            {r.pk for r in bulk_form.cleaned_data.get("requests", [])}
            if bulk_form is not None and bulk_form.is_bound
            else set()
        )
        ctx.update(
            filter_form=form,
            filter_fields=fragments.form_fields(_FILTER_FIELDS, "inbox-filters", form),
            page_obj=page,
            querystring=self.querystring(),
            sort=form.cleaned_data.get("sort") or "waiting",
            sort_urls={s: self.querystring(sort=s) for s in inbox_selectors.INBOX_SORTS},
            counts=selectors.inbox_counts(membership=self.membership),
            can_manage=can_manage,
            bulk_form=bulk_form,
            bulk_fields=fragments.field_groups(
                _BULK_FIELDS, "inbox-bulk", bulk_form, InboxBulkForm.SHOWN
            )
            if bulk_form is not None
            else {},
            rows_html=rows_html(
                inbox_rows(page.object_list, desk_slug=self.desk.slug, selected=selected),
                tickable=bulk_form is not None,
            ),
            saved_views=core_selectors.saved_views(
                user=self.request.user, loket=self.desk, list_name=INBOX_LIST
            ),
            current_view=core_selectors.saved_view_query(
                self.request.GET.urlencode(), InboxFilterForm.PARAMETERS
            ),
            view_form=view_form or SavedViewForm(),
        )
        return ctx

    def bulk_form(self, data=None, choices_from=None):
        return InboxBulkForm(
            data,
            loket=self.desk,
            requests=selectors.visible_requests(membership=self.membership),
            choices_from=choices_from,
        )

    def back_to_inbox(self):
        url = reverse("helprequests:inbox", args=[self.desk.slug])
        query = self.querystring()
        return redirect(f"{url}?{query}" if query else url)

    def refused(self, **forms):
        """The inbox again, with the form's errors beside its fields and what was typed kept."""
        return self.render_to_response(self.get_context_data(**forms), status=400)


class InboxExportView(InboxView):
    """The inbox's filtered list, every page, as CSV (for Excel) or XLSX. A list longer than
    settings.EXPORT_NOW_LIMIT is written by the worker, with only what this member may see; the
    member follows the job's page, which then offers the file."""

    def get(self, request, *args, **kwargs):
        _form, help_requests = self.filtered()
        file_format = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
        if not job_exports.export_now(help_requests):
            return self.start_job(file_format)
        if file_format == "xlsx":
            response = HttpResponse(exports.to_xlsx(help_requests), content_type=exports.XLSX)
        else:
            response = StreamingHttpResponse(
                exports.csv_lines(help_requests), content_type="text/csv; charset=utf-8"
            )
        name = exports.filename(self.desk, file_format)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def start_job(self, file_format):
        return export_in_background(
            self.request,
            membership=self.membership,
            kind=JobKind.INBOX_EXPORT,
            task=tasks.inbox_export,
            parameters=InboxFilterForm.PARAMETERS,
            file_format=file_format,
        )


class InboxBulkView(InboxView):
    """A coordinator's action on the questions ticked in the inbox: assign, move or add a
    theme, each question through its service; what was done and what was refused (and why)
    is reported, and the inbox follows with its filters."""

    capability = Capability.MANAGE_REQUESTS
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = self.bulk_form(request.POST)
        if not form.is_valid():
            return self.refused(bulk_form=form)
        data = form.cleaned_data
        chosen = data["requests"]
        try:
            outcome = self.perform(data, chosen)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.refused(bulk_form=form)
        if outcome.done:
            messages.success(request, self.done_message(data, len(outcome.done)))
        if outcome.refused:
            reasons = "; ".join(f"{r}: {reason}" for r, reason in outcome.refused)
            messages.warning(
                request,
                ngettext(
                    "%(count)s question was not changed. %(reasons)s",
                    "%(count)s questions were not changed. %(reasons)s",
                    len(outcome.refused),
                )
                % {"count": len(outcome.refused), "reasons": reasons},
            )
        return self.back_to_inbox()

    def perform(self, data, chosen):
        actor = self.request.user
        if data["action"] == "assign":
            return services.requests_assign(
                help_requests=chosen, membership=data["member"], actor=actor
            )
        if data["action"] == "move":
            return services.requests_move(
                help_requests=chosen,
                to_state=data["to_state"],
                note=data["note"],
                referred_to=data["referred_to"],
                actor=actor,
            )
        return services.requests_theme_add(help_requests=chosen, theme=data["theme"], actor=actor)

    @staticmethod
    def done_message(data, count: int) -> str:
        if data["action"] == "assign":
            text = ngettext(
                "%(count)s question assigned to %(name)s.",
                "%(count)s questions assigned to %(name)s.",
                count,
            )
            return text % {"count": count, "name": data["member"].user}
        if data["action"] == "move":
            text = ngettext(
                "%(count)s question moved to “%(state)s”.",
                "%(count)s questions moved to “%(state)s”.",
                count,
            )
            return text % {"count": count, "state": RequestState(data["to_state"]).label}
        text = ngettext(
            "Theme “%(theme)s” added to %(count)s question.",
            "Theme “%(theme)s” added to %(count)s questions.",
            count,
        )
        return text % {"count": count, "theme": data["theme"].name}


class SavedViewSaveView(InboxView):
    """Saves the inbox's current filters as one of the member's own views."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = SavedViewForm(request.POST)
        if form.is_valid():
            try:
                saved = core_services.saved_view_save(
                    actor=request.user,
                    loket=self.desk,
                    list_name=INBOX_LIST,
                    name=form.cleaned_data["name"],
                    query=request.GET.urlencode(),
                    parameters=InboxFilterForm.PARAMETERS,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The view “%(name)s” was saved.") % {"name": saved})
                return self.back_to_inbox()
        return self.refused(view_form=form)


class SavedViewDeleteView(InboxView):
    """Deletes one of the member's own saved views; another's, or one deleted already (a
    second click), is not found among them."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        mine = core_selectors.saved_views(user=request.user, loket=self.desk, list_name=INBOX_LIST)
        saved = mine.filter(pk=parse_id(request.POST.get("view"))).first()
        if saved is None:
            messages.error(request, _("This view was not found among your views."))
        else:
            core_services.saved_view_delete(saved_view=saved, actor=request.user)
            messages.success(request, _("The view “%(name)s” was deleted.") % {"name": saved})
        return self.back_to_inbox()


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
