from django.utils.functional import SimpleLazyObject

from sportloket.core.permissions import ROLE_CAPABILITIES
from sportloket.core.scoping import desks_for_user


def desk(request):
    """The current desk, the user's role there and their other desks (for the desk switcher)."""
    membership = getattr(request, "membership", None)
    user = getattr(request, "user", None)
    return {
        "current_desk": membership.loket if membership else None,
        "membership": membership,
        "capabilities": ROLE_CAPABILITIES.get(membership.role, frozenset())
        if membership
        else frozenset(),
        "my_desks": SimpleLazyObject(lambda: list(desks_for_user(user)) if user else []),
    }
