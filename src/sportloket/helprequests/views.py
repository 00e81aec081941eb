from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache

from sportloket.core.models import Loket
from sportloket.core.ratelimit import client_address, hit
from sportloket.core.views_mixins import add_service_errors
from sportloket.helprequests import selectors, services
from sportloket.helprequests.forms import IntakeForm, RatingForm, WithdrawForm
from sportloket.helprequests.models import HelpRequest

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
        if form.looks_automated():
            # Answered like a success, so that a bot learns nothing; nothing is stored.
            return render(request, "helprequests/thanks.html", {"desk": self.desk})
        if not hit(f"intake:{client_address(request)}", limit=INTAKE_LIMIT, seconds=3600):
            form.add_error(
                None,
                _(
                    "Many questions were sent from this address in the last hour. Please try "
                    "again later, or call or e-mail the desk."
                ),
            )
            return self.render_form(form, status=429)
        if form.is_valid():
            data = dict(form.cleaned_data)
            kvk = data.pop("kvk_number")
            for field in ("website", "started"):
                data.pop(field)
            try:
                help_request = services.request_submit(
                    loket=self.desk,
                    organisation=selectors.desk_organisation_by_kvk(loket=self.desk, kvk=kvk),
                    **data,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return render(
                    request,
                    "helprequests/thanks.html",
                    {"desk": self.desk, "tracking": services.tracking_url(help_request)},
                )
        return self.render_form(form, status=400)


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

    def render_page(self, withdraw_form=None, rating_form=None, status=200):
        ctx = {
            "help_request": self.help_request,
            "desk": self.help_request.loket,
            "timeline": selectors.provider_timeline(help_request=self.help_request),
            "withdraw_form": withdraw_form or WithdrawForm(),
            "rating_form": rating_form or RatingForm(),
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
