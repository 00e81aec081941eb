"""Writes on users: create and invite accounts. Every function takes the acting user."""

from allauth.account.forms import ResetPasswordForm
from allauth.core.context import request_context
from django.db import transaction

from sportloket.accounts.models import User
from sportloket.core.audit import audited


def user_get_or_create(*, email: str, full_name: str = "", actor=None) -> tuple[User, bool]:
    """Finds the account for an e-mail address (case-insensitively) or creates one.

    A new account has no usable password: its owner sets one through the invitation e-mail.
    """
    email = User.objects.normalize_email(email).strip().lower()
    with transaction.atomic(), audited(actor):
        user = User.objects.filter(email__iexact=email).first()
        if user is not None:
            return user, False
        user = User.objects.create_user(email=email, full_name=full_name.strip())
        return user, True


def user_send_invitation(*, user: User, request) -> None:
    """E-mails a link to choose a password (allauth's password-reset flow), after commit."""

    def send():
        # allauth reads the request from its context to build the link; on_commit may run after
        # the view has returned (in tests, or inside an outer transaction), so set it here.
        with request_context(request):
            form = ResetPasswordForm(data={"email": user.email})
            if form.is_valid():
                form.save(request)

    transaction.on_commit(send)
