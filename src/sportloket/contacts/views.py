from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from sportloket.accounts.models import User
from sportloket.contacts import selectors, services
from sportloket.contacts.forms import (
    AccountHolderForm,
    ContactFilterForm,
    ContactMomentForm,
    PlanForm,
    PolicyForm,
    TagRuleForm,
    WorkListFilterForm,
)
from sportloket.contacts.models import AccountHolder, ContactMoment
from sportloket.core import selectors as core_selectors
from sportloket.core.inputs import parse_id, safe_next
from sportloket.core.models import Theme
from sportloket.core.permissions import Capability
from sportloket.core.views_mixins import (
    DeskMixin,
    DeskObjectMixin,
    HtmxPartialMixin,
    add_service_errors,
)
from sportloket.helprequests import selectors as request_selectors
from sportloket.registry import selectors as registry_selectors
from sportloket.registry.models import Organisation, Person, Tag

PAGE_SIZE = 25


def _querystring(request):
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def register_choices(loket):
    """The organisations of the desk's register a contact can be with."""
    return (
        Organisation.objects.for_desk(loket)
        .filter(merged_into__isnull=True)
        .only("pk", "name")
        .order_by("name", "pk")
    )


def _staff_users(loket):
    return User.objects.filter(
        pk__in=selectors.contact_staff(loket=loket).values("user_id")
    ).order_by("full_name", "email")


# --- the work list -------------------------------------------------------------------------


class WorkListView(HtmxPartialMixin, DeskMixin, TemplateView):
    """The providers that need contact: never contacted, overdue by the policy, or with a
    planned contact that is due; by default those the user is account holder of."""

    capability = Capability.LOG_CONTACTS
    template_name = "contacts/work_list.html"
    partial_template_name = "contacts/_work_list_table.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        staff = list(selectors.contact_staff(loket=self.desk))
        # "Mine" for those who hold accounts, the whole desk for those who hold none.
        holds = AccountHolder.objects.filter(loket=self.desk, supporter=self.request.user)
        form = WorkListFilterForm(
            self.request.GET or None,
            staff=staff,
            default_holder=WorkListFilterForm.MINE if holds.exists() else WorkListFilterForm.ALL,
        )
        page = selectors.work_list_page(
            loket=self.desk,
            page=self.request.GET.get("page"),
            per_page=PAGE_SIZE,
            on=today,
            **form.filters(self.request.user),
        )
        ctx.update(
            filter_form=form,
            page_obj=page,
            querystring=_querystring(self.request),
            today=today,
            policy=selectors.desk_policy(loket=self.desk),
            here=self.request.get_full_path(),
        )
        return ctx


class PlanView(DeskMixin, View):
    """Plans the next contact with a provider in one step (from the work list's rows)."""

    capability = Capability.LOG_CONTACTS
    template_name = "contacts/plan.html"

    def make_form(self, data=None, initial=None):
        return PlanForm(data, initial=initial, organisations=register_choices(self.desk))

    def render_form(self, form, organisation=None, status=200):
        ctx = {"form": form, "organisation": organisation, "next": safe_next(self.request, "")}
        return render(self.request, self.template_name, ctx, status=status)

    def organisation(self, value):
        pk = parse_id(value)
        return None if pk is None else register_choices(self.desk).filter(pk=pk).first()

    def get(self, request, *args, **kwargs):
        organisation = self.organisation(request.GET.get("organisation"))
        form = self.make_form(initial={"organisation": organisation})
        return self.render_form(form, organisation)

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        if form.is_valid():
            try:
                plan = services.contact_plan(
                    loket=self.desk,
                    actor=request.user,
                    organisation=form.cleaned_data["organisation"],
                    due_on=form.cleaned_data["due_on"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("A contact with %(name)s is planned on %(day)s.")
                    % {"name": plan.organisation, "day": plan.due_on.strftime("%d-%m-%Y")},
                )
                fallback = f"/{self.desk.slug}/contacts/work-list/"
                return HttpResponseRedirect(safe_next(request, fallback))
        organisation = self.organisation(request.POST.get("organisation"))
        return self.render_form(form, organisation, status=400)


# --- contact moments -----------------------------------------------------------------------


class ContactListView(HtmxPartialMixin, DeskMixin, TemplateView):
    capability = Capability.VIEW_CONTACTS
    template_name = "contacts/contact_list.html"
    partial_template_name = "contacts/_contact_table.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = ContactFilterForm(
            self.request.GET or None,
            staff=_staff_users(self.desk),
            topics=Theme.objects.for_desk(self.desk).order_by("position", "name"),
        )
        moments = selectors.desk_contacts(membership=self.membership, **form.filters())
        page = Paginator(moments, PAGE_SIZE).get_page(self.request.GET.get("page"))
        ctx.update(filter_form=form, page_obj=page, querystring=_querystring(self.request))
        return ctx


class _ContactFormMixin:
    capability = Capability.LOG_CONTACTS
    template_name = "contacts/contact_form.html"

    def organisation_from(self, value):
        pk = parse_id(value)
        return None if pk is None else register_choices(self.desk).filter(pk=pk).first()

    def make_form(self, data=None, initial=None, organisation=None, fixed=False):
        people = Person.objects.none()
        if organisation is not None:
            people = (
                Person.objects.filter(roles__organisation=organisation)
                .filter(Q(roles__loket=self.desk) | Q(consents_to_sharing=True))
                .distinct()
                .order_by("full_name")
            )
        return ContactMomentForm(
            data,
            initial=initial,
            organisations=register_choices(self.desk),
            staff=_staff_users(self.desk),
            people=people,
            topics=Theme.objects.for_desk(self.desk).filter(is_active=True),
            requests=request_selectors.visible_requests(membership=self.membership),
            fixed=fixed,
        )

    def render_form(self, form, status=200, **extra):
        ctx = {
            "form": form,
            "moment": getattr(self, "object", None),
            # Where to go after saving, passed on when it is a path on this site.
            "next": safe_next(self.request, ""),
            **extra,
        }
        return render(self.request, self.template_name, ctx, status=status)


class ContactCreateView(_ContactFormMixin, DeskMixin, View):
    """Logs a contact moment; ``?organisation=<pk>`` or ``?request=<pk>`` fill it in."""

    def initial(self):
        request = self.request
        initial = {
            "date": timezone.localdate(),
            "supporter": request.user,
            "proactive": True,
        }
        help_request = None
        request_pk = parse_id(request.GET.get("request"))
        if request_pk is not None:
            help_request = (
                request_selectors.visible_requests(membership=self.membership)
                .filter(pk=request_pk)
                .select_related("organisation")
                .first()
            )
        if help_request is not None:
            initial["help_request"] = help_request
            initial["organisation"] = help_request.organisation
            initial["topics"] = list(help_request.themes.all())
            initial["proactive"] = False
        organisation = self.organisation_from(request.GET.get("organisation"))
        if organisation is not None:
            initial["organisation"] = organisation
        return initial, help_request

    def get(self, request, *args, **kwargs):
        initial, help_request = self.initial()
        form = self.make_form(initial=initial, organisation=initial.get("organisation"))
        return self.render_form(form, help_request=help_request)

    def post(self, request, *args, **kwargs):
        organisation = self.organisation_from(request.POST.get("organisation"))
        form = self.make_form(request.POST, organisation=organisation)
        if form.is_valid():
            try:
                moment = services.contact_log(
                    loket=self.desk,
                    actor=request.user,
                    organisation=form.cleaned_data["organisation"],
                    **form.service_arguments(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The contact with %(name)s was logged.") % {"name": moment.organisation},
                )
                fallback = f"/{self.desk.slug}/contacts/{moment.pk}/"
                return HttpResponseRedirect(safe_next(request, fallback))
        help_request = (
            form.cleaned_data.get("help_request") if hasattr(form, "cleaned_data") else None
        )
        return self.render_form(form, status=400, help_request=help_request)


class ContactDetailView(DeskObjectMixin, TemplateView):
    capability = Capability.VIEW_CONTACTS
    model = ContactMoment
    template_name = "contacts/contact_detail.html"

    def get_queryset(self):
        return selectors.contact_detail_queryset(membership=self.membership)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        moment = self.object
        ctx.update(
            moment=moment,
            people=moment.people.order_by("full_name"),
            topics=moment.topics.order_by("position", "name"),
            can_edit=services.may_edit(moment=moment, membership=self.membership),
        )
        if self.membership.can(Capability.VIEW_HISTORY):
            ctx["history"] = core_selectors.record_history(moment, loket=self.desk)
        return ctx


class ContactEditView(_ContactFormMixin, DeskObjectMixin, View):
    """Its author or a coordinator changes a contact moment; the organisation stays."""

    model = ContactMoment

    def get_queryset(self):
        return selectors.contact_detail_queryset(membership=self.membership)

    def resolve_object(self):
        super().resolve_object()
        if not services.may_edit(moment=self.object, membership=self.membership):
            raise PermissionDenied(_("Only its author or a coordinator may change it."))

    def get(self, request, *args, **kwargs):
        moment = self.object
        initial = {
            "organisation": moment.organisation,
            "date": moment.date,
            "channel": moment.channel,
            "supporter": moment.supporter,
            "people": list(moment.people.all()),
            "topics": list(moment.topics.all()),
            "summary": moment.summary,
            "proactive": moment.proactive,
            "follow_up_on": moment.follow_up_on,
            "visibility": moment.visibility,
            "help_request": moment.help_request,
        }
        form = self.make_form(initial=initial, organisation=moment.organisation, fixed=True)
        return self.render_form(form)

    def post(self, request, *args, **kwargs):
        moment = self.object
        form = self.make_form(
            request.POST,
            initial={"organisation": moment.organisation},
            organisation=moment.organisation,
            fixed=True,
        )
        if form.is_valid():
            try:
                services.contact_update(
                    moment=moment, actor=request.user, **form.service_arguments()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The changes were saved."))
                return redirect("contacts:contact-detail", loket_slug=self.desk.slug, pk=moment.pk)
        return self.render_form(form, status=400)


# --- figures and policy --------------------------------------------------------------------


class CoverageView(DeskMixin, TemplateView):
    capability = Capability.VIEW_CONTACTS
    template_name = "contacts/coverage.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["coverage"] = selectors.coverage(loket=self.desk)
        return ctx


class PolicyView(DeskMixin, View):
    """The desk's contact policy and its account holders (coordinators)."""

    capability = Capability.MANAGE_CONTACT_POLICY
    template_name = "contacts/policy.html"

    def forms(self, data=None, which=""):
        policy = selectors.desk_policy(loket=self.desk)
        initial = {"default_months": policy.default_months}
        initial |= {f"kind_{k}": m for k, m in policy.kind_months.items()}
        return {
            "policy_form": PolicyForm(data if which == "policy" else None, initial=initial),
            "tag_form": TagRuleForm(
                data if which == "tag" else None, tags=Tag.objects.order_by("name")
            ),
            "holder_form": AccountHolderForm(
                data if which == "holder" else None,
                staff=_staff_users(self.desk),
                municipalities=core_selectors.desk_work_area(loket=self.desk),
                sports=registry_selectors.sports_all(),
                organisations=selectors.work_area_providers(loket=self.desk).order_by("name"),
            ),
            "policy": policy,
        }

    def render_page(self, forms, status=200):
        ctx = {**forms, "holders": selectors.desk_account_holders(loket=self.desk)}
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_page(self.forms())

    def save_policy(self, policy, default_months, kind_months, tag_months):
        services.policy_save(
            loket=self.desk,
            actor=self.request.user,
            default_months=default_months,
            kind_months=kind_months,
            tag_months=tag_months,
        )

    def post(self, request, *args, **kwargs):
        which = request.POST.get("form", "")
        forms = self.forms(request.POST, which)
        policy = forms["policy"]
        tag_months = {r.tag: r.months for r in policy.tag_rules}
        try:
            if which == "policy" and forms["policy_form"].is_valid():
                form = forms["policy_form"]
                self.save_policy(
                    policy, form.cleaned_data["default_months"], form.kind_months(), tag_months
                )
                messages.success(request, _("The contact policy was saved."))
                return redirect("contacts:policy", loket_slug=self.desk.slug)
            if which == "tag" and forms["tag_form"].is_valid():
                data = forms["tag_form"].cleaned_data
                tag_months[data["tag"]] = data["months"]
                self.save_policy(policy, policy.default_months, policy.kind_months, tag_months)
                messages.success(request, _("The rule for the tag was saved."))
                return redirect("contacts:policy", loket_slug=self.desk.slug)
            if which == "remove-tag":
                tag_months = {
                    t: m for t, m in tag_months.items() if str(t.pk) != request.POST.get("tag")
                }
                self.save_policy(policy, policy.default_months, policy.kind_months, tag_months)
                messages.success(request, _("The rule for the tag was removed."))
                return redirect("contacts:policy", loket_slug=self.desk.slug)
            if which == "holder" and forms["holder_form"].is_valid():
                services.account_holder_set(
                    loket=self.desk, actor=request.user, **forms["holder_form"].cleaned_data
                )
                messages.success(request, _("The account holder was saved."))
                return redirect("contacts:policy", loket_slug=self.desk.slug)
        except ValidationError as error:
            form = {"policy": "policy_form", "tag": "tag_form", "holder": "holder_form"}.get(which)
            if form is None:
                raise
            add_service_errors(forms[form], error)
        if which not in ("policy", "tag", "holder"):
            forms["policy_form"] = PolicyForm(request.POST)
            forms["policy_form"].is_valid()
        return self.render_page(forms, status=400)


class AccountHolderRemoveView(DeskObjectMixin, View):
    capability = Capability.MANAGE_CONTACT_POLICY
    model = AccountHolder

    def post(self, request, *args, **kwargs):
        services.account_holder_remove(holder=self.object, actor=request.user)
        messages.success(request, _("The account holder was removed."))
        return redirect("contacts:policy", loket_slug=self.desk.slug)
