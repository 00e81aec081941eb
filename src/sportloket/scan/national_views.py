"""The national picture (``/national/``), for the national team only, and starting a desk."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views import View

from sportloket.core.charts import Series, bar_chart
from sportloket.core.views_mixins import add_service_errors
from sportloket.scan import national, starting
from sportloket.scan.forms import DeskStartForm

PAGE_SIZE = 50


def coverage_chart(trend) -> dict | None:
    if not trend:
        return None
    return bar_chart(
        label=_("Municipalities in a desk's work area per month"),
        months=[s.month for s in trend],
        names=[date_format(s.month, "M") for s in trend],
        series=[Series(_("Municipalities covered"), [s.covered for s in trend])],
        targets=[(_("All municipalities"), trend[-1].municipalities)],
        description=_(
            "Per month the number of municipalities in the work area of an active desk, against "
            "the number of all municipalities. The numbers stand in the table below the chart."
        ),
    )


class NationalView(View):
    template_name = "scan/national.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not starting.may_start_desks(request.user):  # the national team, an administrator
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        page = Paginator(national.desks(), PAGE_SIZE).get_page(request.GET.get("page"))
        trend = national.coverage_trend()
        ctx = {
            "page_obj": page,
            "rows": national.with_verdicts(page.object_list),
            "columns": national.COLUMNS,
            "coverage": national.coverage(),
            "trend": trend,
            "chart": coverage_chart(trend),
            "querystring": "",
            "may_start": starting.may_start_desks(request.user),
        }
        return render(request, self.template_name, ctx)


class DeskStartView(View):
    """Starting a desk, for the national team and the installation's administrator."""

    template_name = "scan/desk_start.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not starting.may_start_desks(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return render(request, self.template_name, {"form": DeskStartForm()})

    def post(self, request):
        form = DeskStartForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                loket = starting.desk_start(actor=request.user, request=request, **data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("%(desk)s is started. %(email)s has been invited as its coordinator.")
                    % {"desk": loket.name, "email": data["coordinator_email"]},
                )
                return redirect("scan:national")
        return render(request, self.template_name, {"form": form}, status=400)
