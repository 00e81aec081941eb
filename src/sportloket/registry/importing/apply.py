"""Planning an import and writing it: every row planned first, then all written or nothing.

``plan_import`` reads and checks a file and decides per row: create, update, unchanged or
refused; it writes nothing. ``apply_import`` writes a plan in one transaction, in bulk (25,000
rows in seconds), with an audit entry per organisation naming the actor.
"""

from dataclasses import dataclass, field

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sportloket.core.models import Municipality
from sportloket.registry.constants import (
    ORGANISATION_FIELDS,
    LinkSource,
    OrganisationKind,
    OrganisationStatus,
)
from sportloket.registry.importing.parse import Lookups, ParsedRow, parse_row
from sportloket.registry.importing.read import Table, read_table
from sportloket.registry.models import Federation, Organisation, OrganisationLink, Sport, Tag

# Plain fields an import may set; relations are handled separately.
IMPORT_FIELDS = ORGANISATION_FIELDS
RELATIONS = ("sports", "federations", "tags")
_ATTNAMES = {name: Organisation._meta.get_field(name).attname for name in IMPORT_FIELDS}
CREATE, UPDATE, UNCHANGED, REFUSED = "create", "update", "unchanged", "refused"
BATCH = 500


@dataclass
class RowPlan:
    row: ParsedRow
    action: str
    organisation: Organisation | None = None
    changes: dict = field(default_factory=dict)  # field -> (old, new), for updates


@dataclass
class ImportPlan:
    loket: object
    rows: list[RowPlan]
    unknown_headers: list[str]

    def count(self, action):
        return sum(1 for r in self.rows if r.action == action)

    @property
    def refused(self):
        return [r for r in self.rows if r.action == REFUSED]

    @property
    def has_errors(self):
        return any(r.action == REFUSED for r in self.rows)

    def summary(self):
        return {
            "created": self.count(CREATE),
            "updated": self.count(UPDATE),
            "unchanged": self.count(UNCHANGED),
            "refused": self.count(REFUSED),
            "warnings": sum(len(r.row.warnings) for r in self.rows),
        }


def _chunks(items, size=BATCH):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- what the register knows ---------------------------------------------------------------


@dataclass
class Known:
    """What the register already knows of the organisations a file names, read in a fixed
    number of queries whatever the rows."""

    by_kvk: dict  # KvK number -> organisation (a merged duplicate's number: the survivor)
    by_name: dict  # (name key, postcode) -> organisation
    relations: dict  # (organisation id, relation) -> ids of its sports, federations or tags
    in_register: set  # ids of those already in this desk's register
    tag_ids: dict  # tag name -> id


def _existing_relations(organisations):
    """Ids of the sports, federations and tags the organisations already have."""
    relations = {}
    ids = [o.pk for o in organisations]
    for name, column in zip(RELATIONS, ("sport_id", "federation_id", "tag_id"), strict=True):
        through = getattr(Organisation, name).through
        for chunk in _chunks(ids):
            for org_id, related_id in through.objects.filter(organisation_id__in=chunk).values_list(
                "organisation_id", column
            ):
                relations.setdefault((org_id, name), set()).add(related_id)
    return relations


def _existing(parsed):
    """The organisations the rows may be: by KvK number, and by name key + postcode."""
    kvks = {p.values.get("kvk_number") for p in parsed if p.values.get("kvk_number")}
    keys = {p.values["name_key"] for p in parsed if p.values.get("name_key")}
    by_kvk, by_name = {}, {}
    live = Organisation.objects.filter(merged_into__isnull=True)
    for chunk in _chunks(kvks):
        # A merged duplicate may still hold the KvK number: the row is the organisation it
        # was merged into.
        for org in Organisation.objects.filter(kvk_number__in=chunk).select_related("merged_into"):
            by_kvk[org.kvk_number] = org.merged_into or org
    for chunk in _chunks(keys):
        for org in live.filter(name_key__in=chunk):
            by_name.setdefault((org.name_key, org.postcode), org)
    return by_kvk, by_name


def _known(loket, parsed) -> Known:
    by_kvk, by_name = _existing([p for p in parsed if not p.errors])
    known = {*by_kvk.values(), *by_name.values()}
    in_register = set(
        Organisation.objects.for_desk(loket)
        .filter(pk__in=[o.pk for o in known])
        .values_list("pk", flat=True)
    )
    return Known(
        by_kvk=by_kvk,
        by_name=by_name,
        relations=_existing_relations(known),
        in_register=in_register,
        tag_ids=dict(Tag.objects.values_list("name", "pk")),
    )


def _adds_relations(row: ParsedRow, organisation, known: Known) -> bool:
    """Whether the row adds a sport, federation or tag the organisation does not have yet."""
    if organisation.pk is None:
        return any(row.values.get(k) for k in RELATIONS)
    for name in ("sports", "federations"):
        have = known.relations.get((organisation.pk, name), set())
        if any(item.pk not in have for item in row.values.get(name, [])):
            return True
    have = known.relations.get((organisation.pk, "tags"), set())
    return any(known.tag_ids.get(t.lower()[:50]) not in have for t in row.values.get("tags", []))


# --- the plan ------------------------------------------------------------------------------


def _refuse_kvk_clashes(parsed, table: Table) -> None:
    """The same KvK number twice in one file must name the same organisation."""
    first_with_kvk = {}
    for row in parsed:
        kvk = row.values.get("kvk_number")
        if not kvk or row.errors:
            continue
        first = first_with_kvk.setdefault(kvk, row)
        if first is not row and first.values["name_key"] != row.values["name_key"]:
            column = table.headers[table.columns["kvk_number"]]
            row.errors.append(
                (
                    column,
                    _("KvK number %(kvk)s is also on row %(row)s with another name (%(name)s).")
                    % {"kvk": kvk, "row": first.number, "name": first.name},
                )
            )


def _match(row: ParsedRow, known: Known, seen: dict):
    """The organisation a valid row is: by KvK number, else by name and postcode (unless both
    have another KvK number), else one an earlier row of the file creates, else a new one."""
    kvk = row.values.get("kvk_number") or None
    key = (row.values["name_key"], row.values.get("postcode", ""))
    organisation = known.by_kvk.get(kvk) if kvk else None
    if organisation is None:
        candidate = known.by_name.get(key)
        if candidate is not None and (not kvk or not candidate.kvk_number):
            organisation = candidate
    # A second row for the same new organisation updates the first instead of doubling it.
    identity = ("kvk", kvk) if kvk else ("name", key)
    if organisation is None:
        organisation = seen.get(identity) or Organisation(
            status=OrganisationStatus.ACTIVE, kind=OrganisationKind.CLUB
        )
    seen[identity] = organisation
    return organisation


def _new_value(organisation, name: str, value):
    """The value a row gives a field, or None when it leaves the field as it is: an empty cell
    does not erase what the register knows, and a known organisation keeps its KvK number (the
    row may carry the number of a duplicate that was merged into it)."""
    if name == "kvk_number":
        return None if organisation.kvk_number else (value or None)
    return None if value in (None, "") else value


def _set_fields(row: ParsedRow, organisation) -> dict:
    """Sets the row's fields on the organisation; returns the changes as field -> (old, new)."""
    changes = {}
    for name in IMPORT_FIELDS:
        if name not in row.values:
            continue
        new = _new_value(organisation, name, row.values[name])
        if new is None:
            continue
        if name == "municipality":  # compared by id: no query per row
            if organisation.municipality_id != new.pk:
                changes[name] = (organisation.municipality_id, new.pk)
                organisation.municipality = new
            continue
        old = getattr(organisation, name)
        if old != new:
            changes[name] = (old, new)
            setattr(organisation, name, new)
    return changes


def _plan_row(row: ParsedRow, known: Known, seen: dict, name_header: str) -> RowPlan:
    if row.errors:
        return RowPlan(row=row, action=REFUSED)
    organisation = _match(row, known, seen)
    action = UPDATE if organisation.pk else CREATE
    if organisation.pk and organisation.pk not in known.in_register:
        # Said openly: importing adds a known organisation to this desk's register.
        row.warnings.append(
            (
                name_header,
                _("Already in the national register; it is added to the register of this desk."),
            )
        )
    changes = _set_fields(row, organisation)
    organisation.name_key = row.values["name_key"]
    if action == UPDATE and not changes and not _adds_relations(row, organisation, known):
        action = UNCHANGED
    return RowPlan(row=row, action=action, organisation=organisation, changes=changes)


def plan_import(*, loket, data) -> ImportPlan:
    """Reads and checks the file and decides what each row would do. Writes nothing.

    Raises ``read.UnreadableFile`` when the file is not a table this importer reads.
    """
    table = read_table(data)
    lookups = Lookups(
        loket,
        Municipality.objects.all(),
        Sport.objects.all(),
        Federation.objects.all(),
    )
    parsed = [parse_row(number, cells, table, lookups) for number, cells in table.rows]
    _refuse_kvk_clashes(parsed, table)
    known = _known(loket, parsed)
    name_header = table.headers[table.columns["name"]]
    seen = {}
    plans = [_plan_row(row, known, seen, name_header) for row in parsed]
    return ImportPlan(loket=loket, rows=plans, unknown_headers=table.unknown_headers)


# --- the write -----------------------------------------------------------------------------


def audit_changes(organisation, *, created: bool, changes: dict) -> dict:
    """What the audit entry of an imported organisation says changed: for a new one every
    field the import filled, for a known one ``changes`` (field -> (old, new)). Stored as
    django-auditlog stores them: a relation by its id, never by its name."""
    if created:
        values = {name: getattr(organisation, _ATTNAMES[name], None) for name in IMPORT_FIELDS}
        return {
            name: ["None", str(value)] for name, value in values.items() if value not in (None, "")
        }
    return {name: [str(old), str(new)] for name, (old, new) in changes.items()}


def _log_entry(plan: RowPlan, *, content_type, actor, now) -> LogEntry:
    org = plan.organisation
    created = plan.action == CREATE
    changes = audit_changes(org, created=created, changes=plan.changes)
    action = LogEntry.Action.CREATE if created else LogEntry.Action.UPDATE
    return LogEntry(
        content_type=content_type,
        object_pk=str(org.pk),
        object_id=org.pk,
        object_repr=str(org)[:200],
        action=action,
        changes=changes,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        timestamp=now,
        additional_data={"source": "import"},
    )


def _log_entries(plans, actor):
    content_type = ContentType.objects.get_for_model(Organisation)
    now = timezone.now()
    entries = [_log_entry(p, content_type=content_type, actor=actor, now=now) for p in plans]
    LogEntry.objects.bulk_create(entries, batch_size=BATCH)


def _write_organisations(unique) -> None:
    """Inserts the new organisations and rewrites those whose own fields changed (added
    sports and the like go to the link tables)."""
    new = [p.organisation for p in unique if p.organisation.pk is None]
    # PostgreSQL and SQLite 3.35+ return the new primary keys from a bulk insert.
    Organisation.objects.bulk_create(new, batch_size=BATCH)
    updated = [p.organisation for p in unique if p.action == UPDATE and p.changes]
    now = timezone.now()
    for organisation in updated:
        organisation.updated_at = now
    if updated:
        Organisation.objects.bulk_update(
            updated, [*IMPORT_FIELDS, "name_key", "updated_at"], batch_size=BATCH
        )


def _tags_by_name(plans) -> dict:
    """The tags the rows name, made where they are new."""
    tag_names = {t.lower()[:50] for p in plans for t in p.row.values.get("tags", [])}
    existing_tags = {t.name: t for t in Tag.objects.filter(name__in=tag_names)}
    Tag.objects.bulk_create(
        [Tag(name=n) for n in tag_names if n not in existing_tags], ignore_conflicts=True
    )
    return {t.name: t for t in Tag.objects.filter(name__in=tag_names)}


def _add_relations(plans):
    sports_through = Organisation.sports.through
    federations_through = Organisation.federations.through
    tags_through = Organisation.tags.through
    tags = _tags_by_name(plans)
    sport_rows, federation_rows, tag_rows = [], [], []
    for plan in plans:
        org_id = plan.organisation.pk
        sport_rows += [
            sports_through(organisation_id=org_id, sport_id=s.pk)
            for s in plan.row.values.get("sports", [])
        ]
        federation_rows += [
            federations_through(organisation_id=org_id, federation_id=f.pk)
            for f in plan.row.values.get("federations", [])
        ]
        tag_rows += [
            tags_through(organisation_id=org_id, tag_id=tags[t.lower()[:50]].pk)
            for t in plan.row.values.get("tags", [])
        ]
    for model, rows in (
        (sports_through, sport_rows),
        (federations_through, federation_rows),
        (tags_through, tag_rows),
    ):
        model.objects.bulk_create(rows, ignore_conflicts=True, batch_size=BATCH)


def apply_import(plan: ImportPlan, *, actor) -> dict:
    """Writes every row that is not refused, in one transaction, and links the organisations
    to the desk. Returns the summary."""
    loket = plan.loket
    writable = [p for p in plan.rows if p.action != REFUSED]
    # Rows that are the same organisation share one object; write each object once.
    unique = {}
    for p in writable:
        unique.setdefault(id(p.organisation), p)
    unique = list(unique.values())
    with transaction.atomic():
        _write_organisations(unique)
        OrganisationLink.objects.bulk_create(
            [
                OrganisationLink(loket=loket, organisation=p.organisation, source=LinkSource.IMPORT)
                for p in unique
            ],
            ignore_conflicts=True,
            batch_size=BATCH,
        )
        _add_relations(writable)
        _log_entries([p for p in unique if p.action in (CREATE, UPDATE)], actor)
    return plan.summary()
