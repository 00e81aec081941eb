"""Money as the desk handles it: whole cents in integers, and the largest amount anything takes.

One limit for every amount a person types or a service records (an offering's cost, a fund, an
allocation, a decision): far above anything a desk spends on one thing, and within every
database column that holds cents (a decision's amount is a 32-bit integer: € 21.474.836,47).
"""

MAX_EUROS = 1_000_000
MAX_CENTS = MAX_EUROS * 100
