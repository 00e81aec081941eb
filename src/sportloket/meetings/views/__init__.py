from sportloket.meetings.views.day import (
    ActionAddView,
    ActionDoneView,
    AttendanceView,
    InviteView,
    NotesView,
    QuestionView,
)
from sportloket.meetings.views.meetings import (
    MeetingCancelView,
    MeetingCreateView,
    MeetingDetailView,
    MeetingEditView,
    MeetingIcsView,
    MeetingListView,
)
from sportloket.meetings.views.public import PublicMeetingView, RsvpIcsView, RsvpView
from sportloket.meetings.views.reach import ReachView

__all__ = [
    "ActionAddView",
    "ActionDoneView",
    "AttendanceView",
    "InviteView",
    "MeetingCancelView",
    "MeetingCreateView",
    "MeetingDetailView",
    "MeetingEditView",
    "MeetingIcsView",
    "MeetingListView",
    "NotesView",
    "PublicMeetingView",
    "QuestionView",
    "ReachView",
    "RsvpIcsView",
    "RsvpView",
]
