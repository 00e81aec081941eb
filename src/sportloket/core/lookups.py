"""Lookups by id that an id no database column can hold cannot break.

Django already answers "nothing" for ``=``, ``<`` and ``>`` on an integer column when the value
is beyond the column's range, but not for ``__in`` nor for a relation (``municipality=…``,
``sports__in=[…]``): SQLite then raises OverflowError, and a 30-digit id typed into any
multiple-choice field answered 500. These lookups, registered once in ``CoreConfig.ready``,
leave such values out (an ``__in`` of only such values matches nothing), as Django's own
integer lookups do, so every form field, filter and selector is covered in one place.
"""

from django.core.exceptions import EmptyResultSet
from django.db.models import ForeignObject, IntegerField
from django.db.models.fields.related_lookups import RelatedExact, RelatedIn
from django.db.models.lookups import In


def _bounds(field, connection):
    """The range of the integer column ``field`` is, or (None, None) when it is no integer
    column; a relation has the range of the column it points to."""
    field = getattr(field, "target_field", None) or field
    try:
        return connection.ops.integer_field_range(field.get_internal_type())
    except KeyError:
        return None, None


def _in_range(value, low, high) -> bool:
    if not isinstance(value, int) or isinstance(value, bool):
        return True  # not a number: the database's own rules apply
    return (low is None or value >= low) and (high is None or value <= high)


class _InRangeIn:
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = _bounds(self.lhs.output_field, connection)
            self.rhs = [value for value in self.rhs if _in_range(value, low, high)]
        return super().process_rhs(compiler, connection)


class IntegerFieldIn(_InRangeIn, In):
    pass


class InRangeRelatedIn(_InRangeIn, RelatedIn):
    pass


class InRangeRelatedExact(RelatedExact):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = _bounds(self.lhs.output_field, connection)
            if not _in_range(self.rhs, low, high):
                raise EmptyResultSet
        return super().process_rhs(compiler, connection)


def register():
    IntegerField.register_lookup(IntegerFieldIn)
    ForeignObject.register_lookup(InRangeRelatedIn)
    ForeignObject.register_lookup(InRangeRelatedExact)
