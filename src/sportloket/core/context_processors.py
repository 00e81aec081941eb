from django.utils.functional import SimpleLazyObject

from sportloket.core.permissions import membership_capabilities
from sportloket.core.scoping import desks_for_user


def desk(request):
    """The current desk, the user's role there and their other desks (for the desk switcher)."""
    membership = getattr(request, "membership", None)
    user = getattr(request, "user", None)
    return {
        "current_desk": membership.loket if membership else None,
        "membership": membership,
        "capabilities": membership_capabilities(membership) if membership else frozenset(),
        "my_desks": getattr(request, "my_desks", None)
        or SimpleLazyObject(lambda: list(desks_for_user(user)) if user else []),
    }
