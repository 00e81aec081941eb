"""Applying a staged import to the register: one transaction of a few set-based statements
(``INSERT … SELECT`` and ``UPDATE … FROM`` over the staging tables), so the register shows
the whole import or nothing of it, and the write takes little time: the engine copies rows
without any of them passing through Python (50,000 new organisations with their desk links,
sports and audit entries in about 0.7 s on SQLite).

The caller holds the transaction (``transaction.atomic``) and commits the import's own state in
it. ``UPDATE … FROM`` needs SQLite 3.33 (Debian 12 has 3.40) or PostgreSQL."""

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone

from sportloket.registry.constants import LinkSource
from sportloket.registry.importing.apply import RELATIONS
from sportloket.registry.importing.database import quoted
from sportloket.registry.importing.staging import ORGANISATION_COLUMNS
from sportloket.registry.models import (
    ImportStagedRelation,
    ImportStagedRow,
    Organisation,
    OrganisationLink,
    Tag,
)

Action = ImportStagedRow.Action


def _prep(model, field: str, value):
    """A value as the database takes it for this field (a time, a JSON document)."""
    return model._meta.get_field(field).get_db_prep_save(value, connection)


def _names(columns, prefix: str = "") -> str:
    return ", ".join(prefix + connection.ops.quote_name(column) for column in columns)


def _insert_new(cursor, job, now) -> None:
    created = _prep(Organisation, "created_at", now)
    cursor.execute(
        f"INSERT INTO {quoted(Organisation)} (id, created_at, updated_at, "  # noqa: S608
        f"{_names(ORGANISATION_COLUMNS)}) "
        f"SELECT s.organisation_id, %s, %s, {_names(ORGANISATION_COLUMNS, 's.')} "
        f"FROM {quoted(ImportStagedRow)} s WHERE s.job_id = %s AND s.action = %s",
        [created, created, job.pk, Action.CREATE],
    )


def _update_known(cursor, job, now) -> None:
    """Sets the fields the file changes; a staged NULL leaves the field as it is, and a known
    organisation keeps the KvK number it has (as planned: the file may name a merged one's)."""
    table = quoted(Organisation)
    assignments = []
    for column in ORGANISATION_COLUMNS:
        name = connection.ops.quote_name(column)
        first, second = (f"{table}.{name}", f"s.{name}")
        if column != "kvk_number":
            first, second = second, first
        assignments.append(f"{name} = COALESCE({first}, {second})")
    cursor.execute(
        f"UPDATE {table} SET {', '.join(assignments)}, updated_at = %s "  # noqa: S608
        f"FROM {quoted(ImportStagedRow)} s "
        f"WHERE s.organisation_id = {table}.id AND s.job_id = %s AND s.action = %s",
        [_prep(Organisation, "updated_at", now), job.pk, Action.UPDATE],
    )


def _link_to_desk(cursor, job, loket, now) -> None:
    created = _prep(OrganisationLink, "created_at", now)
    cursor.execute(
        f"INSERT INTO {quoted(OrganisationLink)} "  # noqa: S608
        "(created_at, updated_at, loket_id, organisation_id, source) "
        f"SELECT %s, %s, %s, s.organisation_id, %s FROM {quoted(ImportStagedRow)} s "
        "WHERE s.job_id = %s ON CONFLICT DO NOTHING",
        [created, created, loket.pk, LinkSource.IMPORT, job.pk],
    )


def _add_relations(cursor, job) -> None:
    """Sports and federations by id; tags by name, made where they are new."""
    staged = quoted(ImportStagedRelation)
    cursor.execute(
        f"INSERT INTO {quoted(Tag)} (name) SELECT DISTINCT r.tag_name FROM {staged} r "  # noqa: S608
        "WHERE r.job_id = %s AND r.relation = %s ON CONFLICT DO NOTHING",
        [job.pk, "tags"],
    )
    for relation in RELATIONS:
        m2m = Organisation._meta.get_field(relation)
        through = quoted(m2m.remote_field.through)
        columns = _names([m2m.m2m_column_name(), m2m.m2m_reverse_name()])
        if relation == "tags":
            source = f"{staged} r JOIN {quoted(Tag)} t ON t.name = r.tag_name"
            related = "t.id"
        else:
            source, related = f"{staged} r", "r.related_id"
        cursor.execute(
            f"INSERT INTO {through} ({columns}) SELECT r.organisation_id, {related} "  # noqa: S608
            f"FROM {source} WHERE r.job_id = %s AND r.relation = %s ON CONFLICT DO NOTHING",
            [job.pk, relation],
        )


def _log(cursor, job, actor, now) -> None:
    """An audit entry per new or changed organisation, naming the actor, as ``apply_import``
    writes them."""
    actor = actor if getattr(actor, "is_authenticated", False) else None
    cursor.execute(
        f"INSERT INTO {quoted(LogEntry)} (content_type_id, object_pk, object_id, "  # noqa: S608
        "object_repr, action, changes, changes_text, actor_id, actor_email, timestamp, "
        "additional_data) "
        "SELECT %s, CAST(s.organisation_id AS TEXT), s.organisation_id, s.object_repr, "
        "CASE WHEN s.action = %s THEN %s ELSE %s END, s.audit_changes, '', %s, %s, %s, %s "
        f"FROM {quoted(ImportStagedRow)} s WHERE s.job_id = %s AND s.audit_changes IS NOT NULL",
        [
            ContentType.objects.get_for_model(Organisation).pk,
            Action.CREATE,
            LogEntry.Action.CREATE,
            LogEntry.Action.UPDATE,
            actor.pk if actor else None,
            actor.email if actor else None,
            _prep(LogEntry, "timestamp", now),
            _prep(LogEntry, "additional_data", {"source": "import"}),
            job.pk,
        ],
    )


def commit_staged(*, job, loket, actor) -> None:
    """Writes the rows ``job`` staged into the register, inside the caller's transaction: the
    new organisations (with the ids reserved for them), the changes to known ones, their links
    to the desk's register, their sports, federations and tags, and their audit entries."""
    now = timezone.now()
    with connection.cursor() as cursor:
        _insert_new(cursor, job, now)
        _update_known(cursor, job, now)
        _link_to_desk(cursor, job, loket, now)
        _add_relations(cursor, job)
        _log(cursor, job, actor, now)
