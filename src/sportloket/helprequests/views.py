from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.vary import vary_on_headers
from django.views.generic import TemplateView

from sportloket.core import services as core_services
from sportloket.core.models import Loket, Theme
from sportloket.core.permissions import Capability
from sportloket.core.ratelimit import client_address, hit
from sportloket.core.views_mixins import DeskMixin, DeskObjectMixin, add_service_errors
from sportloket.helprequests import selectors, services
from sportloket.helprequests.constants import RequestState as S
from sportloket.helprequests.forms import (
    AssignForm,
    CreateOrganisationForm,
    InboxFilterForm,
    IntakeForm,
    LinkOrganisationForm,
    MessageForm,
    MoveForm,
    NoteForm,
    ProviderMessageForm,
    RatingForm,
    ReferralOutcomeForm,
    RequestMailForm,
    ThemeForm,
    TriageForm,
    WithdrawForm,
    claim_stamp,
)
from sportloket.helprequests.models import HelpRequest
from sportloket.helprequests.workflow import CLOSED_STATES
from sportloket.registry import selectors as registry_selectors

INTAKE_LIMIT = 5  # questions per address per hour


class IntakeView(View):
    """The public question form of a desk: no account needed, works without JavaScript."""

    template_name = "helprequests/intake.html"

    def dispatch(self, request, *args, **kwargs):
        self.desk = get_object_or_404(Loket.objects.active(), slug=kwargs["loket_slug"])
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, form, status=200):
        return render(
            self.request, self.template_name, {"desk": self.desk, "form": form}, status=status
        )

    def get(self, request, *args, **kwargs):
        return self.render_form(IntakeForm(loket=self.desk))

    def post(self, request, *args, **kwargs):
        form = IntakeForm(request.POST, loket=self.desk)
        if form.is_trap_filled():
            # The same page a person sees after sending, so a bot learns nothing; nothing is
            # stored.
            return render(request, "helprequests/thanks.html", {"desk": self.desk})
        if form.needs_another_look():
            form.with_fresh_stamp().is_valid()
            form.add_error(None, _("Please check your answers and send them again."))
            return self.render_form(form, status=400)
        if not form.is_valid():
            return self.render_form(form, status=400)
        data = dict(form.cleaned_data)
        for field in ("website", "started", "organisation"):
            data.pop(field)
        data["organisation_kvk"] = data.pop("kvk_number")
        address = client_address(request)
        organisation = registry_selectors.desk_organisation_by_kvk(
            loket=self.desk, kvk=data["organisation_kvk"]
        )
        # Otherwise the provider is asked once whether one of the register's organisations with
        # a name like theirs is theirs (a bounded number of look-ups per address and hour).
        if organisation is None and hit(f"intake-offer:{address}", limit=30, seconds=3600):
            organisation = form.offer(
                registry_selectors.find_organisations(
                    loket=self.desk, search=data["organisation_name"], limit=8, public=True
                )
            )
            if organisation == "":
                form.add_error(
                    "organisation",
                    _("Choose your organisation, or “No, my organisation is not listed”."),
                )
                return self.render_form(form, status=400)
        # Only questions that would be stored count towards the limits: typing mistakes don't.
        # Per address, and per e-mail address, so nobody's mailbox is filled with confirmations.
        if not (
            hit(f"intake:{address}", limit=INTAKE_LIMIT, seconds=3600)
            and hit(f"intake-mail:{data['contact_email'].lower()}", limit=INTAKE_LIMIT,
                    seconds=3600)
        ):  # fmt: skip
            form.add_error(
                None,
                _(
                    "Many questions were sent from this address in the last hour. Please "
                    "try again later, or call or e-mail the desk."
                ),
            )
            return self.render_form(form, status=429)
        if not claim_stamp(request.POST.get("started", "")):
            # The same stamp sent twice: a second tab, or a bot replaying one form.
            form.with_fresh_stamp()
            form.add_error(None, _("Please check your answers and send them again."))
            return self.render_form(form, status=400)
        try:
            services.request_submit(loket=self.desk, organisation=organisation, **data)
        except ValidationError as error:
            form.with_fresh_stamp()
            add_service_errors(form, error)
            return self.render_form(form, status=400)
        # The private link arrives by e-mail only: this page is the same for everyone.
        return render(request, "helprequests/thanks.html", {"desk": self.desk})


@method_decorator(never_cache, name="dispatch")
class TrackingView(View):
    """The provider's private page for one question, reached by its unguessable link."""

    template_name = "helprequests/track.html"

    def dispatch(self, request, *args, **kwargs):
        self.help_request = get_object_or_404(
            HelpRequest.objects.select_related("loket"), tracking_token=kwargs["token"]
        )
        response = super().dispatch(request, *args, **kwargs)
        # The link is the key: never pass it on to other sites, never index it. ("same-origin",
        # not "no-referrer": browsers then send "Origin: null" and the form's CSRF check fails.)
        response["Referrer-Policy"] = "same-origin"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def render_page(self, withdraw_form=None, rating_form=None, reply_form=None, status=200):
        ctx = {
            "help_request": self.help_request,
            "desk": self.help_request.loket,
            "timeline": selectors.provider_timeline(help_request=self.help_request),
            "withdraw_form": withdraw_form or WithdrawForm(),
            "rating_form": rating_form or RatingForm(),
            "reply_form": reply_form or ProviderMessageForm(),
            **selectors.provider_actions(help_request=self.help_request),
        }
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_page()

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action == "withdraw":
            form = WithdrawForm(request.POST)
            if form.is_valid():
                try:
                    services.request_withdraw(
                        request=self.help_request, note=form.cleaned_data["note"]
                    )
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    messages.success(request, _("Your question has been withdrawn."))
                    return redirect(request.path)
            return self.render_page(withdraw_form=form, status=400)
        if action == "reply":
            form = ProviderMessageForm(request.POST)
            if form.is_valid():
                try:
                    services.message_from_provider(
                        request=self.help_request, body=form.cleaned_data["body"]
                    )
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    messages.success(request, _("Your message was added."))
                    return redirect(request.path)
            return self.render_page(reply_form=form, status=400)
        if action == "rate":
            form = RatingForm(request.POST)
            if form.is_valid():
                try:
                    services.request_rate(
                        request=self.help_request,
                        rating=form.cleaned_data["rating"],
                        comment=form.cleaned_data["comment"],
                    )
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    messages.success(request, _("Thank you for your rating."))
                    return redirect(request.path)
            return self.render_page(rating_form=form, status=400)
        return redirect(request.path)


@method_decorator(vary_on_headers("HX-Request"), name="dispatch")
class InboxView(DeskMixin, TemplateView):
    """The desk's inbox: open requests, longest waiting first, with filters and counts."""

    capability = Capability.VIEW_REQUESTS
    template_name = "helprequests/inbox.html"
    PAGE_SIZE = 50

    def get_template_names(self):
        htmx = self.request.htmx
        if htmx and not htmx.boosted and not htmx.history_restore_request:
            return ["helprequests/_inbox_table.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        data = self.request.GET.copy()
        data.setdefault("state", "open")
        form = InboxFilterForm(data, loket=self.desk)
        filters = form.cleaned_data if form.is_valid() else {"state": "open"}
        requests = selectors.inbox(
            membership=self.membership,
            state=filters.get("state", ""),
            theme=filters.get("theme"),
            municipality=filters.get("municipality"),
            kind=filters.get("kind", ""),
            assignee=filters.get("assignee"),
            overdue=filters.get("overdue", False),
            newest_first=filters.get("newest_first", False),
        )
        page = Paginator(requests, self.PAGE_SIZE).get_page(self.request.GET.get("page"))
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


class RequestDetailView(DeskObjectMixin, View):
    """One request for the desk: the question, the contact, triage, notes and status moves."""

    capability = Capability.VIEW_REQUESTS
    model = HelpRequest
    template_name = "helprequests/request_detail.html"

    def get_queryset(self):
        return (
            selectors.visible_requests(membership=self.membership)
            .with_overdue()
            .select_related("organisation__municipality")
        )

    # Moves a supporter may make on a request assigned to them; the rest is the coordinator's.
    # Choosing support is a decision, and decisions are the coordinator's.
    SUPPORTER_MOVES = frozenset({S.IN_PROGRESS, S.COMPLETED, S.ON_HOLD})

    def is_coordinator(self):
        return self.membership.can(Capability.MANAGE_REQUESTS)

    def is_assigned_to_me(self):
        current = selectors.current_assignment(help_request=self.object)
        return current is not None and current.supporter_id == self.request.user.pk

    def move_choices(self):
        choices = selectors.next_states(help_request=self.object)
        if self.is_coordinator():
            return choices
        if not self.is_assigned_to_me():
            return []
        return [(value, label) for value, label in choices if value in self.SUPPORTER_MOVES]

    def assign_members(self):
        members = selectors.assignable_members(loket=self.desk)
        return members if self.is_coordinator() else members.filter(pk=self.membership.pk)

    def render_page(
        self,
        move_form=None,
        note_form=None,
        triage_form=None,
        assign_form=None,
        message_form=None,
        referral_form=None,
        link_error="",
        create_form=None,
        status=200,
    ):
        help_request = self.object
        choices = self.move_choices()
        ctx = {
            "help_request": help_request,
            "timeline": selectors.staff_timeline(help_request=help_request),
            "themes": help_request.themes.order_by("position"),
            "tracking": services.tracking_url(help_request),
            "assignment": selectors.current_assignment(help_request=help_request),
            "closed_states": sorted(CLOSED_STATES),
        }
        if self.membership.can(Capability.WORK_ON_REQUESTS) or self.is_coordinator():
            ctx.update(
                move_form=move_form or (MoveForm(choices=choices) if choices else None),
                note_form=note_form or NoteForm(),
                assign_form=assign_form or AssignForm(members=self.assign_members()),
                message_form=(message_form or MessageForm())
                if self.is_coordinator() or self.is_assigned_to_me()
                else None,
                referral_form=(
                    referral_form
                    or ReferralOutcomeForm(initial={"outcome": help_request.referral_outcome})
                )
                if self.is_coordinator()
                else None,
                triage_form=None
                if not self.is_coordinator()
                else triage_form
                or TriageForm(
                    loket=self.desk,
                    initial={
                        "themes": list(help_request.themes.values_list("pk", flat=True)),
                        "urgency": help_request.urgency,
                    },
                ),
            )
        if self.is_coordinator():
            ctx.update(self.organisation_context(link_error, create_form))
        return render(self.request, self.template_name, ctx, status=status)

    def organisation_context(self, link_error="", create_form=None):
        """Linking the request to the register: a search (by default on what the provider
        typed), the request's organisation and its possible duplicates, or creating it."""
        help_request = self.object
        linked = help_request.organisation
        search = self.request.GET.get("org")
        if search is None and linked is None:
            search = help_request.organisation_kvk or help_request.organisation_name
        return {
            "org_search": search or "",
            "org_matches": registry_selectors.find_organisations(loket=self.desk, search=search)
            if search
            else [],
            "org_duplicates": registry_selectors.merge_candidates(
                loket=self.desk, organisation=linked
            )
            if linked
            else [],
            "link_error": link_error,
            "create_form": create_form or CreateOrganisationForm(),
        }

    def get(self, request, *args, **kwargs):
        return self.render_page()

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if not self.is_coordinator() and (
            not self.membership.can(Capability.WORK_ON_REQUESTS)
            or action in ("triage", "referral", "link", "create_organisation")
            # Speaking to the provider is for whoever handles the question.
            or (action == "message" and not self.is_assigned_to_me())
        ):
            raise PermissionDenied
        handlers = {
            "move": self._move,
            "note": self._note,
            "triage": self._triage,
            "assign": self._assign,
            "message": self._message,
            "referral": self._referral,
            "link": self._link,
            "create_organisation": self._create_organisation,
        }
        if action not in handlers:
            return redirect(request.path)
        return handlers[action](request)

    def _move(self, request):
        form = MoveForm(request.POST, choices=self.move_choices())
        if form.is_valid():
            try:
                services.request_move(
                    request=self.object,
                    to_state=form.cleaned_data["to_state"],
                    note=form.cleaned_data["note"],
                    referred_to=form.cleaned_data["referred_to"],
                    actor=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The status was changed."))
                return redirect(request.path)
        return self.render_page(move_form=form, status=400)

    def _note(self, request):
        form = NoteForm(request.POST)
        if form.is_valid():
            services.note_add(
                request=self.object, author=request.user, body=form.cleaned_data["body"]
            )
            messages.success(request, _("The note was added."))
            return redirect(request.path)
        return self.render_page(note_form=form, status=400)

    def _assign(self, request):
        form = AssignForm(request.POST, members=self.assign_members())
        if form.is_valid():
            try:
                assignment = services.request_assign(
                    request=self.object,
                    membership=form.cleaned_data["supporter"],
                    actor=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("Assigned to %(name)s.") % {"name": assignment.supporter}
                )
                return redirect(request.path)
        return self.render_page(assign_form=form, status=400)

    def _referral(self, request):
        form = ReferralOutcomeForm(request.POST)
        if form.is_valid():
            try:
                services.referral_outcome_record(
                    request=self.object, outcome=form.cleaned_data["outcome"], actor=request.user
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The outcome of the referral was recorded."))
                return redirect(request.path)
        return self.render_page(referral_form=form, status=400)

    def _message(self, request):
        form = MessageForm(request.POST)
        if form.is_valid():
            services.message_send(
                request=self.object, author=request.user, body=form.cleaned_data["body"]
            )
            messages.success(request, _("The message was sent to the provider."))
            return redirect(request.path)
        return self.render_page(message_form=form, status=400)

    def _triage(self, request):
        form = TriageForm(request.POST, loket=self.desk)
        if form.is_valid():
            services.request_triage(
                request=self.object,
                actor=request.user,
                themes=form.cleaned_data["themes"],
                urgency=form.cleaned_data["urgency"],
            )
            messages.success(request, _("The changes were saved."))
            return redirect(request.path)
        return self.render_page(triage_form=form, status=400)

    def _link(self, request):
        form = LinkOrganisationForm(request.POST, loket=self.desk)
        if form.is_valid():
            organisation = form.cleaned_data["organisation"]
            services.request_triage(
                request=self.object, actor=request.user, organisation=organisation
            )
            messages.success(
                request, _("The question is linked to %(name)s.") % {"name": organisation.name}
            )
            return redirect(request.path)
        return self.render_page(
            link_error=_("Choose an organisation from the register of this desk."), status=400
        )

    def _create_organisation(self, request):
        form = CreateOrganisationForm(request.POST)
        if form.is_valid():
            try:
                organisation = services.request_organisation_create(
                    request=self.object, actor=request.user, kind=form.cleaned_data["kind"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("%(name)s is now in the register and linked to the question.")
                    % {"name": organisation.name},
                )
                return redirect(request.path)
        return self.render_page(create_form=form, status=400)


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


class ThemeListView(DeskMixin, View):
    """The desk's themes for questions: add one, and see how often each is used."""

    capability = Capability.MANAGE_DESK
    template_name = "helprequests/theme_list.html"

    def render_page(self, form, status=200):
        ctx = {"themes": selectors.themes_with_counts(loket=self.desk), "form": form}
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_page(ThemeForm())

    def post(self, request, *args, **kwargs):
        form = ThemeForm(request.POST)
        if form.is_valid():
            try:
                theme = services.theme_save(
                    loket=self.desk, actor=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Theme %(name)s was added.") % {"name": theme.name})
                return redirect("helprequests:theme-list", self.desk.slug)
        return self.render_page(form, status=400)


class ThemeEditView(DeskObjectMixin, View):
    """Rename a theme, move it in the list, or take it out of use."""

    capability = Capability.MANAGE_DESK
    model = Theme
    template_name = "helprequests/theme_edit.html"

    def render_page(self, form, status=200):
        return render(
            self.request, self.template_name, {"theme": self.object, "form": form}, status=status
        )

    def get(self, request, *args, **kwargs):
        theme = self.object
        return self.render_page(
            ThemeForm(
                initial={"name": theme.name, "position": theme.position,
                         "is_active": theme.is_active}
            )
        )  # fmt: skip

    def post(self, request, *args, **kwargs):
        form = ThemeForm(request.POST)
        if form.is_valid():
            try:
                services.theme_save(
                    loket=self.desk, actor=request.user, theme=self.object, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The theme was saved."))
                return redirect("helprequests:theme-list", self.desk.slug)
        return self.render_page(form, status=400)
