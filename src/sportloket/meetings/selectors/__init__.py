"""Reads on meetings: the desk's list with its counts, one meeting's page and attendance list,
the organisations an invitation reaches (the register's filters), the reach figures, the
panels other pages include and a meeting's knowledge articles. A fixed number of queries each."""

from sportloket.meetings.selectors.articles import (
    article_choices,
    meeting_articles,
    public_meeting_articles,
)
from sportloket.meetings.selectors.invitees import (
    contact_roles,
    invitable_roles,
    invite_preview,
)
from sportloket.meetings.selectors.meetings import (
    PAST,
    UPCOMING,
    attendance_rows,
    desk_meetings,
    desk_tags,
    desk_themes,
    invite_candidates,
    meeting_page,
    meeting_register_choices,
    open_actions,
    organisation_meetings,
    public_meeting,
    public_upcoming,
    rsvp_invitation,
    with_counts,
    with_places,
)
from sportloket.meetings.selectors.reach import (
    ReachRow,
    platform_meetings,
    providers_reached,
    reach,
)

__all__ = [
    "PAST",
    "UPCOMING",
    "ReachRow",
    "article_choices",
    "attendance_rows",
    "contact_roles",
    "desk_meetings",
    "desk_tags",
    "desk_themes",
    "invitable_roles",
    "invite_candidates",
    "invite_preview",
    "meeting_articles",
    "meeting_page",
    "meeting_register_choices",
    "open_actions",
    "organisation_meetings",
    "platform_meetings",
    "providers_reached",
    "public_meeting",
    "public_meeting_articles",
    "public_upcoming",
    "reach",
    "rsvp_invitation",
    "with_counts",
    "with_places",
]
