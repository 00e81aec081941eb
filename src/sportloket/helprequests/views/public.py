"""The public pages: a desk's question form, for providers without an account, and the
provider's private page for one question, reached by its unguessable link. Both work without
JavaScript."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache

from sportloket.core.fragments import RenderedOnce
from sportloket.core.models import Loket
from sportloket.core.ratelimit import client_address, hit
from sportloket.core.views_mixins import add_service_errors
from sportloket.helprequests import selectors, services
from sportloket.helprequests.forms import (
    IntakeForm,
    ProviderMessageForm,
    RatingForm,
    WithdrawForm,
    claim_stamp,
)
from sportloket.helprequests.models import HelpRequest, Referral
from sportloket.registry import selectors as registry_selectors

INTAKE_LIMIT = 5  # questions per address per hour
# Look-ups of the register for an organisation like the one typed, per address per hour.
OFFER_LIMIT = 30
FIELDS_TEMPLATE = "helprequests/_intake_fields.html"
_NEW_FORMS = RenderedOnce()


def _fields(form) -> str:
    """A form's fields: an empty form is the same on every page (nothing of the question is
    in it), rendered once per language; a refused one, with what was sent, each time."""
    if form.is_bound:
        return form.render()
    return _NEW_FORMS.get((type(form).__name__,), form.render)


class _Refused(Exception):
    """The question is not stored; the form shows why, with ``status``."""

    def __init__(self, status=400):
        super().__init__(status)
        self.status = status


class IntakeView(View):
    """The public question form of a desk: no account needed, works without JavaScript."""

    template_name = "helprequests/intake.html"

    def dispatch(self, request, *args, **kwargs):
        self.desk = get_object_or_404(Loket.objects.active(), slug=kwargs["loket_slug"])
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, form, status=200):
        ctx = {"desk": self.desk, "form": form, "fields": self.fields(form)}
        return render(self.request, self.template_name, ctx, status=status)

    @staticmethod
    def fields(form) -> str:
        """The form's fields (but its one-time stamp). A new form is the same for everyone
        at a desk, and only its themes are the desk's own: rendered once per language and
        themes (most of this page's time); a form sent back, with its answers and errors,
        each time."""

        def render_fields():
            return render_to_string(FIELDS_TEMPLATE, {"form": form})

        if form.is_bound:
            return render_fields()
        themes = tuple((theme.pk, str(theme)) for theme in form.fields["themes"].queryset)
        return _NEW_FORMS.get(("intake", themes), render_fields)

    def thanks(self):
        # The private link arrives by e-mail only: this page is the same for everyone.
        return render(self.request, "helprequests/thanks.html", {"desk": self.desk})

    def get(self, request, *args, **kwargs):
        return self.render_form(IntakeForm(loket=self.desk))

    def post(self, request, *args, **kwargs):
        form = IntakeForm(request.POST, loket=self.desk)
        if form.is_trap_filled():
            # The same page a person sees after sending, so a bot learns nothing; nothing is
            # stored.
            return self.thanks()
        try:
            self.check_form(form)
            data = self.question_data(form)
            organisation = self.choose_organisation(form, data)
            self.check_limits(form, data["contact_email"])
            self.claim(form)
            services.request_submit(loket=self.desk, organisation=organisation, **data)
        except _Refused as refused:
            return self.render_form(form, status=refused.status)
        except ValidationError as error:
            form.with_fresh_stamp()
            add_service_errors(form, error)
            return self.render_form(form, status=400)
        return self.thanks()

    def check_form(self, form):
        if form.needs_another_look():
            form.with_fresh_stamp().is_valid()
            form.add_error(None, _("Please check your answers and send them again."))
            raise _Refused
        if not form.is_valid():
            raise _Refused

    @staticmethod
    def question_data(form) -> dict:
        data = dict(form.cleaned_data)
        for field in ("website", "started", "organisation"):
            data.pop(field)
        data["organisation_kvk"] = data.pop("kvk_number")
        return data

    def choose_organisation(self, form, data):
        """The desk's organisation with the KvK number given; otherwise the provider is asked
        once whether one of the register's organisations with a name like theirs is theirs (a
        bounded number of look-ups per address and hour)."""
        organisation = registry_selectors.desk_organisation_by_kvk(
            loket=self.desk, kvk=data["organisation_kvk"]
        )
        address = client_address(self.request)
        if organisation is not None or not hit(
            f"intake-offer:{address}", limit=OFFER_LIMIT, seconds=3600
        ):
            return organisation
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
            raise _Refused
        return organisation

    def check_limits(self, form, email: str):
        """Only questions that would be stored count towards the limits: typing mistakes
        don't. Per address, and per e-mail address, so nobody's mailbox is filled with
        confirmations."""
        address = client_address(self.request)
        if not (
            hit(f"intake:{address}", limit=INTAKE_LIMIT, seconds=3600)
            and hit(f"intake-mail:{email.lower()}", limit=INTAKE_LIMIT, seconds=3600)
        ):
            form.add_error(
                None,
                _(
                    "Many questions were sent from this address in the last hour. Please "
                    "try again later, or call or e-mail the desk."
                ),
            )
            raise _Refused(status=429)

    def claim(self, form):
        if not claim_stamp(self.request.POST.get("started", "")):
            # The same stamp sent twice: a second tab, or a bot replaying one form.
            form.with_fresh_stamp()
            form.add_error(None, _("Please check your answers and send them again."))
            raise _Refused


@method_decorator(never_cache, name="dispatch")
class TrackingView(View):
    """The provider's private page for one question, reached by its unguessable link: they
    withdraw it, add a message, or rate the help (each a form with its ``action``)."""

    template_name = "helprequests/track.html"

    def dispatch(self, request, *args, **kwargs):
        self.help_request = get_object_or_404(
            HelpRequest.objects.select_related("loket").annotate(
                has_referrals=Exists(Referral.objects.filter(help_request=OuterRef("pk")))
            ),
            tracking_token=kwargs["token"],
        )
        response = super().dispatch(request, *args, **kwargs)
        # The link is the key: never pass it on to other sites, never index it. ("same-origin",
        # not "no-referrer": browsers then send "Origin: null" and the form's CSRF check fails.)
        response["Referrer-Policy"] = "same-origin"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def render_page(self, refused=None, status=200):
        """The page, with the refused form (by its name in the page) as it was sent."""
        forms = {
            "withdraw_form": WithdrawForm(),
            "rating_form": RatingForm(),
            "reply_form": ProviderMessageForm(),
            **(refused or {}),
        }
        ctx = {
            "help_request": self.help_request,
            "desk": self.help_request.loket,
            "timeline": selectors.provider_timeline(help_request=self.help_request),
            **forms,
            **{name.replace("_form", "_fields"): _fields(form) for name, form in forms.items()},
            **selectors.provider_actions(help_request=self.help_request),
        }
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_page()

    def post(self, request, *args, **kwargs):
        actions = {
            "withdraw": ("withdraw_form", WithdrawForm, self.withdraw),
            "reply": ("reply_form", ProviderMessageForm, self.reply),
            "rate": ("rating_form", RatingForm, self.rate),
        }
        if request.POST.get("action") not in actions:
            return redirect(request.path)
        name, form_class, perform = actions[request.POST["action"]]
        form = form_class(request.POST)
        if form.is_valid():
            try:
                done = perform(form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, done)
                return redirect(request.path)
        return self.render_page(refused={name: form}, status=400)

    def withdraw(self, data) -> str:
        services.request_withdraw(help_request=self.help_request, note=data["note"])
        return _("Your question has been withdrawn.")

    def reply(self, data) -> str:
        services.message_from_provider(help_request=self.help_request, body=data["body"])
        return _("Your message was added.")

    def rate(self, data) -> str:
        services.request_rate(
            help_request=self.help_request, rating=data["rating"], comment=data["comment"]
        )
        return _("Thank you for your rating.")
