"""Writes on funds and allocations, one module per entity: ``funds`` (a fund, its rules, who
decides and its amount) and ``allocations`` (money committed to a decision and its moves), with
who may act in ``access``. Every function checks who acts, validates, writes and records its
actor in one transaction. Callers use ``from sportloket.funds import services`` and
``services.<name>``: this is the package's interface."""

from sportloket.funds.services.access import NotAllowed
from sportloket.funds.services.allocations import (
    NotEnoughMoney,
    allocation_approve,
    allocation_cancel,
    allocation_pay,
    allocation_reject,
    decision_fund,
    decision_superseded,
)
from sportloket.funds.services.funds import (
    APPROVAL_FIELDS,
    FUND_FIELDS,
    fund_amount_change,
    fund_approval_change,
    fund_create,
    fund_update,
)

__all__ = [
    "APPROVAL_FIELDS",
    "FUND_FIELDS",
    "NotAllowed",
    "NotEnoughMoney",
    "allocation_approve",
    "allocation_cancel",
    "allocation_pay",
    "allocation_reject",
    "decision_fund",
    "decision_superseded",
    "fund_amount_change",
    "fund_approval_change",
    "fund_create",
    "fund_update",
]
