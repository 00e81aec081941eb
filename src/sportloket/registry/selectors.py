"""Reads on the register: a desk's organisations with search and filters, one organisation with
its people (as far as the reader's role and the people's consent allow), reference data."""

from collections import defaultdict

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    FilteredRelation,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from sportloket.core.constants import Role
from sportloket.core.models import Membership
from sportloket.core.permissions import Capability
from sportloket.registry.constants import PROVIDER_KINDS, OrganisationKind, OrganisationStatus
from sportloket.registry.importing.apply import plan_import
from sportloket.registry.models import (
    AdviserRelation,
    AreaAlignment,
    ChangeStatus,
    Federation,
    ImportRun,
    IntentDeclaration,
    Organisation,
    Participation,
    Person,
    PersonRole,
    ProviderChange,
    Sport,
)
from sportloket.registry.validation import name_key


def sports_all():
    return Sport.objects.order_by("name")


def federations_all():
    return Federation.objects.order_by("abbreviation")


def national_supporting_organisations():
    """Who may deliver a national offering: active organisations in the national register that
    are no sport provider (federations, sport companies, funds, ...), merged duplicates left out."""
    return Organisation.objects.exclude(kind__in=PROVIDER_KINDS).filter(
        status=OrganisationStatus.ACTIVE, merged_into__isnull=True
    )


def desk_organisations(
    *,
    loket,
    search: str = "",
    kind: str = "",
    sport=None,
    municipality=None,
    federation=None,
    participation: str = "",
    declaration: str = "",
):
    """The desk's register, filtered in the database, with what a list row shows.

    ``participation``: "yes", "no" or a participation kind; ``declaration``: "yes" (a valid
    intent declaration for this desk today) or "no".
    """
    qs = Organisation.objects.for_desk(loket).filter(merged_into__isnull=True)
    if search:
        qs = qs.filter(search_condition(search))
    if kind:
        qs = qs.filter(kind=kind)
    if sport is not None:
        qs = qs.filter(
            pk__in=Sport.organisations.through.objects.filter(sport=sport).values("organisation_id")
        )
    if municipality is not None:
        qs = qs.filter(municipality=municipality)
    if federation is not None:
        qs = qs.filter(
            pk__in=Federation.member_organisations.through.objects.filter(
                federation=federation
            ).values("organisation_id")
        )
    takes_part = Participation.objects.filter(loket=loket, organisation=OuterRef("pk"))
    if participation == "yes":
        qs = qs.filter(Exists(takes_part))
    elif participation == "no":
        qs = qs.filter(~Exists(takes_part))
    elif participation:
        qs = qs.filter(Exists(takes_part.filter(kind=participation)))
    if declaration:
        today = timezone.localdate()
        valid = IntentDeclaration.objects.filter(
            participation__loket=loket,
            participation__organisation=OuterRef("pk"),
            signed_on__lte=today,
        ).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        qs = qs.filter(Exists(valid) if declaration == "yes" else ~Exists(valid))
    return (
        qs.select_related("municipality")
        .prefetch_related(Prefetch("sports", queryset=Sport.objects.order_by("name")))
        .order_by("name", "pk")
    )


def organisation_roles(*, organisation, membership):
    """Current and past roles at an organisation, with people's details only where the reader
    may see them: desk staff always, partners and viewers where the person agreed to sharing."""
    roles = (
        PersonRole.objects.filter(organisation=organisation)
        .select_related("person")
        .order_by("end_on", "function", "person__full_name")
    )
    if membership.can(Capability.VIEW_PEOPLE):
        # The desk's own records, and people other desks recorded who agreed to sharing.
        return roles.filter(Q(loket=membership.loket) | Q(person__consents_to_sharing=True))
    return roles.filter(loket=membership.loket, person__consents_to_sharing=True)


def _latest_declaration(field):
    return Subquery(
        IntentDeclaration.objects.filter(participation=OuterRef("pk"))
        .order_by("-signed_on", "-pk")
        .values(field)[:1]
    )


def desk_participations(*, loket, kind: str = ""):
    """The desk's participating parties with their latest declaration and whether it is valid
    today (annotated in the same query)."""
    today = timezone.localdate()
    valid = IntentDeclaration.objects.filter(
        participation=OuterRef("pk"), signed_on__lte=today
    ).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
    qs = (
        Participation.objects.for_desk(loket)
        .select_related("organisation", "representative")
        .annotate(
            declaration_signed_on=_latest_declaration("signed_on"),
            declaration_valid_until=_latest_declaration("valid_until"),
            has_valid_declaration=Exists(valid),
        )
    )
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("organisation__name")


def desk_public_participants(*, loket):
    """The parties the desk's public page names as taking part: only those whose intent
    declaration is valid today (a missing or expired one is a commitment not (or no longer)
    given)."""
    return desk_participations(loket=loket).filter(has_valid_declaration=True)


def with_desk_participation(organisations, *, loket):
    """``organisations`` each read with how it takes part in this desk (one join: once per
    desk at most), for ``desk_participation_of``."""
    taking_part = FilteredRelation("participations", condition=Q(participations__loket=loket))
    return (
        organisations.annotate(desk_participation=taking_part)
        .annotate(desk_participation_pk=F("desk_participation__pk"))
        .select_related("desk_participation")
    )


def desk_participation_of(*, loket, organisation):
    """How this organisation takes part in this desk, or None: read with the organisation when
    it came from ``with_desk_participation`` for this desk, otherwise one query."""
    if hasattr(organisation, "desk_participation_pk"):
        if organisation.desk_participation_pk is None:
            return None
        return organisation.desk_participation
    return Participation.objects.filter(loket=loket, organisation=organisation).first()


def organisation_page(*, organisation, membership) -> dict:
    """What an organisation's page shows from the register to a member: its sports, federations
    and tags, the people (see ``organisation_roles``) and how it takes part in the desk."""
    return {
        "organisation": organisation,
        **organisation_labels(organisation=organisation),
        "roles": organisation_roles(organisation=organisation, membership=membership),
        "participation": desk_participation_of(loket=membership.loket, organisation=organisation),
        # Read only for an organisation whose people changed something (known with it).
        "provider_changes": provider_changes(
            organisation=organisation, people=membership.can(Capability.VIEW_PEOPLE)
        )
        if getattr(organisation, "has_provider_changes", True)
        else [],
    }


def with_provider_changes(organisations):
    """Annotates ``has_provider_changes``: whether the organisation's people changed anything
    themselves (``organisation_page`` reads them only then)."""
    return organisations.annotate(
        has_provider_changes=Exists(ProviderChange.objects.filter(organisation=OuterRef("pk")))
    )


def desk_provider_changes(*, loket):
    """Changes by providers to organisations of the desk's register, those waiting for a desk
    first, then the newest: paginate it."""
    waiting_first = Case(When(status=ChangeStatus.PENDING, then=Value(0)), default=Value(1))
    return (
        ProviderChange.objects.for_desk(loket)
        .select_related("organisation")
        .order_by(waiting_first, "-created_at", "-pk")
    )


def hide_people(changes, people: bool):
    """``changes`` with the people's names left out unless the reader may see ``people``."""
    for change in changes:
        change.people_hidden = not people
    return changes


def provider_changes(*, organisation, limit: int = 5, people: bool = True) -> list:
    """The organisation's latest changes by its own people, those waiting for a desk first
    (one query); ``people``: whether the reader may see people's names (``hide_people``)."""
    waiting_first = Case(When(status=ChangeStatus.PENDING, then=Value(0)), default=Value(1))
    changes = list(
        ProviderChange.objects.filter(organisation=organisation).order_by(
            waiting_first, "-created_at", "-pk"
        )[:limit]
    )
    return hide_people(changes, people)


def organisation_labels(*, organisation) -> dict[str, list[dict]]:
    """Its sports, federations and tags (each ``name``, a federation with its ``abbreviation``),
    in one query, a UNION of the three links: the organisation's page spends one query on them,
    not three, and stays within the 12 of every page (issue 19)."""
    empty = Value("", output_field=CharField())
    parts = (
        Organisation.sports.through.objects.filter(organisation=organisation).values_list(
            Value(0), "sport__name", empty
        ),
        Organisation.federations.through.objects.filter(organisation=organisation).values_list(
            Value(1), "federation__name", "federation__abbreviation"
        ),
        Organisation.tags.through.objects.filter(organisation=organisation).values_list(
            Value(2), "tag__name", empty
        ),
    )
    found = {"sports": [], "federations": [], "tags": []}
    keys = list(found)
    for kind, name, abbreviation in (
        parts[0].order_by().union(*(part.order_by() for part in parts[1:]), all=True)
    ):
        found[keys[kind]].append({"name": name, "abbreviation": abbreviation})
    found["sports"].sort(key=lambda row: row["name"])
    found["federations"].sort(key=lambda row: row["abbreviation"])
    found["tags"].sort(key=lambda row: row["name"])
    return found


def representative_choices(*, loket, organisation):
    """People this desk recorded with a role at the organisation."""
    return (
        Person.objects.filter(roles__organisation=organisation, roles__loket=loket)
        .distinct()
        .order_by("full_name")
    )


def participation_declarations(*, participation):
    return participation.declarations.order_by("-signed_on", "-pk")


def desk_alignments(*, loket):
    return AreaAlignment.objects.for_desk(loket).select_related("federation", "municipality")


def network_overview(*, loket) -> dict:
    """The figures of the desk's network page, each one query, none per row."""
    register = Organisation.objects.for_desk(loket).filter(merged_into__isnull=True)
    per_kind = dict(
        register.order_by().values_list("kind").annotate(n=Count("pk")).values_list("kind", "n")
    )
    kinds = [(value, label, per_kind.get(value, 0)) for value, label in OrganisationKind.choices]
    providers_per_municipality = (
        loket.work_area.order_by("name")
        .annotate(
            providers=Count(
                "organisations",
                filter=Q(
                    organisations__kind__in=PROVIDER_KINDS,
                    organisations__status=OrganisationStatus.ACTIVE,
                    organisations__merged_into__isnull=True,
                ),
            )
        )
        .values("name", "code", "providers")
    )
    participations = list(desk_participations(loket=loket))
    return {
        "kinds": kinds,
        "register_total": sum(per_kind.values()),
        "providers_per_municipality": list(providers_per_municipality),
        "federations": [
            p for p in participations if p.organisation.kind == OrganisationKind.FEDERATION
        ],
        "platforms": [
            p for p in participations if p.organisation.kind == OrganisationKind.SPORT_PLATFORM
        ],
        "without_declaration": [p for p in participations if not p.has_valid_declaration],
        "participation_count": len(participations),
        "alignments": list(desk_alignments(loket=loket).order_by("federation", "municipality")),
    }


def desk_imports(*, loket):
    return ImportRun.objects.for_desk(loket).select_related("uploaded_by").order_by("-created_at")


def import_run_preview(*, run: ImportRun, loket):
    """What a previewed import would do, planned again from its kept file (writes nothing)."""
    with run.file.open("rb") as handle:
        return plan_import(loket=loket, data=handle)


def merge_candidates(*, loket, organisation, search: str = ""):
    """Organisations in the desk's register that may be the same as this one: the same name key,
    or matching the search."""
    qs = (
        Organisation.objects.for_desk(loket)
        .filter(merged_into__isnull=True)
        .exclude(pk=organisation.pk)
    )
    if search:
        qs = qs.filter(search_condition(search))
    else:
        qs = qs.filter(name_key=organisation.name_key)
    return qs.order_by("name", "pk")[:25]


def find_organisations(*, loket, search: str, limit: int = 10, public: bool = False):
    """Organisations of the desk's register for a name, place or KvK number someone typed:
    exact KvK and same-name matches first. ``public`` (the intake form, anyone can type there)
    matches on the name only, from three characters, so the register cannot be read out by
    place or by KvK prefix; only the name and place are selected to show."""
    term = (search or "").strip()
    if len(term) < (3 if public else 2):
        return []
    key = name_key(term)
    same_name = Q(name_key=key) if key else Q(pk__in=[])
    condition = (Q(name__icontains=term) if public else search_condition(term)) | same_name
    return list(
        Organisation.objects.for_desk(loket)
        .filter(merged_into__isnull=True)
        .filter(condition)
        .annotate(
            rank=Case(
                When(kvk_number=term.replace(" ", ""), then=Value(0)),
                When(name_key=key, then=Value(1)),
                default=Value(2),
            )
        )
        .select_related("municipality")
        .only("pk", "name", "city", "kvk_number", "kind", "municipality__name")
        .order_by("rank", "name", "pk")[:limit]
    )


def search_condition(search: str) -> Q:
    """Name or place containing the term, or a KvK number starting with its digits."""
    term = search.strip()
    digits = term.replace(" ", "")
    condition = Q(name__icontains=term) | Q(city__icontains=term)
    if digits.isdigit():
        condition |= Q(kvk_number__startswith=digits)
    return condition


def organisation_by_kvk(kvk: str):
    """The organisation with this KvK number in the national register, if any; for a merged
    duplicate, the organisation it was merged into."""
    if not kvk:
        return None
    organisation = Organisation.objects.filter(kvk_number=kvk).first()
    for _hop in range(10):  # merges form short chains; never loop on bad data
        if organisation is None or organisation.merged_into_id is None:
            break
        organisation = organisation.merged_into
    return organisation


def desk_organisation_by_kvk(*, loket, kvk: str):
    """The organisation with this KvK number in the desk's register, if any (following a
    merge)."""
    organisation = organisation_by_kvk(kvk)
    if organisation is None:
        return None
    return Organisation.objects.for_desk(loket).filter(pk=organisation.pk).first()


# What a row of the register's list is made of, read from ``desk_organisations`` as values.
LIST_VALUES = ("pk", "name", "status", "kind", "city", "kvk_number", "municipality__name")


def list_page_values(organisations):
    """The register's organisations as the values a row is made of, to page."""
    return organisations.prefetch_related(None).values(*LIST_VALUES)


def sports_by_organisation(pks) -> dict[int, list[str]]:
    """{pk: the names of its sports, alphabetically}."""
    found = defaultdict(list)
    for pk, name in (
        Organisation.sports.through.objects.filter(organisation_id__in=pks)
        .order_by("sport__name")
        .values_list("organisation_id", "sport__name")
    ):
        found[pk].append(name)
    return found


def adviser_relations(*, organisation, loket):
    """The organisation's relations with advisers outside the desk as this desk recorded them
    (the advisers are people: another desk's records stay its own): current first."""
    return (
        AdviserRelation.objects.filter(organisation=organisation, loket=loket)
        .select_related("loket", "adviser_organisation", "federation")
        .order_by(F("ended_on").desc(nulls_first=True), "kind", "adviser_name")
    )


def current_adviser_count(organisation_ref, *, loket):
    """The number of current relations with advisers the desk recorded for the organisation
    ``organisation_ref`` names (an ``OuterRef``), as an expression for another query."""
    current = (
        AdviserRelation.objects.current()
        .filter(organisation=organisation_ref, loket=loket)
        .order_by()
        .values("organisation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(current), 0)


def with_adviser_count(organisations, *, loket):
    """``organisations`` each with ``adviser_count``, counted in the same query."""
    return organisations.annotate(adviser_count=current_adviser_count(OuterRef("pk"), loket=loket))


def involvable_partners(*, loket, relations):
    """The desk's partners who act for the organisations these advisers work for."""
    from_ids = {r.adviser_organisation_id for r in relations if r.adviser_organisation_id}
    return (
        Membership.objects.active()
        .for_desk(loket)
        .filter(role=Role.PARTNER, organisation_id__in=from_ids)
        .select_related("user", "organisation")
    )
