"""The forms of the page that sends knowledge articles on a question: the search of the
articles the desk may send, and the message that carries the chosen ones (posted to the
question's message action, like the question page's own message form)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from sportloket.helprequests.forms import MessageForm


class ArticleSearchForm(forms.Form):
    """Words and a theme, in the page's address."""

    q = forms.CharField(label=_("Search words"), required=False, max_length=200)
    theme = forms.ChoiceField(label=_("Theme"), required=False)

    def __init__(self, *args, themes=(), **kwargs):
        """``themes``: (key, name) pairs of the desk's themes."""
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", _("All themes")), *themes]

    def filters(self) -> dict:
        """The knowledge selector's arguments; what is not valid is left out."""
        data = self.cleaned_data if self.is_valid() else {}
        return {"search": data.get("q", ""), "theme_key": data.get("theme", "")}


def lead_in(count: int) -> str:
    """The start of a message that sends ``count`` articles, for the member to change."""
    return ngettext(
        "This article may help you further. You open it through the link below.",
        "These articles may help you further. You open them through the links below.",
        count,
    )


def article_label(article, loket) -> str:
    """An article as a choice: its title, and the desk it comes from when not this one."""
    if article.loket_id == loket.pk:
        return article.title
    return f"{article.title} ({article.loket.name})"


class ArticleMessageForm(MessageForm):
    """A message to the provider with knowledge articles. ``chosen``: the articles the member
    chose on the page, offered as checkboxes (all ticked at first, with a lead-in in the body);
    ``articles``: every article the desk may send, what a posted choice is checked against
    (``services.message_send`` checks it again)."""

    articles = forms.ModelMultipleChoiceField(
        label=_("Articles sent with the message"),
        help_text=_(
            "The provider opens each through the private link of the question, also an "
            "article only this desk sees."
        ),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Tick at least one article to send."),
            "invalid_choice": _("Choose articles this desk may send."),
            "invalid_pk_value": _("Choose articles this desk may send."),
        },
    )

    def __init__(self, *args, articles, chosen, loket, **kwargs):
        self.chosen = list(chosen)
        kwargs.setdefault(
            "initial",
            {"body": lead_in(len(self.chosen)), "articles": [a.pk for a in self.chosen]},
        )
        super().__init__(*args, **kwargs)
        field = self.fields["articles"]
        field.queryset = articles
        # The choices shown are the rows the page read; a posted value is checked against
        # the queryset, not these.
        field.choices = [(a.pk, article_label(a, loket)) for a in self.chosen]
