from django.urls import path

from sportloket.helprequests.views import (
    inbox,
    public,
    referrals,
    request_actions,
    request_articles,
    request_page,
    staff_intake,
    themes,
    tracking_knowledge,
)

app_name = "helprequests"

# The request page's actions: each form on the page posts to its own address.
REQUEST_ACTIONS = [
    ("move/", request_actions.RequestMoveView, "request-move"),
    ("note/", request_actions.RequestNoteView, "request-note"),
    ("assign/", request_actions.RequestAssignView, "request-assign"),
    ("message/", request_actions.RequestMessageView, "request-message"),
    ("triage/", request_actions.RequestTriageView, "request-triage"),
    ("referral/", request_actions.RequestReferralView, "request-referral"),
    ("refer/", referrals.ReferView, "request-refer"),
    ("referral/accept/", referrals.ReferralAcceptView, "referral-accept"),
    ("referral/decline/", referrals.ReferralDeclineView, "referral-decline"),
    ("referral/answer/", referrals.ReferralAnswerView, "referral-answer"),
    ("referral/withdraw/", referrals.ReferralWithdrawView, "referral-withdraw"),
    (
        "organisation/link/",
        request_actions.RequestOrganisationLinkView,
        "request-organisation-link",
    ),
    (
        "organisation/create/",
        request_actions.RequestOrganisationCreateView,
        "request-organisation-create",
    ),
]

urlpatterns = [
    path("<slug:loket_slug>/ask/", public.IntakeView.as_view(), name="intake"),
    path("t/<str:token>/", public.TrackingView.as_view(), name="track"),
    path(
        "t/<str:token>/kennis/<int:pk>/",
        tracking_knowledge.TrackingArticleView.as_view(),
        name="track-article",
    ),
    path(
        "t/<str:token>/kennis/bijlagen/<int:pk>/",
        tracking_knowledge.TrackingAttachmentView.as_view(),
        name="track-attachment",
    ),
    path("<slug:loket_slug>/requests/", inbox.InboxView.as_view(), name="inbox"),
    path(
        "<slug:loket_slug>/requests/new/",
        staff_intake.StaffIntakeView.as_view(),
        name="request-new",
    ),
    path(
        "<slug:loket_slug>/requests/export/", inbox.InboxExportView.as_view(), name="inbox-export"
    ),
    path("<slug:loket_slug>/requests/bulk/", inbox.InboxBulkView.as_view(), name="inbox-bulk"),
    path(
        "<slug:loket_slug>/requests/views/",
        inbox.SavedViewSaveView.as_view(),
        name="inbox-view-save",
    ),
    path(
        "<slug:loket_slug>/requests/views/delete/",
        inbox.SavedViewDeleteView.as_view(),
        name="inbox-view-delete",
    ),
    path(
        "<slug:loket_slug>/requests/figures/",
        inbox.ResponseFiguresView.as_view(),
        name="response-figures",
    ),
    path(
        "<slug:loket_slug>/requests/notifications/",
        inbox.RequestMailView.as_view(),
        name="request-mail",
    ),
    path("<slug:loket_slug>/themes/", themes.ThemeListView.as_view(), name="theme-list"),
    path("<slug:loket_slug>/themes/<int:pk>/", themes.ThemeEditView.as_view(), name="theme-edit"),
    path(
        "<slug:loket_slug>/requests/<int:pk>/",
        request_page.RequestDetailView.as_view(),
        name="request-detail",
    ),
    path(
        "<slug:loket_slug>/requests/<int:pk>/articles/",
        request_articles.RequestArticlesView.as_view(),
        name="request-articles",
    ),
    *(
        path(f"<slug:loket_slug>/requests/<int:pk>/{route}", view.as_view(), name=name)
        for route, view, name in REQUEST_ACTIONS
    ),
]
