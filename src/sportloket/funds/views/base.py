"""What the funds pages share: the page size, who may own a fund, which funds the user sees
in detail, the page asked for and a file to download."""

from django.http import HttpResponse

from sportloket.funds import selectors
from sportloket.registry import selectors as registry_selectors
from sportloket.registry.constants import PROVIDER_KINDS, OrganisationStatus

PAGE_SIZE = 25
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def owner_choices(loket):
    """Who may own a fund of this desk: the supporting organisations in its register
    (municipalities, funds, federations, ...), not the providers the money is for."""
    return (
        registry_selectors.desk_organisations(loket=loket)
        .exclude(kind__in=PROVIDER_KINDS)
        .filter(status=OrganisationStatus.ACTIVE)
        .select_related(None)
        .prefetch_related(None)
    )


def visible_funds(view):
    """The funds of the view's desk its user sees in detail (``selectors.funds_for_user``)."""
    return selectors.funds_for_user(user=view.request.user, loket=view.desk)


def page_number(request):
    return request.POST.get("page") or request.GET.get("page")


def download(content, *, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
