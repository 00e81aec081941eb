"""Writes on the national register: organisations and their desk links, people and their
roles, participation in a desk with its declarations and alignments, and imports. Every
function validates, writes and audits in one transaction and takes the acting user (``actor``,
None for the system); other apps call them from here."""

from sportloket.registry.services.advisers import adviser_relation_add, adviser_relation_end
from sportloket.registry.services.imports import (
    IMPORT_MAX_BYTES,
    import_run_create,
    import_run_start,
    organisation_import,
)
from sportloket.registry.services.organisations import (
    organisation_create,
    organisation_link,
    organisation_merge,
    organisation_update,
)
from sportloket.registry.services.participation import (
    alignment_save,
    declaration_add,
    participation_add,
    participation_update,
)
from sportloket.registry.services.people import (
    person_add_to_organisation,
    person_create,
    person_role_add,
    person_role_end,
)
from sportloket.registry.services.provider_changes import (
    provider_change_decide,
    provider_role_add,
    provider_role_end,
    provider_update,
)

__all__ = [
    "IMPORT_MAX_BYTES",
    "adviser_relation_add",
    "adviser_relation_end",
    "alignment_save",
    "declaration_add",
    "import_run_create",
    "import_run_start",
    "organisation_create",
    "organisation_import",
    "organisation_link",
    "organisation_merge",
    "organisation_update",
    "participation_add",
    "participation_update",
    "person_add_to_organisation",
    "person_create",
    "person_role_add",
    "person_role_end",
    "provider_change_decide",
    "provider_role_add",
    "provider_role_end",
    "provider_update",
]
