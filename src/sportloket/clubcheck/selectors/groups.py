"""The club check's figures as groups of providers: which figures a group has, which dimensions
group the providers, and a group with what it may show (``Group.value``)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from sportloket.clubcheck.constants import Facilities, Finances, HelpTopic

SUM_FIELDS = ("members_youth", "members_adult", "members_senior", "volunteers", "board_vacancies")
FINANCE_FIELDS = tuple(f"finances_{value}" for value in Finances.values)
FACILITY_FIELDS = tuple(f"facilities_{value}" for value in Facilities.values)
TOPIC_FIELDS = tuple(f"topic_{value}" for value in HelpTopic.values)
# Counts of providers: each shown only when it and the rest of its group are either none or at
# least SMALL_GROUP providers; the single-choice questions are one distribution each.
COUNT_FIELDS = ("with_board_vacancy", *FINANCE_FIELDS, *FACILITY_FIELDS, *TOPIC_FIELDS)
DISTRIBUTIONS = (FINANCE_FIELDS, FACILITY_FIELDS)

DIMENSIONS = {
    "total": _("Whole area"),
    "municipality": _("Municipality"),
    "kind": _("Kind of provider"),
    "sport": _("Sport"),
}
# Dimensions whose groups divide the providers (each provider in exactly one group): the groups
# left out together must cover none or at least SMALL_GROUP providers, or the total gives them
# away. A provider offers several sports (or none), so sports do not divide them.
PARTITIONS = {"municipality", "kind"}


@dataclass
class Group:
    dimension: str
    key: object
    label: str
    invited: int = 0
    answered: int = 0
    values: dict = field(default_factory=dict)  # each field of SUM_FIELDS and COUNT_FIELDS
    suppressed: bool = False  # the whole group: fewer than SMALL_GROUP answers, or to protect one
    hidden: set = field(default_factory=set)  # count fields not shown in a group shown
    round: int | None = None  # a desk's own group (one round's), where groups are per round

    @property
    def response_rate(self):
        if self.suppressed or not self.invited:
            return None
        return round(100 * self.answered / self.invited, 1)

    def value(self, name):
        """The published value of a field: None when it is suppressed."""
        if self.suppressed or name in self.hidden:
            return None
        return self.values.get(name, 0)
