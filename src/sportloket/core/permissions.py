"""What each desk role may do. Roles are shipped as data: this table is the single source.

Views ask ``membership.can(Capability.X)``; templates get the same answers through the
``desk`` context processor. A new capability is one line here plus its checks.
"""

from django.db import models

from sportloket.core.constants import Role


class Capability(models.TextChoices):
    VIEW_DESK = "view_desk"
    VIEW_TEAM = "view_team"
    MANAGE_TEAM = "manage_team"
    MANAGE_DESK = "manage_desk"
    VIEW_HISTORY = "view_history"
    VIEW_REGISTER = "view_register"
    MANAGE_REGISTER = "manage_register"
    VIEW_PEOPLE = "view_people"
    VIEW_REQUESTS = "view_requests"
    WORK_ON_REQUESTS = "work_on_requests"  # notes, messages, moving one's own assigned requests
    MANAGE_REQUESTS = "manage_requests"  # triage, assigning others, rejecting, referring
    # Ranking the offerings for a request and recording the decision on support: coordinators,
    # and the supporters the desk names for it (Membership.decides_support).
    DECIDE_SUPPORT = "decide_support"
    VIEW_OFFERINGS = "view_offerings"  # the catalogue and the desk's matching weights
    MANAGE_OFFERINGS = "manage_offerings"  # the desk's own offerings and its weights
    # The desk's money overview (totals per theme, kind of provider, municipality). Which funds
    # a role sees in detail is decided in funds.selectors: coordinators all, partners those of
    # the organisation they represent, others none.
    VIEW_FUNDS = "view_funds"
    # Creating and changing funds, committing money to decisions, recording payments.
    MANAGE_FUNDS = "manage_funds"
    # Contact moments with providers: reading the desk's (restricted ones only for coordinators
    # and their author, see contacts.selectors), logging them, and the desk's contact policy.
    VIEW_CONTACTS = "view_contacts"
    LOG_CONTACTS = "log_contacts"
    MANAGE_CONTACT_POLICY = "manage_contact_policy"
    # Quality registrations: reading the desk's figures and registrations, and recording them
    # and the desk's rule.
    VIEW_QUALITY = "view_quality"
    MANAGE_QUALITY = "manage_quality"
    # The knowledge base: reading the desk's articles (and those other desks share), and
    # writing articles, their attachments and which desks' knowledge the desk follows.
    VIEW_KNOWLEDGE = "view_knowledge"
    WRITE_KNOWLEDGE = "write_knowledge"
    # Cooperation between providers and with other domains: reading the desk's cooperations
    # and the suggestions to bring providers together, and recording, introducing, linking.
    VIEW_COOPERATION = "view_cooperation"
    MANAGE_COOPERATION = "manage_cooperation"
    # The yearly club check: its figures (partners and viewers too, never a group of fewer than
    # five providers), the answers of each provider, and setting up rounds and inviting.
    VIEW_CLUB_CHECK = "view_club_check"
    VIEW_CLUB_CHECK_ANSWERS = "view_club_check_answers"
    MANAGE_CLUB_CHECK = "manage_club_check"


ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.COORDINATOR: frozenset(Capability.values),
    Role.SUPPORTER: frozenset(
        {
            Capability.VIEW_DESK,
            Capability.VIEW_TEAM,
            Capability.VIEW_REGISTER,
            Capability.MANAGE_REGISTER,
            Capability.VIEW_PEOPLE,
            Capability.VIEW_REQUESTS,
            Capability.WORK_ON_REQUESTS,
            Capability.VIEW_OFFERINGS,
            Capability.VIEW_FUNDS,
            Capability.VIEW_CONTACTS,
            Capability.LOG_CONTACTS,
            Capability.VIEW_QUALITY,
            Capability.VIEW_KNOWLEDGE,
            Capability.WRITE_KNOWLEDGE,
            Capability.VIEW_COOPERATION,
            Capability.MANAGE_COOPERATION,
            Capability.VIEW_CLUB_CHECK,
            Capability.VIEW_CLUB_CHECK_ANSWERS,
        }
    ),
    # Partners act for an outside organisation: they see the desk and its register, but people's
    # details only where those people agreed to sharing (see registry.selectors).
    # Partners approve spending from the funds of the organisation they represent (see
    # funds.selectors.may_approve); that follows from the membership's organisation, not a
    # capability, because coordinators hold every capability and must not approve.
    Role.PARTNER: frozenset(
        {
            Capability.VIEW_DESK,
            Capability.VIEW_REGISTER,
            Capability.VIEW_OFFERINGS,
            Capability.VIEW_FUNDS,
            Capability.VIEW_CONTACTS,
            Capability.VIEW_KNOWLEDGE,
            Capability.VIEW_CLUB_CHECK,
        }
    ),
    Role.VIEWER: frozenset(
        {
            Capability.VIEW_DESK,
            Capability.VIEW_REGISTER,
            Capability.VIEW_OFFERINGS,
            Capability.VIEW_KNOWLEDGE,
            Capability.VIEW_CLUB_CHECK,
        }
    ),
}


# What a desk may add to a role by naming a member for it (role -> capability -> the
# membership's flag that grants it).
NAMED_CAPABILITIES: dict[str, dict[str, str]] = {
    Role.SUPPORTER: {Capability.DECIDE_SUPPORT: "decides_support"},
}


def role_can(role: str, capability: str) -> bool:
    return capability in ROLE_CAPABILITIES.get(role, frozenset())


def membership_capabilities(membership) -> frozenset[str]:
    """What one member may do: their role's capabilities plus those the desk named them for."""
    granted = ROLE_CAPABILITIES.get(membership.role, frozenset())
    named = {
        capability
        for capability, flag in NAMED_CAPABILITIES.get(membership.role, {}).items()
        if getattr(membership, flag, False)
    }
    return granted | named if named else granted
