"""Importing the organisation files that municipalities and federations really send, in steps
that each do one thing:

- ``read``: a file (CSV or XLSX, bytes or a file object) into a table of raw cells, refusing a
  file that would hold a worker (size, rows, cells, packing) with a Dutch message;
- ``parse``: one row into checked values plus errors and warnings, one small parser per column;
- ``apply``: the plan (what each row would do: create, update, unchanged or refused), and the
  write of a plan in one transaction, in bulk, with an audit entry per organisation (the
  management command);
- ``staging``, ``commit`` and ``job``: the same write as a background job from the import's
  page: the plan staged in short transactions, then applied in one (``job`` says why).

``columns`` names the columns: the Dutch headers written on export and the variants accepted
on import; ``database`` holds what the job asks of the engine itself. ``services`` runs the
steps; nothing but ``apply``, ``staging`` and ``commit`` writes.
"""
