"""Signing in on the provider's page: a one-time code by e-mail to a contact person of an
organisation in the register. The code is stored only as a keyed hash, works once, for
``CODE_MINUTES`` minutes, and not after ``MAX_TRIES`` wrong tries (nor after ``WRONG_PER_DAY``
wrong tries at an address in a day, over all its codes); asking for codes is limited per address
and per network. Who signs in is an e-mail address, never a user of the
desk: staff keep their password and second factor."""

import ipaddress
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from sportloket.core.ratelimit import count, hit
from sportloket.portal import selectors
from sportloket.portal.models import SignInCode

# Eight digits: with five tries a code and ten wrong tries an address a day, guessing takes
# thousands of years.
CODE_DIGITS = 8
CODE_MINUTES = 10
MAX_TRIES = 5
WRONG_PER_DAY = 10
# Codes asked for one address, and from one network (an IPv6 /64 counts as one), per window.
CODES_PER_ADDRESS = (3, 15 * 60)
CODES_PER_NETWORK = (20, 60 * 60)


class TooManyRequests(Exception):
    """More codes asked for than the limits allow: the page asks to wait."""


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def _digest(email: str, code: str) -> str:
    return salted_hmac("sportloket.portal.code", f"{email}:{code}", algorithm="sha256").hexdigest()


def _network(address: str) -> str:
    """The network a client address stands for: an IPv6 address as its /64 (one household or
    server hands out the whole range)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _wrong_key(email: str) -> str:
    return f"portal-wrong:{email}"


def _too_many_wrong(email: str) -> bool:
    return count(_wrong_key(email)) >= WRONG_PER_DAY


def code_request(*, email: str, network_address: str) -> None:
    """Sends a sign-in code to ``email`` when it is a contact person's address (a current role
    at an organisation of the register); otherwise nothing, and the page says the same, so
    nobody learns which addresses are known. A new code ends the ones sent before."""
    email = normalise_email(email)
    limit, seconds = CODES_PER_ADDRESS
    network_limit, network_seconds = CODES_PER_NETWORK
    if (
        _too_many_wrong(email)
        or not hit(f"portal-code:{email}", limit=limit, seconds=seconds)
        or not hit(
            f"portal-code-net:{_network(network_address)}",
            limit=network_limit,
            seconds=network_seconds,
        )
    ):
        raise TooManyRequests
    if not selectors.is_contact_person(email):
        return
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    now = timezone.now()
    with transaction.atomic():
        SignInCode.objects.filter(email=email, used_at__isnull=True, expires_at__gt=now).update(
            expires_at=now
        )
        SignInCode.objects.create(
            email=email,
            code_hash=_digest(email, code),
            created_at=now,
            expires_at=now + timedelta(minutes=CODE_MINUTES),
        )
        context = {"code": code, "minutes": CODE_MINUTES}
        with translation.override("nl"):
            subject = render_to_string("portal/email/code_subject.txt", context)
            body = render_to_string("portal/email/code_message.txt", context)
        send_mail(" ".join(subject.split()), body, None, [email])


def code_verify(*, email: str, code: str) -> str:
    """The signed-in address when ``code`` is the latest code sent to ``email``, unused, in
    time and with fewer than ``MAX_TRIES`` wrong tries before it; else a ValidationError (a
    wrong code counts as a try). The code is used up."""
    email = normalise_email(email)
    code = "".join((code or "").split())
    now = timezone.now()
    if _too_many_wrong(email):
        raise ValidationError({"code": _("Too many wrong tries today. Try again tomorrow.")})
    with transaction.atomic():
        row = (
            SignInCode.objects.select_for_update()
            .filter(email=email, used_at__isnull=True)
            .order_by("-created_at", "-pk")
            .first()
        )
        if row is None or row.expires_at <= now:
            refused = _("This code is no longer valid. Ask for a new code.")
        elif row.attempts >= MAX_TRIES:
            refused = _("Too many wrong tries. Ask for a new code.")
        elif not constant_time_compare(row.code_hash, _digest(email, code)):
            row.attempts += 1
            row.save(update_fields=["attempts"])
            hit(_wrong_key(email), limit=WRONG_PER_DAY, seconds=24 * 60 * 60)
            refused = (
                _("This code is not right. Check the e-mail and try again.")
                if row.attempts < MAX_TRIES
                else _("Too many wrong tries. Ask for a new code.")
            )
        else:
            row.used_at = now
            row.save(update_fields=["used_at"])
            refused = None
    if refused:
        raise ValidationError({"code": refused})
    return email
