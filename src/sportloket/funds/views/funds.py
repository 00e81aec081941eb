"""The forms of a fund: adding and editing it (the coordinator), changing its amount with a
reason, and who decides above the coordinator's threshold (the owner's representative)."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from sportloket.core import selectors as core_selectors
from sportloket.core.permissions import Capability
from sportloket.core.views_mixins import DeskMixin, DeskObjectMixin, add_service_errors
from sportloket.funds import selectors, services
from sportloket.funds.forms import AmountChangeForm, ApprovalRulesForm, FundForm
from sportloket.funds.models import Fund
from sportloket.funds.views.base import owner_choices, visible_funds
from sportloket.funds.views.ledger import ledger_funds, render_ledger


class _FundFormMixin:
    capability = Capability.MANAGE_FUNDS
    template_name = "funds/fund_form.html"

    def make_form(self, data=None, instance=None):
        return FundForm(
            data,
            instance=instance if instance is not None else Fund(loket=self.desk),
            organisations=owner_choices(self.desk),
            themes=core_selectors.theme_key_choices(loket=self.desk),
        )

    def render_form(self, form, status=200):
        fund = getattr(self, "object", None)
        ctx = {
            "form": form,
            "fund": fund,
            # Then raising the threshold or changing the owner is the representatives' to do.
            "owner_represented": fund is not None and selectors.fund_approvers(fund=fund).exists(),
        }
        return render(self.request, self.template_name, ctx, status=status)


class FundCreateView(_FundFormMixin, DeskMixin, View):
    def get(self, request, *args, **kwargs):
        this_year = timezone.localdate().year
        form = self.make_form()
        form.initial.update(
            starts_on=datetime.date(this_year, 1, 1), ends_on=datetime.date(this_year, 12, 31)
        )
        return self.render_form(form)

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        if form.is_valid():
            try:
                fund = services.fund_create(
                    loket=self.desk, actor=request.user, **form.service_arguments()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The fund %(fund)s was added.") % {"fund": fund})
                return redirect("funds:fund-detail", loket_slug=self.desk.slug, pk=fund.pk)
        return self.render_form(form, status=400)


class FundEditView(_FundFormMixin, DeskObjectMixin, View):
    model = Fund

    def get(self, request, *args, **kwargs):
        return self.render_form(self.make_form(instance=self.object))

    def post(self, request, *args, **kwargs):
        # The form works on its own copy: a refused edit must not show in the page heading.
        form = self.make_form(request.POST, instance=Fund.objects.get(pk=self.object.pk))
        if form.is_valid():
            try:
                services.fund_update(
                    fund=self.object, actor=request.user, **form.service_arguments()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The changes were saved."))
                return redirect("funds:fund-detail", loket_slug=self.desk.slug, pk=self.object.pk)
        return self.render_form(form, status=400)


class FundAmountView(DeskObjectMixin, View):
    """Raises or lowers the fund's amount, with a reason; never below what is committed."""

    capability = Capability.MANAGE_FUNDS
    model = Fund

    def get_queryset(self):
        return visible_funds(self)

    def post(self, request, *args, **kwargs):
        fund = self.object
        form = AmountChangeForm(request.POST)
        if form.is_valid():
            try:
                services.fund_amount_change(
                    fund=fund,
                    new_cents=form.cleaned_data["new_cents"],
                    reason=form.cleaned_data["reason"],
                    actor=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The amount of the fund was changed."))
                return redirect("funds:fund-detail", loket_slug=self.desk.slug, pk=fund.pk)
        return render_ledger(self, ledger_funds(self).get(pk=fund.pk), amount_form=form, status=400)


class FundApprovalView(DeskObjectMixin, View):
    """Who decides on a fund: up to which amount the coordinator decides alone, which
    organisation owns it and who represents that organisation here. Its representatives
    change the first two here; others who see the fund read them (the coordinator makes the
    threshold stricter on the fund's edit form), and the service refuses their changes."""

    capability = Capability.VIEW_FUNDS
    model = Fund
    template_name = "funds/approval_form.html"

    def get_queryset(self):
        return visible_funds(self)

    def render_page(self, form=None, refused=None, status=200):
        fund = self.object
        approves = selectors.may_approve(user=self.request.user, fund=fund)
        if approves and form is None:
            form = ApprovalRulesForm(fund=fund, organisations=owner_choices(self.desk))
        ctx = {
            "fund": fund,
            "form": form if approves else None,
            "refused": refused,
            "approvers": selectors.fund_approvers(fund=fund),
            "can_manage": self.membership.can(Capability.MANAGE_FUNDS),
        }
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_page()

    def post(self, request, *args, **kwargs):
        form = ApprovalRulesForm(
            request.POST, fund=self.object, organisations=owner_choices(self.desk)
        )
        if form.is_valid():
            try:
                fund = services.fund_approval_change(
                    fund=self.object, actor=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The rules for who decides were changed."))
                if visible_funds(self).filter(pk=fund.pk).exists():
                    return redirect("funds:fund-detail", loket_slug=self.desk.slug, pk=fund.pk)
                # Another owner: the fund is now for its representatives to see.
                return redirect("funds:overview", loket_slug=self.desk.slug)
        return self.render_page(form, refused=form.non_field_errors(), status=400)
