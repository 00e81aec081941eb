from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Province(models.Model):
    """A Dutch province, identified by its CBS code (``PV26``). Reference data."""

    code = models.CharField(
        _("CBS code"), max_length=4, unique=True, validators=[RegexValidator(r"^PV\d{2}$")]
    )
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Municipality(models.Model):
    """A Dutch municipality (gemeente), identified by its CBS code (``GM0344``). Reference data."""

    code = models.CharField(
        _("CBS code"), max_length=6, unique=True, validators=[RegexValidator(r"^GM\d{4}$")]
    )
    name = models.CharField(_("name"), max_length=100, db_index=True)
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="municipalities",
        verbose_name=_("province"),
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self):
        return self.name
