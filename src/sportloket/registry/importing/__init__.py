"""Importing the organisation files that municipalities and federations really send, in three
steps that each do one thing:

- ``read``: a file (CSV or XLSX, bytes or a file object) into a table of raw cells, refusing a
  file that would hold a worker (size, rows, cells, packing) with a Dutch message;
- ``parse``: one row into checked values plus errors and warnings, one small parser per column;
- ``apply``: the plan (what each row would do: create, update, unchanged or refused), and the
  write of a plan in one transaction, in bulk, with an audit entry per organisation.

``columns`` names the columns: the Dutch headers written on export and the variants accepted
on import. ``services.organisation_import`` runs the steps; nothing but ``apply`` writes.
"""
