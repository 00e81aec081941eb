"""The register's pages, one module per sub-domain: ``organisations`` (the list, an
organisation's page, adding, editing and merging), ``people`` (roles at an organisation),
``participation`` (taking part in the desk, intent declarations), ``network`` (the overview and
the alignment of the work area) and ``transfer`` (export and import)."""
