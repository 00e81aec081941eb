from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from sportloket.core import selectors as core_selectors
from sportloket.core.models import Membership
from sportloket.core.permissions import Capability
from sportloket.core.uploads import document_response
from sportloket.core.views_mixins import DeskMixin, DeskObjectMixin, add_service_errors
from sportloket.quality import selectors, services
from sportloket.quality.constants import EXPIRY_WARNING_DAYS
from sportloket.quality.forms import EndForm, RegistrationForm, RuleEditor
from sportloket.quality.models import QualityRegistration
from sportloket.quality.validation import EVIDENCE_KINDS

PAGE_SIZE = 50

# What a registration is on a day, in the order the checks are made (see ``status_on``).
STATUS_LABELS = {
    "ended": gettext_lazy("no longer counts"),
    "future": gettext_lazy("not yet valid"),
    "expired": gettext_lazy("expired"),
    "expiring": gettext_lazy("expires soon"),
    "valid": gettext_lazy("valid"),
}

# The kind of file an evidence document is stored as (its extension comes from its content).
EVIDENCE_TYPES = {kind.extension: kind.content_type for kind in EVIDENCE_KINDS}


def status_on(registration, day) -> str:
    """``ended``, ``future``, ``expired``, ``expiring`` (within the warning period) or
    ``valid``: how the registration stands on ``day``."""
    if registration.ended_on is not None and registration.ended_on <= day:
        return "ended"
    if registration.valid_from > day:
        return "future"
    if registration.valid_until is not None:
        if registration.valid_until < day:
            return "expired"
        if registration.valid_until <= day + timedelta(days=EXPIRY_WARNING_DAYS):
            return "expiring"
    return "valid"


def with_status(registrations, day) -> list:
    rows = list(registrations)
    for registration in rows:
        registration.status = status_on(registration, day)
        registration.status_label = STATUS_LABELS[registration.status]
    return rows


class QualityOverviewView(DeskMixin, TemplateView):
    """The desk's quality figures and rule for everyone who may read them; for coordinators
    every acting member with whether they meet the rule and why not, and the registrations
    expiring soon; a supporter sees their own registrations instead."""

    capability = Capability.VIEW_QUALITY
    template_name = "quality/overview.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        groups = selectors.desk_rule(loket_id=self.desk.pk)
        ctx.update(
            today=today,
            warning_days=EXPIRY_WARNING_DAYS,
            figures=selectors.quality_figures(loket=self.desk, on=today),
            rule_lines=selectors.describe_rule(groups),
            can_manage=self.membership.can(Capability.MANAGE_QUALITY),
        )
        expiring = selectors.expiring(loket=self.desk, on=today)
        if ctx["can_manage"]:
            page = Paginator(selectors.acting_members(loket=self.desk), PAGE_SIZE).get_page(
                self.request.GET.get("page")
            )
            results = selectors.rule_results(
                loket=self.desk, user_ids=[m.user_id for m in page.object_list], on=today
            )
            ctx.update(
                page_obj=page,
                querystring="",
                members=[(m, results[m.user_id]) for m in page.object_list],
                expiring=list(expiring),
            )
        else:
            user = self.request.user
            ctx.update(
                own_result=selectors.rule_check(loket_id=self.desk.pk, user=user, on=today),
                own_registrations=with_status(
                    selectors.person_registrations(loket=self.desk, user=user), today
                ),
                expiring=list(expiring.filter(user=user)),
            )
        return ctx


class PersonView(DeskObjectMixin, TemplateView):
    """One member's registrations, current and past, and whether they meet the desk's rule.
    Coordinators read everyone's; a supporter only their own."""

    capability = Capability.VIEW_QUALITY
    model = Membership
    queryset = Membership.objects.active().select_related("user")
    template_name = "quality/person.html"

    def resolve_object(self):
        super().resolve_object()
        if not self.membership.can(Capability.MANAGE_QUALITY) and (
            self.object.user_id != self.request.user.pk
        ):
            raise PermissionDenied(_("You can only see your own registrations."))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        person = self.object.user
        ctx.update(
            member=self.object,
            person=person,
            today=today,
            result=selectors.rule_check(loket_id=self.desk.pk, user=person, on=today),
            registrations=with_status(
                selectors.person_registrations(loket=self.desk, user=person), today
            ),
            can_manage=self.membership.can(Capability.MANAGE_QUALITY),
        )
        return ctx


def _person_url(desk, user_id):
    membership = Membership.objects.active().filter(loket=desk, user_id=user_id).first()
    if membership is None:
        return redirect("quality:overview", loket_slug=desk.slug)
    return redirect("quality:person", loket_slug=desk.slug, pk=membership.pk)


class RegistrationCreateView(DeskObjectMixin, View):
    """Records a registration of a member (coordinators: the desk checks the evidence)."""

    capability = Capability.MANAGE_QUALITY
    model = Membership
    queryset = Membership.objects.active().select_related("user")
    template_name = "quality/registration_form.html"

    def render_form(self, form, status=200):
        ctx = {"form": form, "member": self.object, "person": self.object.user}
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_form(RegistrationForm())

    def post(self, request, *args, **kwargs):
        form = RegistrationForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.registration_add(
                    loket=self.desk,
                    user=self.object.user,
                    actor=request.user,
                    **form.service_arguments(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The registration was recorded."))
                return redirect("quality:person", loket_slug=self.desk.slug, pk=self.object.pk)
        return self.render_form(form, status=400)


class _RegistrationMixin(DeskObjectMixin):
    """A registration the desk may see (of one of its active members); ``for_desk`` scopes."""

    model = QualityRegistration
    queryset = QualityRegistration.objects.select_related("user")


class RegistrationEditView(_RegistrationMixin, View):
    """Corrects a registration or records its renewal; a new file replaces the evidence."""

    capability = Capability.MANAGE_QUALITY
    template_name = "quality/registration_form.html"

    def render_form(self, form, status=200):
        ctx = {"form": form, "registration": self.object, "person": self.object.user}
        if self.membership.can(Capability.VIEW_HISTORY):
            ctx["history"] = core_selectors.record_history(self.object, loket=self.desk)
        return render(self.request, self.template_name, ctx, status=status)

    def make_form(self, data=None, files=None):
        return RegistrationForm(
            data,
            files,
            initial=RegistrationForm.initial_from(self.object),
            replaces_evidence=bool(self.object.evidence),
        )

    def get(self, request, *args, **kwargs):
        return self.render_form(None if self.object.ended_on else self.make_form())

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST, request.FILES)
        if form.is_valid():
            fields = form.service_arguments()
            evidence = fields.pop("evidence")
            try:
                # The service works on its own copy: a refused change must not show on the page.
                services.registration_update(
                    loket=self.desk,
                    registration=QualityRegistration.objects.get(pk=self.object.pk),
                    actor=request.user,
                    evidence=evidence,
                    **fields,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The changes were saved."))
                return _person_url(self.desk, self.object.user_id)
        return self.render_form(form, status=400)


class RegistrationEndView(_RegistrationMixin, View):
    """Withdraws a registration from a day on; it stays in the person's history."""

    capability = Capability.MANAGE_QUALITY
    template_name = "quality/registration_end.html"

    def render_form(self, form, status=200):
        ctx = {"form": form, "registration": self.object, "person": self.object.user}
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        if self.object.ended_on is not None:
            return self.render_form(None)
        return self.render_form(EndForm(initial={"ended_on": timezone.localdate()}))

    def post(self, request, *args, **kwargs):
        form = EndForm(request.POST)
        if form.is_valid():
            try:
                services.registration_end(
                    loket=self.desk,
                    registration=QualityRegistration.objects.get(pk=self.object.pk),
                    actor=request.user,
                    on=form.cleaned_data["ended_on"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The registration no longer counts."))
                return _person_url(self.desk, self.object.user_id)
        return self.render_form(form, status=400)


@method_decorator(never_cache, name="dispatch")
class EvidenceView(_RegistrationMixin, View):
    """The evidence document, only through the desk (never from a media address): for its
    coordinators, and for the person it belongs to."""

    capability = Capability.VIEW_QUALITY

    def get(self, request, *args, **kwargs):
        registration = self.object
        if not self.membership.can(Capability.MANAGE_QUALITY) and (
            registration.user_id != request.user.pk
        ):
            raise PermissionDenied(_("You can only see your own registrations."))
        if not registration.evidence:
            raise Http404
        name = registration.evidence.name
        extension = name[name.rfind(".") :].lower() if "." in name else ""
        person = slugify(str(registration.user)) or "persoon"
        return document_response(
            registration.evidence.open("rb"),
            content_type=EVIDENCE_TYPES.get(extension, "application/octet-stream"),
            filename=f"bewijs-{registration.system}-{person}{extension}",
        )


class RuleView(DeskMixin, View):
    """The desk's quality rule: requirements that must all be met, each by any of its
    options."""

    capability = Capability.MANAGE_QUALITY
    template_name = "quality/rule.html"

    def render_page(self, editor, status=200):
        groups = selectors.desk_rule(loket_id=self.desk.pk)
        ctx = {"editor": editor, "rule_lines": selectors.describe_rule(groups)}
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_page(RuleEditor(groups=selectors.desk_rule(loket_id=self.desk.pk)))

    def post(self, request, *args, **kwargs):
        editor = RuleEditor(request.POST)
        if editor.is_valid():
            try:
                services.rule_save(
                    loket=self.desk, groups=editor.cleaned_groups(), actor=request.user
                )
            except ValidationError as error:
                editor.add_error(error)
            else:
                messages.success(request, _("The quality rule was saved."))
                return redirect("quality:rule", loket_slug=self.desk.slug)
        return self.render_page(editor, status=400)
