from django import forms
from django.utils.translation import gettext_lazy as _

from sportloket.helprequests.constants import ReferralState


class DeskChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ReferralForm(forms.Form):
    """Refer a question: to another desk (neighbouring desks first) or to a partner in care,
    welfare or business from the register."""

    to_loket = DeskChoiceField(
        label=_("To the desk"), queryset=None, required=False, empty_label=_("No desk")
    )
    to_organisation = forms.ModelChoiceField(
        label=_("Or to a partner in care, welfare or business"),
        queryset=None,
        required=False,
        empty_label=_("No partner"),
    )
    reason = forms.CharField(
        label=_("Why"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The provider reads this, and so does the receiver."),
    )

    def __init__(self, *args, desks, partners, **kwargs):
        """``desks`` with ``is_neighbour`` (``core.selectors.neighbours_first``)."""
        super().__init__(*args, **kwargs)
        self.fields["to_loket"].queryset = desks
        self.fields["to_organisation"].queryset = partners
        desks = list(desks)
        grouped = [("", _("No desk"))]
        near = [(d.pk, d.name) for d in desks if d.is_neighbour]
        far = [(d.pk, d.name) for d in desks if not d.is_neighbour]
        if near:
            grouped.append((_("Neighbouring desks"), near))
        if far:
            grouped.append((_("Other desks"), far))
        self.fields["to_loket"].choices = grouped

    def clean(self):
        data = super().clean()
        if bool(data.get("to_loket")) == bool(data.get("to_organisation")):
            self.add_error("to_loket", _("Choose a desk or a partner, one of the two."))
        return data


class DeclineForm(forms.Form):
    prefix = "decline"
    answer = forms.CharField(
        label=_("Why the question is declined"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The referring desk reads this; the question returns to its inbox."),
    )


class ReferralAnswerForm(forms.Form):
    """What a partner outside the software answered, recorded by the referring desk."""

    prefix = "answer"
    state = forms.ChoiceField(
        label=_("The partner's answer"),
        choices=[
            (value, label)
            for value, label in ReferralState.choices
            if value != ReferralState.PENDING
        ],
    )
    answer = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when the partner declined: the question returns to the inbox."),
    )
