"""``get_<field>_display()`` on the project's models reads a field's labels once, and still
answers in the active language with the value itself for a value outside the choices."""

from django.utils import translation

from sportloket.helprequests.constants import RequestState
from sportloket.helprequests.models import HelpRequest
from sportloket.registry.constants import OrganisationKind
from sportloket.registry.models import Organisation


def test_the_label_follows_the_active_language_after_the_labels_were_read():
    question = HelpRequest(state=RequestState.TRIAGE)
    with translation.override("en"):
        assert question.get_state_display() == "In triage"
    with translation.override("nl"):
        assert question.get_state_display() == "In behandeling genomen"
        assert question.get_state_display() == str(RequestState.TRIAGE.label)


def test_every_choice_has_its_own_label():
    with translation.override("en"):
        for kind in OrganisationKind:
            assert Organisation(kind=kind).get_kind_display() == str(kind.label)


def test_a_value_outside_the_choices_is_shown_as_it_is():
    assert Organisation(kind="unheard-of").get_kind_display() == "unheard-of"
    assert HelpRequest(state="").get_state_display() == ""
