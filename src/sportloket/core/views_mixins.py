"""View mixins that put every desk page behind the scoping helper."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.utils.decorators import method_decorator
from django.views.decorators.vary import vary_on_headers

from sportloket.core.permissions import Capability
from sportloket.core.scoping import (
    desks_of,
    get_membership_or_404,
    get_object_for_desk_or_404,
    user_memberships,
)


class DeskMixin:
    """Resolves ``loket_slug`` to the user's membership (404 for non-members).

    ``capability`` names what the role must allow for this view (403 otherwise).
    """

    capability = Capability.VIEW_DESK

    def get_capability(self):
        return self.capability

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        memberships = user_memberships(request.user)
        self.membership = get_membership_or_404(
            request.user, kwargs["loket_slug"], self.get_capability(), memberships=memberships
        )
        self.desk = self.membership.loket
        request.membership = self.membership
        request.my_desks = desks_of(memberships)  # the desk switcher's, without a query
        self.resolve_object()
        return super().dispatch(request, *args, **kwargs)

    def resolve_object(self):
        """Hook for views about one record: fetched before the method is dispatched, so a
        record of another desk is a 404 for every method, never a 405."""


class DeskObjectMixin(DeskMixin):
    """Fetches the record named by ``pk`` from the current desk only (404 otherwise).

    ``model`` is also what the desk-isolation test reads to create another desk's record.
    """

    model = None
    queryset = None

    def get_queryset(self):
        return self.queryset.all() if self.queryset is not None else self.model.objects.all()

    def get_object(self):
        return get_object_for_desk_or_404(self.get_queryset(), self.desk, pk=self.kwargs["pk"])

    def resolve_object(self):
        self.object = self.get_object()


def add_service_errors(form, error: ValidationError):
    """Shows a service's ValidationError on the form: next to the field it names, if any."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class HtmxPartialMixin:
    """An htmx request gets ``partial_template_name`` (the part of the page it swaps); the same
    URL without htmx, a boosted link or a history restore gets the full page, so everything
    works without JavaScript. The answer varies on ``HX-Request``, so no cache mixes them up.
    """

    partial_template_name = None

    def is_htmx_partial(self) -> bool:
        htmx = getattr(self.request, "htmx", None)
        return bool(htmx and not htmx.boosted and not htmx.history_restore_request)

    def get_template_names(self):
        if self.partial_template_name and self.is_htmx_partial():
            return [self.partial_template_name]
        return super().get_template_names()

    @method_decorator(vary_on_headers("HX-Request"))
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)
