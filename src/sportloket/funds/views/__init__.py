"""The funds pages, one module per sub-domain: ``overview`` (the desk's money at a glance),
``funds`` (a fund's forms: add, edit, amount, who decides), ``ledger`` (a fund's ledger and the
approvals waiting for a partner), ``allocations`` (money for a decision and the moves of an
allocation) and ``downloads`` (CSV/XLSX exports and the public 360Giving file); shared helpers
in ``base``. Thin: the selectors decide who sees what, the services decide what may be done.
``funds.urls`` names each view by its module."""
