"""Every read of cooperation that a view needs: the desk's cooperations, one with its parties
and links, the suggestions to bring providers together, and an organisation's rows on its
timeline."""

from sportloket.cooperation.selectors.cooperations import (
    cooperation_detail_queryset,
    desk_cooperations,
    link_choices,
    organisation_facts,
    party_names,
    supporter_choices,
    visible_linked_questions,
)
from sportloket.cooperation.selectors.federation import (
    federation_cooperations,
    federation_questions,
    federation_scope,
)
from sportloket.cooperation.selectors.suggestions import Suggestion, suggestions

__all__ = [
    "Suggestion",
    "cooperation_detail_queryset",
    "desk_cooperations",
    "federation_cooperations",
    "federation_questions",
    "federation_scope",
    "link_choices",
    "organisation_facts",
    "party_names",
    "suggestions",
    "supporter_choices",
    "visible_linked_questions",
]
