"""Recording a question that did not come by the web form ("Nieuwe vraag vastleggen"): a
coordinator fills in what the provider said on the phone, by e-mail, in person or at a
meeting. The register is searched by a button in the same form, so nothing typed is lost and
no JavaScript is needed; the question goes through the same intake service as the web form's."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from sportloket.core.permissions import Capability
from sportloket.core.views_mixins import DeskMixin, add_service_errors
from sportloket.helprequests import services
from sportloket.helprequests.staff_intake_forms import StaffIntakeForm
from sportloket.registry import selectors as registry_selectors

FOUND = 8  # organisations of the register offered for one search


class StaffIntakeView(DeskMixin, View):
    capability = Capability.MANAGE_REQUESTS
    template_name = "helprequests/staff_intake.html"

    def render_form(self, form, status=200):
        return render(self.request, self.template_name, {"form": form}, status=status)

    def matches(self, search: str) -> list:
        return registry_selectors.find_organisations(loket=self.desk, search=search, limit=FOUND)

    def get(self, request, *args, **kwargs):
        return self.render_form(StaffIntakeForm(loket=self.desk))

    def post(self, request, *args, **kwargs):
        matches = self.matches(request.POST.get("find", ""))
        if request.POST.get("action") == "find":
            # A search of the register: the form again with what was typed, and no errors yet.
            return self.render_form(self.typed_again(matches))
        form = StaffIntakeForm(request.POST, loket=self.desk, matches=matches)
        if form.is_valid():
            data = form.question_data()
            organisation = data.pop("organisation") or registry_selectors.desk_organisation_by_kvk(
                loket=self.desk, kvk=data["organisation_kvk"]
            )
            try:
                help_request = services.request_submit(
                    loket=self.desk, organisation=organisation, actor=request.user, **data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, self.done(help_request))
                return redirect("helprequests:request-detail", self.desk.slug, help_request.pk)
        return self.render_form(form, status=400)

    def typed_again(self, matches):
        fields = StaffIntakeForm.base_fields
        data = self.request.POST
        typed = {
            name: data.getlist(name) if name == "themes" else data[name]
            for name in data
            if name in fields
        }
        if "organisation" not in typed and matches:
            typed["organisation"] = ""
        return StaffIntakeForm(initial=typed, loket=self.desk, matches=matches)

    @staticmethod
    def done(help_request) -> str:
        if help_request.contact_email:
            return _(
                "The question was recorded. The provider gets an e-mail with the link to follow it."
            )
        return _("The question was recorded. No e-mail address is known: nothing was sent.")
