"""Staging a planned import: each organisation it writes (its values, and what its audit entry
will say) and each sport, federation and tag it adds, in batches of ``BATCH`` rows of the file,
each batch in its own short transaction with the job's progress. Nothing in the register
changes here: new organisations only get their ids reserved (``database.reserve_ids``), so that
the staged rows can name them and the final write (``commit``) can insert them in one
statement."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from sportloket.jobs.constants import FINISHED_STATES
from sportloket.registry.importing.apply import (
    CREATE,
    IMPORT_FIELDS,
    REFUSED,
    RELATIONS,
    UPDATE,
    ImportPlan,
    RowPlan,
    audit_changes,
)
from sportloket.registry.importing.database import give_way, insert_rows, reserve_ids
from sportloket.registry.models import ImportStagedRelation, ImportStagedRow, Organisation

# Rows of the file per transaction: a batch is staged in some tens of milliseconds, so a web
# request that writes meanwhile waits no longer than that.
BATCH = 1000

# The register's columns a staged row carries, by the name they have in both tables.
ORGANISATION_COLUMNS = [
    Organisation._meta.get_field(name).column for name in (*IMPORT_FIELDS, "name_key")
]
_ATTNAMES = {
    Organisation._meta.get_field(name).column: Organisation._meta.get_field(name).attname
    for name in (*IMPORT_FIELDS, "name_key")
}


@dataclass
class _Organisation:
    """What the file's rows together do to one organisation."""

    rows: list[RowPlan]
    changes: dict = field(default_factory=dict)  # field -> (first old value, last new value)

    @property
    def updated(self) -> bool:
        return any(row.action == UPDATE for row in self.rows)


def _by_organisation(writable) -> dict[int, _Organisation]:
    """The rows of each organisation (a file may name one several times: it is written once),
    with the changes of all its rows together."""
    found = {}
    for row in writable:
        entry = found.setdefault(id(row.organisation), _Organisation(rows=[]))
        entry.rows.append(row)
        for name, (old, new) in row.changes.items():
            entry.changes[name] = (entry.changes.get(name, (old, None))[0], new)
    return found


ROW_FIELDS = [
    "run",
    "job",
    "organisation_id",
    "action",
    "object_repr",
    "audit_changes",
    *ORGANISATION_COLUMNS,
]
RELATION_FIELDS = ["run", "job", "organisation_id", "relation", "related_id", "tag_name"]


def _staged_row(organisation, entry: _Organisation, *, created: bool, run, job) -> tuple:
    """The staged row of an organisation, as a tuple of ``ROW_FIELDS``."""
    if created:
        action = ImportStagedRow.Action.CREATE
        columns = set(ORGANISATION_COLUMNS)
    elif entry.changes:
        action = ImportStagedRow.Action.UPDATE
        columns = {Organisation._meta.get_field(name).column for name in entry.changes}
        columns.add("name_key")
    else:
        action = ImportStagedRow.Action.LINK
        columns = set()
    logged = created or entry.updated
    changes = audit_changes(organisation, created=created, changes=entry.changes)
    return (
        run.pk,
        job.pk,
        organisation.pk,
        action,
        str(organisation)[:200],
        changes if logged else None,
        *(
            getattr(organisation, _ATTNAMES[column]) if column in columns else None
            for column in ORGANISATION_COLUMNS
        ),
    )


def _relations(row: RowPlan, seen: set, *, run, job) -> list[tuple]:
    """The sports, federations and tags the row gives its organisation, each once a run, as
    tuples of ``RELATION_FIELDS``."""
    found = []
    org_id = row.organisation.pk
    for relation in RELATIONS:
        for item in row.row.values.get(relation, []):
            if relation == "tags":
                related_id, tag_name = None, item.lower()[:50]
            else:
                related_id, tag_name = item.pk, ""
            key = (org_id, relation, related_id, tag_name)
            if key not in seen:
                seen.add(key)
                found.append((run.pk, job.pk, *key))
    return found


def _reserve(writable) -> set:
    """Ids for every new organisation of the file, at once (one short transaction); returns
    the new organisations (by ``id()``)."""
    new, seen = [], set()
    for row in writable:
        if row.action == CREATE and id(row.organisation) not in seen:
            seen.add(id(row.organisation))
            new.append(row.organisation)
    for organisation, pk in zip(new, reserve_ids(Organisation, len(new)), strict=True):
        organisation.pk = pk
    return seen


def stage_plan(plan: ImportPlan, *, run, job, report: Callable[[int, int], None]) -> int:
    """Stages every row of the plan that is not refused, batch by batch, and reports
    ``report(done, total)`` in each batch's transaction (it may stop the work by raising,
    which leaves that batch out). Returns the rows staged. A batch's rows are made before its
    transaction, which holds the lock only to insert them; between two, the job gives way."""
    writable = [row for row in plan.rows if row.action != REFUSED]
    organisations = _by_organisation(writable)
    created = _reserve(writable)
    staged, seen_relations = set(), set()
    for start in range(0, len(writable), BATCH):
        batch = writable[start : start + BATCH]
        rows, relations = [], []
        for row in batch:
            key = id(row.organisation)
            if key not in staged:
                staged.add(key)
                entry = organisations[key]
                rows.append(
                    _staged_row(row.organisation, entry, created=key in created, run=run, job=job)
                )
            relations += _relations(row, seen_relations, run=run, job=job)
        with transaction.atomic():
            insert_rows(ImportStagedRow, ROW_FIELDS, rows)
            insert_rows(ImportStagedRelation, RELATION_FIELDS, relations)
            report(start + len(batch), len(writable))
        give_way()
    return len(writable)


def discard_staged(*, run, only_job=None, keep_job=None, batch: int = 5000) -> None:
    """Deletes staged rows of an import in short transactions: all of them (once it is
    applied), those of ``only_job``, or all but those of ``keep_job`` (what stopped jobs left)."""
    for model in (ImportStagedRelation, ImportStagedRow):
        rows = model.objects.filter(run=run)
        if only_job is not None:
            rows = rows.filter(job=only_job)
        if keep_job is not None:
            rows = rows.exclude(job=keep_job)
        while ids := list(rows.order_by("pk").values_list("pk", flat=True)[:batch]):
            model.objects.filter(pk__in=ids).delete()
            give_way()


def discard_staged_of_finished_jobs(*, batch: int = 5000) -> None:
    """Deletes what finished jobs staged (of no use to anyone) and left behind, because their
    worker was killed after the import was applied, or after the job was started again."""
    for model in (ImportStagedRelation, ImportStagedRow):
        rows = model.objects.filter(job__state__in=FINISHED_STATES)
        while ids := list(rows.order_by("pk").values_list("pk", flat=True)[:batch]):
            model.objects.filter(pk__in=ids).delete()
            give_way()
