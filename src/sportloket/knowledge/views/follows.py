"""Which other desks' shared knowledge this desk follows."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from sportloket.core.permissions import Capability
from sportloket.core.views_mixins import DeskMixin
from sportloket.knowledge import selectors
from sportloket.knowledge.forms import FollowForm
from sportloket.knowledge.services.follows import desk_follow, desk_unfollow


class FollowDesksView(DeskMixin, TemplateView):
    """Other desks with their number of shared articles; follow or stop following each."""

    capability = Capability.VIEW_KNOWLEDGE
    template_name = "knowledge/follow_desks.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["desks"] = selectors.desks_sharing_knowledge(loket=self.desk)
        ctx["may_change"] = self.membership.can(Capability.WRITE_KNOWLEDGE)
        return ctx

    def post(self, request, *args, **kwargs):
        if not self.membership.can(Capability.WRITE_KNOWLEDGE):
            messages.error(request, _("Your role at this desk does not allow this."))
            return redirect("knowledge:follow", loket_slug=self.desk.slug)
        form = FollowForm(request.POST, loket=self.desk)
        if not form.is_valid():
            messages.error(request, _("Choose a desk from the list."))
            return redirect("knowledge:follow", loket_slug=self.desk.slug)
        followed = form.cleaned_data["desk"]
        if form.cleaned_data["follow"]:
            desk_follow(actor=request.user, loket=self.desk, followed=followed)
            text = _("This desk now follows the shared knowledge of %(desk)s.")
        else:
            desk_unfollow(actor=request.user, loket=self.desk, followed=followed)
            text = _("This desk no longer follows %(desk)s.")
        messages.success(request, text % {"desk": followed.name})
        return redirect("knowledge:follow", loket_slug=self.desk.slug)
