"""Writes on users: create accounts and send their e-mails. Every function takes the actor
(``None`` only for the system itself, such as the demo data)."""

from allauth.account.forms import ResetPasswordForm
from allauth.core.context import request_context
from django.db import transaction

from sportloket.accounts.models import User
from sportloket.core.audit import audited


def user_get_or_create(
    *, email: str, actor, full_name: str = "", password: str | None = None, is_national=False
) -> tuple[User, bool]:
    """Finds the account for an e-mail address (case-insensitively) or creates one.

    An existing account is returned unchanged. A new account without ``password`` has no
    usable password: its owner chooses one through the invitation e-mail.
    """
    email = User.objects.normalize_email(email).strip().lower()
    with transaction.atomic(), audited(actor):
        user = User.objects.filter(email__iexact=email).first()
        if user is not None:
            return user, False
        user = User.objects.create_user(
            email=email, password=password, full_name=full_name.strip(), is_national=is_national
        )
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

    # robust: a mail server that is down is logged; the account is made anyway.
    transaction.on_commit(send, robust=True)
