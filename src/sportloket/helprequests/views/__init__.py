"""The pages of the questions: public ones (``public``: the question form and the provider's
tracking page) apart from the desk's (``inbox``, ``request_page`` with its
``request_actions``, ``request_articles``: knowledge articles sent with a message,
``staff_intake``: a question recorded by the desk, ``themes``)."""

from sportloket.helprequests.views.inbox import InboxView, RequestMailView, ResponseFiguresView
from sportloket.helprequests.views.public import INTAKE_LIMIT, IntakeView, TrackingView
from sportloket.helprequests.views.request_actions import (
    RequestAssignView,
    RequestMessageView,
    RequestMoveView,
    RequestNoteView,
    RequestOrganisationCreateView,
    RequestOrganisationLinkView,
    RequestReferralView,
    RequestTriageView,
)
from sportloket.helprequests.views.request_page import RequestDetailView
from sportloket.helprequests.views.staff_intake import StaffIntakeView
from sportloket.helprequests.views.themes import ThemeEditView, ThemeListView

__all__ = [
    "INTAKE_LIMIT",
    "InboxView",
    "IntakeView",
    "RequestAssignView",
    "RequestDetailView",
    "RequestMailView",
    "RequestMessageView",
    "RequestMoveView",
    "RequestNoteView",
    "RequestOrganisationCreateView",
    "RequestOrganisationLinkView",
    "RequestReferralView",
    "RequestTriageView",
    "ResponseFiguresView",
    "StaffIntakeView",
    "ThemeEditView",
    "ThemeListView",
    "TrackingView",
]
