from itertools import groupby

from django import forms
from django.forms.models import ModelChoiceIterator


class GroupedCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes in collapsible groups (one ``<details>`` per group, open when something in it
    is chosen): usable for long lists such as 342 municipalities, and without JavaScript."""

    template_name = "includes/widgets/grouped_checkboxes.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["groups"] = [
            {
                "name": group,
                "options": options,
                "selected": sum(1 for option in options if option["selected"]),
            }
            for group, options, _index in context["widget"]["optgroups"]
        ]
        return context


class _ProvinceIterator(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        queryset = self.queryset.select_related("province").order_by("province__name", "name")
        for province, municipalities in groupby(queryset, key=lambda m: m.province.name):
            yield (province, [self.choice(m) for m in municipalities])

    def __len__(self):
        return self.queryset.values("province").distinct().count()


class MunicipalitiesField(forms.ModelMultipleChoiceField):
    """Choose municipalities, grouped by province."""

    iterator = _ProvinceIterator
    widget = GroupedCheckboxSelectMultiple


class MunicipalityField(forms.ModelChoiceField):
    """Choose one municipality from a list grouped by province."""

    iterator = _ProvinceIterator


class ColumnsCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes in columns, for lists of a few dozen (sports, federations)."""

    template_name = "includes/widgets/checkbox_columns.html"
