"""Importing organisation files into the register: plan every row, then write all or nothing.

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
from sportloket.registry.importing import Lookups, ParsedRow, parse_row, read_table
from sportloket.registry.models import Federation, Organisation, OrganisationLink, Sport, Tag

# Plain fields an import may set; relations are handled separately.
IMPORT_FIELDS = ORGANISATION_FIELDS
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


def _existing_relations(organisations):
    """Ids of the sports, federations and tags the organisations already have."""
    relations = {}
    ids = [o.pk for o in organisations]
    for name, column in (
        ("sports", "sport_id"),
        ("federations", "federation_id"),
        ("tags", "tag_id"),
    ):
        through = getattr(Organisation, name).through
        for chunk in _chunks(ids):
            for org_id, related_id in through.objects.filter(organisation_id__in=chunk).values_list(
                "organisation_id", column
            ):
                relations.setdefault((org_id, name), set()).add(related_id)
    return relations


def _adds_relations(row: ParsedRow, organisation, relations, tag_ids) -> bool:
    """Whether the row adds a sport, federation or tag the organisation does not have yet."""
    if organisation.pk is None:
        return any(row.values.get(k) for k in ("sports", "federations", "tags"))
    for name in ("sports", "federations"):
        have = relations.get((organisation.pk, name), set())
        if any(item.pk not in have for item in row.values.get(name, [])):
            return True
    have = relations.get((organisation.pk, "tags"), set())
    return any(tag_ids.get(t.lower()[:50]) not in have for t in row.values.get("tags", []))


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


def plan_import(*, loket, data: bytes) -> ImportPlan:
    """Reads and checks the file and decides what each row would do. Writes nothing.

    Raises ``importing.UnreadableFile`` when the file is not a table this importer reads.
    """
    table = read_table(data)
    lookups = Lookups(
        loket,
        Municipality.objects.all(),
        Sport.objects.all(),
        Federation.objects.all(),
    )
    parsed = [parse_row(number, cells, table, lookups) for number, cells in table.rows]

    # The same KvK number twice in one file must name the same organisation.
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

    by_kvk, by_name = _existing([p for p in parsed if not p.errors])
    known = {*by_kvk.values(), *by_name.values()}
    relations = _existing_relations(known)
    in_register = set(
        Organisation.objects.for_desk(loket)
        .filter(pk__in=[o.pk for o in known])
        .values_list("pk", flat=True)
    )
    tag_ids = dict(Tag.objects.values_list("name", "pk"))
    plans, seen = [], {}
    for row in parsed:
        if row.errors:
            plans.append(RowPlan(row=row, action=REFUSED))
            continue
        kvk = row.values.get("kvk_number") or None
        key = (row.values["name_key"], row.values.get("postcode", ""))
        organisation = by_kvk.get(kvk) if kvk else None
        if organisation is None:
            candidate = by_name.get(key)
            if candidate is not None and (not kvk or not candidate.kvk_number):
                organisation = candidate
        # A second row for the same new organisation updates the first instead of doubling it.
        identity = ("kvk", kvk) if kvk else ("name", key)
        if organisation is None and identity in seen:
            organisation = seen[identity]
        if organisation is None:
            organisation = Organisation(
                status=OrganisationStatus.ACTIVE, kind=OrganisationKind.CLUB
            )
            action = CREATE
        else:
            action = UPDATE if organisation.pk else CREATE
        seen[identity] = organisation
        if organisation.pk and organisation.pk not in in_register:
            # Said openly: importing adds a known organisation to this desk's register.
            row.warnings.append(
                (
                    table.headers[table.columns["name"]],
                    _(
                        "Already in the national register; it is added to the register of "
                        "this desk."
                    ),
                )
            )
        changes = {}
        for name in IMPORT_FIELDS:
            if name not in row.values:
                continue
            new = row.values[name]
            if name == "kvk_number":
                new = new or None
                if organisation.kvk_number:
                    # A known organisation keeps its number (the row may carry the number of a
                    # duplicate that was merged into it).
                    continue
            if new in (None, "") and name != "kvk_number":
                continue  # an empty cell does not erase what the register knows
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
        organisation.name_key = row.values["name_key"]
        if (
            action == UPDATE
            and not changes
            and not _adds_relations(row, organisation, relations, tag_ids)
        ):
            action = UNCHANGED
        plans.append(RowPlan(row=row, action=action, organisation=organisation, changes=changes))
    return ImportPlan(loket=loket, rows=plans, unknown_headers=table.unknown_headers)


def _log_entries(plans, actor):
    content_type = ContentType.objects.get_for_model(Organisation)
    now = timezone.now()
    entries = []
    for plan in plans:
        org = plan.organisation
        if plan.action == CREATE:
            # Stored as django-auditlog stores them: a relation by its id, never by its name.
            values = {name: getattr(org, _ATTNAMES[name], None) for name in IMPORT_FIELDS}
            changes = {
                name: ["None", str(value)]
                for name, value in values.items()
                if value not in (None, "")
            }
            action = LogEntry.Action.CREATE
        else:
            changes = {name: [str(old), str(new)] for name, (old, new) in plan.changes.items()}
            action = LogEntry.Action.UPDATE
        entries.append(
            LogEntry(
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
        )
    LogEntry.objects.bulk_create(entries, batch_size=BATCH)


def apply_import(plan: ImportPlan, *, actor) -> dict:
    """Writes every row that is not refused, in one transaction, and links the organisations
    to the desk. Returns the summary."""
    loket = plan.loket
    writable = [p for p in plan.rows if p.action != REFUSED]
    # Rows that are the same organisation share one object; write each object once.
    unique = {}
    for p in writable:
        unique.setdefault(id(p.organisation), p)
    with transaction.atomic():
        new = [p.organisation for p in unique.values() if p.organisation.pk is None]
        # PostgreSQL and SQLite 3.35+ return the new primary keys from a bulk insert.
        Organisation.objects.bulk_create(new, batch_size=BATCH)
        # Only organisations whose own fields changed are rewritten; added sports and the like
        # go to the link tables below.
        updated = [p.organisation for p in unique.values() if p.action == UPDATE and p.changes]
        now = timezone.now()
        for organisation in updated:
            organisation.updated_at = now
        if updated:
            Organisation.objects.bulk_update(
                updated, [*IMPORT_FIELDS, "name_key", "updated_at"], batch_size=BATCH
            )
        organisations = [p.organisation for p in unique.values()]
        OrganisationLink.objects.bulk_create(
            [
                OrganisationLink(loket=loket, organisation=o, source=LinkSource.IMPORT)
                for o in organisations
            ],
            ignore_conflicts=True,
            batch_size=BATCH,
        )
        _add_relations(writable)
        _log_entries([p for p in unique.values() if p.action in (CREATE, UPDATE)], actor)
    return plan.summary()


def _add_relations(plans):
    sports_through = Organisation.sports.through
    federations_through = Organisation.federations.through
    tags_through = Organisation.tags.through
    tag_names = {t.lower()[:50] for p in plans for t in p.row.values.get("tags", [])}
    existing_tags = {t.name: t for t in Tag.objects.filter(name__in=tag_names)}
    Tag.objects.bulk_create(
        [Tag(name=n) for n in tag_names if n not in existing_tags], ignore_conflicts=True
    )
    tags = {t.name: t for t in Tag.objects.filter(name__in=tag_names)}
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
