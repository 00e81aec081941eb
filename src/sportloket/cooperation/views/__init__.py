from sportloket.cooperation.views.cooperations import (
    CooperationCreateView,
    CooperationDetailView,
    CooperationEditView,
    CooperationListView,
    LinksView,
    PartyAddView,
    PartyRemoveView,
    StatusView,
)
from sportloket.cooperation.views.suggestions import (
    ConsentView,
    IntroduceView,
    IntroductionDetailView,
    SuggestionListView,
)

__all__ = [
    "ConsentView",
    "CooperationCreateView",
    "CooperationDetailView",
    "CooperationEditView",
    "CooperationListView",
    "IntroduceView",
    "IntroductionDetailView",
    "LinksView",
    "PartyAddView",
    "PartyRemoveView",
    "StatusView",
    "SuggestionListView",
]
