"""The desk's cooperations: the list, recording one with its parties, its page (parties,
status, links, history), changing it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from sportloket.cooperation import selectors, services
from sportloket.cooperation.forms import (
    CooperationCreateForm,
    CooperationFilterForm,
    CooperationForm,
    LinksForm,
    PartyForm,
    StatusForm,
)
from sportloket.cooperation.models import Cooperation, CooperationParty
from sportloket.core.models import Theme
from sportloket.core.permissions import Capability
from sportloket.core.views_mixins import (
    DeskMixin,
    DeskObjectMixin,
    HtmxPartialMixin,
    add_service_errors,
)
from sportloket.registry.models import Organisation

PAGE_SIZE = 25
FOUND = 20  # organisations shown for a search when choosing parties


def to_detail(cooperation):
    return redirect("cooperation:detail", loket_slug=cooperation.loket.slug, pk=cooperation.pk)


def _ids(values) -> list[int]:
    return [int(v) for v in values if str(v).isdigit()][:50]


def find_organisations(loket, text: str):
    """Organisations of the desk's register whose name or place holds ``text``: the first
    ``FOUND`` by name."""
    text = text.strip()
    if len(text) < 2:
        return Organisation.objects.none()
    register = Organisation.objects.for_desk(loket).filter(merged_into__isnull=True)
    by_name = register.filter(name__icontains=text) | register.filter(city__icontains=text)
    return by_name.order_by("name", "pk")[:FOUND]


class CooperationListView(HtmxPartialMixin, DeskMixin, TemplateView):
    capability = Capability.VIEW_COOPERATION
    template_name = "cooperation/cooperation_list.html"
    partial_template_name = "cooperation/_cooperation_table.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = CooperationFilterForm(self.request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        cooperations = selectors.desk_cooperations(
            loket=self.desk,
            status=filters.get("status", ""),
            kind=filters.get("kind", ""),
            search=filters.get("q", ""),
        )
        page = Paginator(cooperations, PAGE_SIZE).get_page(self.request.GET.get("page"))
        names = selectors.party_names([c.pk for c in page.object_list])
        for cooperation in page.object_list:
            cooperation.party_list = names.get(cooperation.pk, [])
        query = self.request.GET.copy()
        query.pop("page", None)
        ctx.update(filter_form=form, page_obj=page, querystring=query.urlencode())
        return ctx


def _form_choices(desk) -> dict:
    return {
        "themes": Theme.objects.for_desk(desk).order_by("name"),
        "supporters": selectors.supporter_choices(loket=desk),
    }


class CooperationCreateView(DeskMixin, View):
    """First the parties (found by name or place, or handed over by a suggestion), then the
    cooperation itself. The chosen parties travel in the address, so a search loses none."""

    capability = Capability.MANAGE_COOPERATION
    template_name = "cooperation/cooperation_create.html"

    def candidates(self, chosen_ids, search: str):
        chosen = Organisation.objects.for_desk(self.desk).filter(pk__in=chosen_ids)
        found = find_organisations(self.desk, search)
        ids = set(chosen.values_list("pk", flat=True)) | {o.pk for o in found}
        return Organisation.objects.filter(pk__in=ids).order_by("name", "pk")

    def render_page(self, form, chosen_ids, search, status=200):
        ctx = {"form": form, "chosen": chosen_ids, "search": search}
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        chosen_ids = _ids(request.GET.getlist("organisation"))
        search = request.GET.get("q", "")
        initial = {
            "parties": chosen_ids,
            "title": request.GET.get("title", "")[:200],
            "themes": _ids(request.GET.getlist("theme")),
        }
        form = CooperationCreateForm(
            initial=initial,
            candidates=self.candidates(chosen_ids, search),
            **_form_choices(self.desk),
        )
        return self.render_page(form, chosen_ids, search)

    def post(self, request, *args, **kwargs):
        chosen_ids = _ids(request.POST.getlist("parties"))
        form = CooperationCreateForm(
            request.POST, candidates=self.candidates(chosen_ids, ""), **_form_choices(self.desk)
        )
        if form.is_valid():
            data = form.cleaned_data
            try:
                cooperation = services.cooperation_create(
                    loket=self.desk,
                    actor=request.user,
                    parties=list(data["parties"]),
                    themes=data["themes"],
                    supporters=data["supporters"],
                    status=data["status"],
                    title=data["title"],
                    kind=data["kind"],
                    goal=data["goal"],
                    start_on=data["start_on"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The cooperation was recorded."))
                return to_detail(cooperation)
        return self.render_page(form, chosen_ids, "", status=400)


class CooperationDetailView(DeskObjectMixin, TemplateView):
    capability = Capability.VIEW_COOPERATION
    model = Cooperation
    template_name = "cooperation/cooperation_detail.html"

    def get_queryset(self):
        return selectors.cooperation_detail_queryset()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        search = self.request.GET.get("q", "")
        taking_part = {p.organisation_id for p in self.object.parties.all()}
        found = [o for o in find_organisations(self.desk, search) if o.pk not in taking_part]
        ctx.update(
            cooperation=self.object,
            visible_questions=selectors.visible_linked_questions(
                cooperation=self.object, membership=self.membership
            ),
            search=search,
            found=found,
            status_form=kwargs.get("status_form") or StatusForm(current=self.object.status),
            party_form=kwargs.get("party_form"),
        )
        return ctx


class CooperationEditView(DeskObjectMixin, View):
    capability = Capability.MANAGE_COOPERATION
    model = Cooperation
    template_name = "cooperation/cooperation_form.html"

    def render_page(self, form, status=200):
        ctx = {"form": form, "cooperation": self.object}
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        c = self.object
        initial = {
            "title": c.title,
            "kind": c.kind,
            "goal": c.goal,
            "start_on": c.start_on,
            "themes": list(c.themes.all()),
            "supporters": list(c.supporters.all()),
        }
        return self.render_page(CooperationForm(initial=initial, **_form_choices(self.desk)))

    def post(self, request, *args, **kwargs):
        form = CooperationForm(request.POST, **_form_choices(self.desk))
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                services.cooperation_update(
                    cooperation=self.object,
                    actor=request.user,
                    themes=data.pop("themes"),
                    supporters=data.pop("supporters"),
                    **data,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The cooperation was saved."))
                return to_detail(self.object)
        return self.render_page(form, status=400)


class _DetailAction(DeskObjectMixin, View):
    """A form on the cooperation's page: on an error the page is shown again with it."""

    capability = Capability.MANAGE_COOPERATION
    model = Cooperation

    def get_queryset(self):
        return selectors.cooperation_detail_queryset()

    def page_with(self, status=400, **forms):
        view = CooperationDetailView(request=self.request, kwargs=self.kwargs)
        view.object, view.desk, view.membership = self.object, self.desk, self.membership
        return render(
            self.request, view.template_name, view.get_context_data(**forms), status=status
        )


class PartyAddView(_DetailAction):
    def post(self, request, *args, **kwargs):
        form = PartyForm(request.POST)
        if form.is_valid():
            organisation = Organisation.objects.filter(pk=form.cleaned_data["organisation"]).first()
            try:
                if organisation is None:
                    raise ValidationError(_("Choose an organisation of the register of this desk."))
                services.party_add(
                    cooperation=self.object,
                    actor=request.user,
                    organisation=organisation,
                    role=form.cleaned_data["role"],
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return self.page_with(party_form=form)
            messages.success(request, _("%(name)s takes part.") % {"name": organisation.name})
            return to_detail(self.object)
        messages.error(request, _("Choose an organisation to add."))
        return self.page_with(party_form=form)


class PartyRemoveView(DeskObjectMixin, View):
    capability = Capability.MANAGE_COOPERATION
    model = CooperationParty

    def get_queryset(self):
        return CooperationParty.objects.select_related("cooperation__loket", "organisation")

    def post(self, request, *args, **kwargs):
        party = self.object
        try:
            services.party_remove(party=party, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("%(name)s no longer takes part.") % {"name": party.organisation.name}
            )
        return to_detail(party.cooperation)


class StatusView(_DetailAction):
    def post(self, request, *args, **kwargs):
        form = StatusForm(request.POST, current=self.object.status)
        if form.is_valid():
            try:
                services.status_change(
                    cooperation=self.object,
                    actor=request.user,
                    to_status=form.cleaned_data["status"],
                    outcome=form.cleaned_data["outcome"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The status was changed."))
                return to_detail(self.object)
        return self.page_with(status_form=form)


class LinksView(DeskObjectMixin, View):
    capability = Capability.MANAGE_COOPERATION
    model = Cooperation
    template_name = "cooperation/links_form.html"

    def get_queryset(self):
        return Cooperation.objects.select_related("loket")

    def make_form(self, data=None):
        c = self.object
        initial = {
            "help_requests": list(
                selectors.visible_linked_questions(cooperation=c, membership=self.membership)
            ),
            "meetings": list(c.meetings.values_list("pk", flat=True)),
            "decisions": list(c.decisions.values_list("pk", flat=True)),
        }
        choices = selectors.link_choices(cooperation=c, membership=self.membership)
        return LinksForm(data, initial=initial, choices=choices)

    def render_page(self, form, status=200):
        ctx = {"form": form, "cooperation": self.object}
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_page(self.make_form())

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        if form.is_valid():
            try:
                data = dict(form.cleaned_data)
                # Linked questions this member may not open stay linked: they were not offered.
                seen = selectors.visible_linked_questions(
                    cooperation=self.object, membership=self.membership
                )
                kept = self.object.help_requests.exclude(pk__in=seen)
                data["help_requests"] = [*data["help_requests"], *kept]
                services.links_set(cooperation=self.object, actor=request.user, **data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The links were saved."))
                return to_detail(self.object)
        return self.render_page(form, status=400)
