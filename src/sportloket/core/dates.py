"""Days as the desk writes them: the Dutch way, "6 dec. 2026" (``DAY``), with the time
"6 dec. 2026 14:30" (``DAY_AND_TIME``); a month with its year in full ("december 2026").

Django writes the abbreviated month (the format character "N") from its "abbrev. month"
translations, which in Dutch lack the period ("dec"). The project translates them itself, in
the abbreviations of the Dutch locale (CLDR: "jan.", "mrt.", "mei", …); naming the messages
here keeps them in the project's catalogue when it is remade.
"""

from django.utils.translation import pgettext_lazy

DAY = "j N Y"
DAY_AND_TIME = "j N Y H:i"

MONTHS_ABBREVIATED = (
    pgettext_lazy("abbrev. month", "Jan."),
    pgettext_lazy("abbrev. month", "Feb."),
    pgettext_lazy("abbrev. month", "March"),
    pgettext_lazy("abbrev. month", "April"),
    pgettext_lazy("abbrev. month", "May"),
    pgettext_lazy("abbrev. month", "June"),
    pgettext_lazy("abbrev. month", "July"),
    pgettext_lazy("abbrev. month", "Aug."),
    pgettext_lazy("abbrev. month", "Sept."),
    pgettext_lazy("abbrev. month", "Oct."),
    pgettext_lazy("abbrev. month", "Nov."),
    pgettext_lazy("abbrev. month", "Dec."),
)
