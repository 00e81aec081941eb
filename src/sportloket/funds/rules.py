"""A fund's spending rules in one place: the services refuse an allocation with these reasons,
and the selectors use the same checks to say which funds may pay for an offering."""

from django.utils.translation import gettext as _

from sportloket.core.constants import ProviderKinds
from sportloket.core.money import euros


def theme_keys_of(fund) -> frozenset[str]:
    """The fund's eligible theme keys, from its prefetched themes (empty: every theme)."""
    return frozenset(theme.key for theme in fund.themes.all())


def kinds_match(fund_kinds: str, provider_kinds: str) -> bool:
    """Whether a fund for ``fund_kinds`` may pay for something for ``provider_kinds`` (a
    ProviderKinds value, or a provider's organisation kind, whose values are the same)."""
    return ProviderKinds.ALL in (fund_kinds, provider_kinds) or fund_kinds == provider_kinds


def refusals(fund, *, cents: int, on, theme_keys, fund_theme_keys, provider_kind: str) -> list:
    """Why the fund may not pay ``cents`` for a question on the day ``on`` (the decision's
    date) with these theme keys from a provider of this kind ("" when the question is not
    linked to an organisation in the register). Empty when it may."""
    name = {"fund": fund.name}
    found = []
    if not fund.is_active:
        found.append(_("The fund '%(fund)s' is no longer in use.") % name)
    if not fund.starts_on <= on <= fund.ends_on:
        found.append(
            _("The decision's date lies outside the period of the fund '%(fund)s'.") % name
        )
    if fund.max_per_allocation_cents is not None and cents > fund.max_per_allocation_cents:
        found.append(
            _("The fund '%(fund)s' pays at most %(max)s per allocation.")
            % (name | {"max": euros(fund.max_per_allocation_cents)})
        )
    if fund_theme_keys and not fund_theme_keys & set(theme_keys):
        found.append(_("The fund '%(fund)s' does not pay for the themes of this question.") % name)
    if fund.eligible_provider_kinds != ProviderKinds.ALL:
        kinds = name | {"kinds": ProviderKinds(fund.eligible_provider_kinds).label.lower()}
        if not provider_kind:
            found.append(
                _(
                    "The fund '%(fund)s' pays only for %(kinds)s; link the question to an "
                    "organisation in the register first."
                )
                % kinds
            )
        elif provider_kind != fund.eligible_provider_kinds:
            found.append(_("The fund '%(fund)s' pays only for %(kinds)s.") % kinds)
    return found
