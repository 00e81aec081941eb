"""The reach of the desk's meetings for a period."""

from django.views.generic import TemplateView

from sportloket.core.permissions import Capability
from sportloket.core.views_mixins import DeskMixin
from sportloket.meetings import selectors
from sportloket.meetings.forms import ReachForm
from sportloket.meetings.views.meetings import querystring


class ReachView(DeskMixin, TemplateView):
    capability = Capability.VIEW_CONTACTS
    template_name = "meetings/reach.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = ReachForm(self.request.GET or None)
        figures = selectors.reach(
            loket=self.desk, page=self.request.GET.get("page"), **form.period()
        )
        ctx.update(form=form, querystring=querystring(self.request), **figures)
        return ctx
