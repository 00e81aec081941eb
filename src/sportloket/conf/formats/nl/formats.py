"""Dutch days as the desk writes them (see ``sportloket.core.dates``): "6 dec. 2026" where a
template or module asks for the default format. The other formats are Django's."""

from sportloket.core.dates import DAY, DAY_AND_TIME

DATE_FORMAT = DAY
DATETIME_FORMAT = DAY_AND_TIME
