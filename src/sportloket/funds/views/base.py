"""What the funds pages share: the page size, who may own a fund, which funds the user sees
in detail, the page asked for and a file to download."""

from django.http import HttpResponse
from django.urls import reverse

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
    return selectors.funds_for_user(
        user=view.request.user, loket=view.desk, membership=view.membership
    )


def pk_url(name: str, slug: str):
    """The URL named ``name`` at the desk ``slug`` for any record, as a function of its pk:
    reversed once for a page of rows instead of once per row (a reverse takes longer than the
    rest of a link). The pk is the last argument of every such URL."""
    head, tail = reverse(name, args=[slug, 0]).rsplit("/0/", 1)
    return lambda pk: f"{head}/{pk}/{tail}"


def page_number(request):
    return request.POST.get("page") or request.GET.get("page")


def download(content, *, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
