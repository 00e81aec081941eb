"""Creates a desk and its first coordinator: how a new installation (or a new desk in a national
installation) starts. Everything after that is done in the desk's own pages."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from sportloket.accounts.selectors import password_link
from sportloket.core import services
from sportloket.core.constants import Role
from sportloket.core.models import Municipality
from sportloket.core.services import themes_prefill, user_get_or_create


class Command(BaseCommand):
    help = "Creates a desk with its work area and first coordinator, and prints a password link."

    def add_arguments(self, parser):
        parser.add_argument("--slug", required=True, help="Short name in web addresses.")
        parser.add_argument("--name", required=True, help="e.g. 'Sportloket Utrecht'.")
        parser.add_argument(
            "--municipality",
            action="append",
            default=[],
            metavar="CBS_CODE",
            help="A municipality of the work area by CBS code (GM0344); repeat for more.",
        )
        parser.add_argument("--coordinator", required=True, help="E-mail of the coordinator.")
        parser.add_argument("--coordinator-name", default="", help="Full name, for a new account.")

    def handle(self, *args, slug, name, municipality, coordinator, coordinator_name, **options):
        codes = [code.strip().upper() for code in municipality]
        area = list(Municipality.objects.filter(code__in=codes))
        unknown = sorted(set(codes) - {m.code for m in area})
        if unknown:
            raise CommandError(f"Unknown CBS municipality codes: {', '.join(unknown)}")
        try:
            with transaction.atomic():
                loket = services.loket_create(actor=None, name=name, slug=slug, work_area=area)
                user, created = user_get_or_create(
                    email=coordinator, full_name=coordinator_name, actor=None
                )
                services.membership_add(loket=loket, user=user, role=Role.COORDINATOR, actor=None)
                themes_prefill(loket=loket, actor=None)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(f"Created {loket.name} (/{loket.slug}/)"))
        self.stdout.write(f"Coordinator: {user.email}")
        if created or not user.has_usable_password():
            self.stdout.write(f"Password link (valid once): {password_link(user)}")
