"""Matching: ranks the offerings a desk may choose for a help request, each with a score and a
reason per criterion that anyone can read. This package's interface: ``rank_offerings`` (with
``Ranked`` and ``Reason``), ``weights_as_dict`` and ``period_bounds``; which funds may pay is
funds' own rule (``funds.selectors.paying_funds``), which the money criterion asks.

Eligible offerings (the hard filters; the others never rank):

- visible to the request's desk (its own, regional ones shared with it, national ones);
- active, with an active period that covers the day (an empty bound is open);
- for the provider's kind: a sports club sees the offerings for all providers and those for
  clubs, a commercial sport provider those for all and those for commercial providers; a request
  without an organisation from the register (or with another kind of organisation) sees all;
- for the sport: an offering for specific sports needs one of them among the organisation's
  sports, when the organisation's sports are known.

A full capacity is no hard filter: the offering ranks, with nothing for capacity.

Each criterion gives a value from 0 to 1 (see ``criteria``: what each scores and why). The
score is sum(weight x value) / sum(weights) x 100, rounded to 0.01, with the desk's weights
(0 to 10 each). A criterion with weight 0 is listed but counts nothing; with every weight 0 each
score is 0. The ranking sorts on the score (high first), then the title, then the id: the same
input gives the same ranking. The number of queries does not depend on the number of offerings.

The rooms: ``criteria`` (the domain: each criterion's value and sentence), ``ranking`` (scores
and order), ``candidates`` (the hard filters and the one compiled query that reads what the
criteria need) and ``instances`` (making thousands of model instances quickly).
"""

from sportloket.decisions.counting import period_bounds
from sportloket.decisions.matching.criteria import (
    PROVIDER_KIND_OF,
    Reason,
    ReasonMaker,
    weights_as_dict,
)
from sportloket.decisions.matching.ranking import Ranked, rank_offerings

# The name under which the tests replace a criterion's method on the reason maker.
_ReasonMaker = ReasonMaker

__all__ = [
    "PROVIDER_KIND_OF",
    "Ranked",
    "Reason",
    "ReasonMaker",
    "period_bounds",
    "rank_offerings",
    "weights_as_dict",
]
