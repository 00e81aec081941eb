import re
from urllib.parse import urlencode

import factory
from django.urls import reverse
from django.utils import timezone

from sportloket.helprequests import services
from sportloket.helprequests.constants import RequestState
from sportloket.helprequests.models import HelpRequest
from sportloket.testing.html_forms import forms_in


class HelpRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HelpRequest

    loket = factory.SubFactory("sportloket.core.tests.factories.LoketFactory")
    organisation_name = "Voetbalvereniging Domstad Oost"
    contact_name = "Sanne Kuipers"
    contact_email = factory.Sequence(lambda n: f"secretaris{n}@club.example.nl")
    question = "Wij zoeken nieuwe bestuursleden. Hoe pakken we dat aan?"
    consents_to_processing = True

    class Params:
        # HelpRequestFactory(in_triage=True), (matched=True), …: a question further on its way
        # (the state only; tests of the moves themselves go through the services).
        in_triage = factory.Trait(state=RequestState.TRIAGE)
        matched = factory.Trait(state=RequestState.MATCHED)
        in_progress = factory.Trait(state=RequestState.IN_PROGRESS)
        closed = factory.Trait(
            state=RequestState.COMPLETED, closed_at=factory.LazyFunction(timezone.now)
        )
        evaluated = factory.Trait(
            state=RequestState.EVALUATED,
            closed_at=factory.LazyFunction(timezone.now),
            rating=4,
        )
        from_register = factory.Trait(
            organisation=factory.SubFactory(
                "sportloket.registry.tests.factories.OrganisationFactory"
            ),
            organisation_name=factory.SelfAttribute("organisation.name"),
        )


def submit_request(desk, **fields):
    """A provider's question through the real intake service."""
    data = {
        "organisation_name": "HC Houten",
        "contact_name": "Eva Brouwer",
        "contact_email": "eva@hchouten.example.nl",
        "question": "Hoe vinden we meer vrijwilligers voor de jeugd?",
        "consents_to_processing": True,
    }
    data.update(fields)
    return services.request_submit(loket=desk, **data)


# The request page's actions and the names of the URLs their forms post to.
ACTION_URLS = {
    "move": "request-move",
    "note": "request-note",
    "assign": "request-assign",
    "message": "request-message",
    "triage": "request-triage",
    "referral": "request-referral",
    "link": "request-organisation-link",
    "create_organisation": "request-organisation-create",
}


def action_url(help_request, action):
    """Where the request page's form of ``action`` posts."""
    return reverse(
        f"helprequests:{ACTION_URLS[action]}", args=[help_request.loket.slug, help_request.pk]
    )


def articles_page_url(help_request, articles=()):
    """The question's page for sending knowledge articles, with ``articles`` chosen."""
    url = reverse("helprequests:request-articles", args=[help_request.loket.slug, help_request.pk])
    return url + ("?" + urlencode([("article", a.pk) for a in articles]) if articles else "")


_TICKED = re.compile(r'<input type="checkbox" name="message-articles" value="(\d+)"[^>]*>')


def send_articles_from_page(client, help_request, articles, *, body=None):
    """Chooses ``articles`` on the question's articles page and sends its message form as a
    browser would: the body as the page filled it in (or ``body``), the articles as ticked,
    to the address the form posts to. Returns the answer to the post."""
    page = client.get(articles_page_url(help_request, articles))
    assert page.status_code == 200, page.status_code
    form = next(form for form in forms_in(page.text) if "/message/" in form.action)
    prefilled = next(field.value for field in form.fields if field.name == "message-body")
    ticked = [m[1] for m in _TICKED.finditer(page.text) if " checked" in m[0]]
    data = {"message-body": prefilled.strip() if body is None else body}
    if ticked:
        data["message-articles"] = ticked
    return client.post(form.action, data)
