from django.urls import path

from sportloket.meetings import views

app_name = "meetings"

D = "<slug:loket_slug>/meetings/"

urlpatterns = [
    path(D, views.MeetingListView.as_view(), name="list"),
    path(f"{D}new/", views.MeetingCreateView.as_view(), name="create"),
    path(f"{D}reach/", views.ReachView.as_view(), name="reach"),
    path(f"{D}<int:pk>/", views.MeetingDetailView.as_view(), name="detail"),
    path(f"{D}<int:pk>/edit/", views.MeetingEditView.as_view(), name="edit"),
    path(f"{D}<int:pk>/cancel/", views.MeetingCancelView.as_view(), name="cancel"),
    path(f"{D}<int:pk>/invite/", views.InviteView.as_view(), name="invite"),
    path(f"{D}<int:pk>/attendance/", views.AttendanceView.as_view(), name="attendance"),
    path(f"{D}<int:pk>/notes/", views.NotesView.as_view(), name="notes"),
    path(f"{D}<int:pk>/actions/", views.ActionAddView.as_view(), name="action-add"),
    path(f"{D}<int:pk>/question/", views.QuestionView.as_view(), name="question"),
    path(f"{D}<int:pk>/agenda.ics", views.MeetingIcsView.as_view(), name="ics"),
    path(f"{D}actions/<int:pk>/done/", views.ActionDoneView.as_view(), name="action-done"),
    # Public on purpose (tests/test_desk_isolation.py): a published meeting's page, and the
    # invited person's private answer page and calendar file, reached by its token.
    path(
        "<slug:loket_slug>/bijeenkomsten/<int:pk>/",
        views.PublicMeetingView.as_view(),
        name="public-meeting",
    ),
    path("m/<str:token>/", views.RsvpView.as_view(), name="rsvp"),
    path("m/<str:token>/agenda.ics", views.RsvpIcsView.as_view(), name="rsvp-ics"),
]
