"""The desk's page for one question: the question, the contact, who handles it, its history,
and the forms of the actions the member may take (each posts to its own view in
``request_actions``)."""

from django.db.models import Exists, OuterRef
from django.forms.models import ModelChoiceIterator
from django.shortcuts import render
from django.utils.functional import cached_property
from django.views import View

from sportloket.core import fragments
from sportloket.core.permissions import Capability
from sportloket.core.views_mixins import DeskObjectMixin
from sportloket.helprequests import permissions, selectors, services
from sportloket.helprequests.forms import (
    AssignForm,
    CreateOrganisationForm,
    LinkOrganisationForm,
    MessageForm,
    MoveForm,
    NoteForm,
    ReferralOutcomeForm,
    TriageForm,
)
from sportloket.helprequests.models import HelpRequest, Referral
from sportloket.helprequests.workflow import CLOSED_STATES
from sportloket.registry import selectors as registry_selectors


class _ChoicesRead(ModelChoiceIterator):
    """A model choice field's choices from rows the page has read already: Django's own
    iterator reads its queryset again for every rendering."""

    def __init__(self, field, rows):
        super().__init__(field)
        self.rows = rows

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.rows:
            yield self.choice(obj)

    def __len__(self):
        return len(self.rows) + (self.field.empty_label is not None)


def _choices_read(field, rows) -> None:
    """Renders ``field`` (of a form shown on the page) with ``rows`` as its choices, the rows
    its queryset finds; what is posted is still checked against the queryset."""
    field.widget.choices = _ChoicesRead(field, rows)


class RequestPageMixin(DeskObjectMixin):
    """A question the member may see (404 otherwise), its page, and the forms of its actions:
    blank, or bound to what was posted."""

    capability = Capability.VIEW_REQUESTS
    model = HelpRequest
    template_name = "helprequests/request_detail.html"

    def get_queryset(self):
        requests = (
            selectors.visible_requests(membership=self.membership)
            .with_overdue()
            .select_related("organisation__municipality")
            .annotate(
                adviser_count=registry_selectors.current_adviser_count(
                    OuterRef("organisation"), loket=self.desk
                ),
                has_referrals=Exists(Referral.objects.filter(help_request=OuterRef("pk"))),
            )
        )
        return selectors.with_registration_need(selectors.with_current_assignment(requests))

    def get_object(self):
        help_request = super().get_object()
        help_request.loket = self.desk  # the same desk, already read
        return help_request

    @cached_property
    def themes(self) -> list:
        """The desk's themes in use or on the question (``selectors.request_themes``)."""
        return selectors.request_themes(help_request=self.object, loket=self.desk)

    def move_form(self, data=None):
        choices = permissions.move_choices(self.membership, self.object)
        return MoveForm(data, choices=choices, from_state=self.object.state)

    def note_form(self, data=None):
        return NoteForm(data)

    def assign_form(self, data=None):
        members = permissions.assignable_members(self.membership)
        refusals = selectors.assign_refusals(help_request=self.object, members=members)
        form = AssignForm(data, members=members, refusals=refusals)
        _choices_read(form.fields["supporter"], list(members))  # read by assign_refusals
        return form

    def message_form(self, data=None):
        # Knowledge articles are chosen on a page of their own (``request_articles``): a
        # choice of every article here would grow with the knowledge base and cost a query.
        return MessageForm(data)

    def triage_form(self, data=None):
        initial = {
            "themes": [theme.pk for theme in self.themes if theme.on_question],
            "urgency": self.object.urgency,
        }
        form = TriageForm(data, loket=self.desk, initial=initial)
        _choices_read(form.fields["themes"], [theme for theme in self.themes if theme.is_active])
        return form

    def referral_form(self, data=None):
        return ReferralOutcomeForm(data, initial={"outcome": self.object.referral_outcome})

    def link_form(self, data=None):
        return LinkOrganisationForm(data, loket=self.desk)

    def create_organisation_form(self, data=None):
        return CreateOrganisationForm(data)

    def action_forms(self, allowed: dict[str, bool]) -> dict:
        """The blank form of each action the member may take, by its name in the page (the
        link is a button beside each organisation found, not a form of its own)."""
        makers = {
            "move": self.move_form,
            "note": self.note_form,
            "assign": self.assign_form,
            "message": self.message_form,
            "triage": self.triage_form,
            "referral": self.referral_form,
            "create_organisation": self.create_organisation_form,
        }
        forms = {f"{action}_form": make() for action, make in makers.items() if allowed[action]}
        if "move_form" in forms and not forms["move_form"].moves:
            forms["move_form"] = None  # nowhere this member may move it
        return forms

    def render_page(self, *, refused=None, link_error="", status=200):
        """The page; ``refused`` holds the form of an action just refused (by its name in the
        page), shown with what was typed and the errors beside its fields."""
        help_request = self.object
        allowed = permissions.allowed_actions(self.membership, help_request)
        ctx = {
            "help_request": help_request,
            "timeline": selectors.staff_timeline(help_request=help_request),
            "themes": [theme for theme in self.themes if theme.on_question],
            "tracking": services.tracking_url(help_request),
            "assignment": selectors.current_assignment(help_request=help_request),
            "closed_states": sorted(CLOSED_STATES),
            "allowed": allowed,
            **self.action_forms(allowed),
            **(refused or {}),
        }
        if allowed["link"]:
            ctx.update(self.organisation_context(link_error))
        ctx["fields"] = _fields(ctx)
        return render(self.request, self.template_name, ctx, status=status)

    def organisation_context(self, link_error=""):
        """Linking the question to the register: a search (by default on what the provider
        typed), the question's organisation and its possible duplicates."""
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
        }


class RequestDetailView(RequestPageMixin, View):
    """One question for the desk: the question, the contact, triage, notes and status moves."""

    def get(self, request, *args, **kwargs):
        return self.render_page()


# The blank forms of the page whose fields follow from their choices and initial values alone
# (the assign form is not among them: it disables refused members in its widget).
_KEPT_FORMS = ("move_form", "note_form", "message_form", "triage_form", "referral_form",
               "create_organisation_form")  # fmt: skip
_FORM_FIELDS = fragments.RenderedOnce()


def _fields(ctx) -> dict:
    """The fields of the page's forms, rendered: a blank one kept per choices, initial values
    and language (``core.fragments``), a refused one (with what was typed) rendered anew."""
    fields = {}
    for name in _KEPT_FORMS:
        form = ctx.get(name)
        if form is not None:
            fields[name] = (
                form.render() if form.is_bound else fragments.form_fields(_FORM_FIELDS, name, form)
            )
    return fields
