"""Decisions on questions (as Open Zaak's besluiten): the decision with its ranked options and
its money, matching, the decide page, the desk's decision list, the public register, the
multi-partiality monitor, the matching weights and an offering's page. Above the questions
(helprequests) and the funds, below contacts; see docs/architecture.md."""
