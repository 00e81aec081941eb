from django import forms
from django.utils.translation import gettext_lazy as _

from sportloket.core.constants import ProviderKinds
from sportloket.core.fields import ThemeKeysField
from sportloket.core.models import Loket
from sportloket.core.widgets import ColumnsCheckboxSelectMultiple
from sportloket.knowledge.constants import ArticleStatus, Visibility
from sportloket.knowledge.models import Article
from sportloket.knowledge.selectors import ORIGIN_FOLLOWED, ORIGIN_OWN
from sportloket.knowledge.services.articles import ARTICLE_FIELDS
from sportloket.knowledge.services.attachments import check_attachment
from sportloket.registry.selectors import sports_all


class ArticleFilterForm(forms.Form):
    """Search and filters of the desk's knowledge list."""

    q = forms.CharField(label=_("Search words"), required=False, max_length=200)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    sport = forms.ModelChoiceField(
        label=_("Sport"), queryset=sports_all(), required=False, empty_label=_("All sports")
    )
    provider_kind = forms.ChoiceField(
        label=_("For"),
        required=False,
        choices=[("", _("Every kind of provider")), *ProviderKinds.choices[1:]],
    )
    visibility = forms.ChoiceField(
        label=_("Visibility"),
        required=False,
        choices=[("", _("Every visibility")), *Visibility.choices],
    )
    origin = forms.ChoiceField(label=_("From"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Drafts and published")), *ArticleStatus.choices],
    )
    review_due = forms.BooleanField(label=_("Only with a review due"), required=False)

    def __init__(self, *args, themes=(), followed=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", _("All themes")), *themes]
        self.fields["origin"].choices = [
            ("", _("This desk and followed desks")),
            (ORIGIN_OWN, _("This desk")),
            (ORIGIN_FOLLOWED, _("Followed desks")),
            *[(str(desk.pk), desk.name) for desk in followed],
        ]

    def filters(self) -> dict:
        """The selector's arguments; what is not valid is left out."""
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "search": data.get("q", ""),
            "theme_key": data.get("theme", ""),
            "sport": data.get("sport"),
            "provider_kind": data.get("provider_kind", ""),
            "visibility": data.get("visibility", ""),
            "origin": data.get("origin", ""),
            "status": data.get("status", ""),
            "review_due": bool(data.get("review_due")),
        }


class PublicSearchForm(forms.Form):
    q = forms.CharField(label=_("Search words"), required=False, max_length=200)


class ArticleForm(forms.ModelForm):
    """An article of the desk, with an attachment to add. The service checks again what the
    choices here limit (offerings of the desk's catalogue, the file's kind and size)."""

    theme_keys = ThemeKeysField(required=False)
    sports = forms.ModelMultipleChoiceField(
        label=_("Sports"),
        queryset=sports_all(),
        required=False,
        widget=ColumnsCheckboxSelectMultiple,
        help_text=_("Leave empty when it is about every sport."),
    )
    offerings = forms.ModelMultipleChoiceField(
        label=_("Linked offerings"),
        queryset=None,
        required=False,
        widget=ColumnsCheckboxSelectMultiple,
        help_text=_("The article shows on the page of each offering ticked here."),
    )
    attachment = forms.FileField(
        label=_("Add an attachment"),
        required=False,
        help_text=_("A PDF document or a JPEG or PNG image, at most 10 MB."),
    )

    class Meta:
        model = Article
        fields = [
            "title",
            "summary",
            "body",
            "theme_keys",
            "sports",
            "provider_kinds",
            "offerings",
            "visibility",
            "status",
            "review_on",
            "attachment",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "body": forms.Textarea(attrs={"rows": 14}),
            "visibility": forms.RadioSelect,
            "review_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, themes, offerings, **kwargs):
        """``themes``: (key, name) pairs to choose from; ``offerings``: the desk's catalogue."""
        super().__init__(*args, **kwargs)
        instance = self.instance
        current = [theme.key for theme in instance.themes.all()] if instance.pk else []
        self.fields["theme_keys"].offer(themes, current)
        if current and not self.is_bound:
            self.initial["theme_keys"] = current
        self.fields["offerings"].queryset = offerings
        self.fields["status"].choices = [
            (ArticleStatus.PUBLISHED, ArticleStatus.PUBLISHED.label),
            (ArticleStatus.DRAFT, ArticleStatus.DRAFT.label),
            *([(ArticleStatus.ARCHIVED, ArticleStatus.ARCHIVED.label)] if instance.pk else []),
        ]

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            check_attachment(upload)
        return upload

    def validate_unique(self):
        # The service saves the article; nothing on it is unique.
        pass

    def _post_clean(self):
        # The service sets the fields and renders the body; the form only parses input.
        pass

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            **{name: data[name] for name in ARTICLE_FIELDS},
            "theme_keys": data["theme_keys"],
            "sports": data["sports"],
            "offerings": data["offerings"],
            "upload": data.get("attachment") or None,
        }


class FollowForm(forms.Form):
    """Follow (``follow`` ticked) or stop following another active desk."""

    desk = forms.ModelChoiceField(queryset=Loket.objects.none())
    follow = forms.BooleanField(required=False)

    def __init__(self, *args, loket, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["desk"].queryset = Loket.objects.active().exclude(pk=loket.pk)
