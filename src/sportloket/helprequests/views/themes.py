"""The desk's themes for questions: the list with how often each is used, adding one, and
renaming, moving or retiring one."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from sportloket.core import services as core_services
from sportloket.core.models import Theme
from sportloket.core.permissions import Capability
from sportloket.core.views_mixins import DeskMixin, DeskObjectMixin, add_service_errors
from sportloket.helprequests import selectors
from sportloket.helprequests.forms import ThemeForm


class ThemeListView(DeskMixin, View):
    """The desk's themes for questions: add one, and see how often each is used."""

    capability = Capability.MANAGE_DESK
    template_name = "helprequests/theme_list.html"

    def render_page(self, form, status=200):
        ctx = {"themes": selectors.themes_with_counts(loket=self.desk), "form": form}
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_page(ThemeForm())

    def post(self, request, *args, **kwargs):
        form = ThemeForm(request.POST)
        if form.is_valid():
            try:
                theme = core_services.theme_save(
                    loket=self.desk, actor=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Theme %(name)s was added.") % {"name": theme.name})
                return redirect("helprequests:theme-list", self.desk.slug)
        return self.render_page(form, status=400)


class ThemeEditView(DeskObjectMixin, View):
    """Rename a theme, move it in the list, or take it out of use."""

    capability = Capability.MANAGE_DESK
    model = Theme
    template_name = "helprequests/theme_edit.html"

    def render_page(self, form, status=200):
        return render(
            self.request, self.template_name, {"theme": self.object, "form": form}, status=status
        )

    def get(self, request, *args, **kwargs):
        theme = self.object
        return self.render_page(
            ThemeForm(
                initial={"name": theme.name, "position": theme.position,
                         "is_active": theme.is_active,
                         "is_sport_specific": theme.is_sport_specific}
            )
        )  # fmt: skip

    def post(self, request, *args, **kwargs):
        form = ThemeForm(request.POST)
        if form.is_valid():
            try:
                core_services.theme_save(
                    loket=self.desk, actor=request.user, theme=self.object, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The theme was saved."))
                return redirect("helprequests:theme-list", self.desk.slug)
        return self.render_page(form, status=400)
