from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo network and ``seed_demo``: the top floor, which nothing imports."""

    name = "sportloket.demo"
    label = "demo"
    verbose_name = _("Demo data")
