"""The register's panels other apps' pages show: who takes part in a desk, on the desk's public
page. Core (below the register) includes it in its template by name, so it never imports the
register."""

from django import template

from sportloket.registry import selectors

register = template.Library()


@register.inclusion_tag("registry/_participants.html")
def desk_participants(desk):
    """The parties behind the desk with a valid intent declaration, as the public reads them."""
    return {"participants": selectors.desk_public_participants(loket=desk)}
