"""The rows of the pages that list allocations (a fund's ledger, the approvals): each line
(``funds.lines``) with what the page writes of it made here, once per row, so that the
template only places it: its amounts in euros, its dates, its decision, its history, and the
forms of the moves the user may make on it, rendered. Written by the template, row by row
(a filter, a translation, a date, a form's fields and widgets for each), they took most of a
page's time."""

import html
import unicodedata
from functools import cache
from types import SimpleNamespace

from django.middleware.csrf import get_token
from django.template.defaultfilters import linebreaksbr
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeData, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from sportloket.core.dates import day_text
from sportloket.core.fragments import RenderedOnce
from sportloket.core.money import euros, for_input
from sportloket.core.permissions import Capability
from sportloket.funds.constants import AllocationState
from sportloket.funds.forms import ApproveForm, CancelForm, PayForm, RejectForm
from sportloket.funds.views.base import pk_url

# The moves, in the order their forms stand on a row.
MOVES = ("approve", "reject", "pay", "cancel")


# The blank form of each move at each desk, for each list to return to and each language,
# rendered with stand-ins for the allocation, its amount, the page and the CSRF token: the
# same for everyone.
_BLANK_MOVES = RenderedOnce(size=256)


class _Moves:
    """The forms of the moves on the rows (``funds/_allocation_move.html``): a move's form
    differs from another row's only in the allocation's pk (its fields' ids, its address)
    and, to pay, in the amount it starts from, and from another page's only in the page
    number and the CSRF token; so the rendering of a stand-in, made once per process
    (``_BLANK_MOVES``), is copied with the page's and the row's own filled in. Rendering
    every form (the field, label and widget templates of every field) would otherwise take
    most of a page of 25 allocations."""

    ROW = "__allocation__"
    AMOUNT = 8_765_432_198  # cents no allocation holds: its rendering is found and replaced
    PAGE = "__page__"
    TOKEN = "__csrf_token__"  # noqa: S105 - where the page's CSRF token goes

    def __init__(self, request, *, slug, back, page):
        self.request = request
        self.slug, self.back, self.page = slug, back, page
        self.urls = {move: pk_url(f"funds:allocation-{move}", slug) for move in MOVES}
        self._token = None
        self._rendered = {}

    @property
    def token(self) -> str:
        if self._token is None:
            self._token = get_token(self.request)
        return self._token

    def render(self, form, pk, *, page, token) -> str:
        """The form of the move ``form.action`` on the allocation ``pk``, as the row shows
        it; also a refused one, with what was typed and why it was refused."""
        context = {
            "form": form,
            "move": form.action,
            "action": self.urls[form.action](pk),
            "number": pk,
            "back": self.back,
            "page": page,
            "csrf_token": token,
        }
        return render_to_string("funds/_allocation_move.html", context)

    def _blank(self, form_class) -> str:
        stand_in = SimpleNamespace(pk=self.ROW, amount_cents=self.AMOUNT)
        form = form_class(allocation=stand_in)
        return self.render(form, self.ROW, page=self.PAGE, token=self.TOKEN)

    def __call__(self, form_class, line) -> str:
        rendered = self._rendered.get(form_class)
        if rendered is None:
            key = (form_class.action, self.slug, self.back)
            rendered = _BLANK_MOVES.get(key, lambda: self._blank(form_class))
            rendered = rendered.replace(self.TOKEN, self.token).replace(self.PAGE, str(self.page))
            self._rendered[form_class] = rendered
        html = rendered.replace(self.ROW, str(line.pk))
        if form_class is PayForm:
            html = html.replace(
                f'value="{for_input(self.AMOUNT)}"', f'value="{for_input(line.amount_cents)}"'
            )
        return mark_safe(html)  # noqa: S308 - the form's rendering, with a pk and an amount

    def refused(self, form, line) -> str:
        return self.render(form, line.pk, page=self.page, token=self.token)


def _e(value) -> str:
    """``value`` escaped for HTML, as ``conditional_escape`` does (the same text), without
    its cost per call: a row writes a few dozen values."""
    return value if isinstance(value, SafeData) else html.escape(str(value))


def _shortened(question: str) -> str:
    """The question as ``truncatechars:80`` writes it (at most 80 characters, NFC)."""
    if len(question) <= 80:  # nothing to cut: combining characters only make it shorter
        return unicodedata.normalize("NFC", question)
    return Truncator(question).chars(80)


def _forms(line, moves, *, approves, can_manage, failed) -> list[str]:
    """The forms of the moves this user may make on the allocation of ``line``, rendered; the
    refused one of the move just tried on it in place of its blank form."""
    forms = {}
    if line.state == AllocationState.PROPOSED and approves:
        forms["approve"] = moves(ApproveForm, line)
        forms["reject"] = moves(RejectForm, line)
    if can_manage and line.state == AllocationState.APPROVED:
        forms["pay"] = moves(PayForm, line)
    if can_manage and line.state in (AllocationState.PROPOSED, AllocationState.APPROVED):
        forms["cancel"] = moves(CancelForm, line)
    if failed is not None and failed["allocation"].pk == line.pk:
        forms[failed["form"].action] = moves.refused(failed["form"], line)
    return [forms[move] for move in MOVES if move in forms]


# The links of a row: its fund, its decision's money, its question.
_ROW_URLS = {
    "fund": "funds:fund-detail",
    "decision_fund": "funds:decision-fund",
    "question": "helprequests:request-detail",
}


class _Writer:
    """What a page writes of its lines, with what it needs looked up once per page: the
    amounts (each once), days and times, the states' names, the labels, the links.

    ``for_approver``: the facts a fund owner's representative reads on the approvals page
    (the fund; the question's themes and municipality are in the decision's panel there);
    ``sees_requests``, ``manages_funds``: whether the reader may open the question and the
    decision's money from the funds (the links shown)."""

    def __init__(self, *, slug, for_approver, sees_requests, manages_funds):
        self.for_approver = for_approver
        self.sees_requests, self.manages_funds = sees_requests, manages_funds
        self.money = cache(euros)  # the same few amounts come back on every page
        self.zone = timezone.get_current_timezone()
        self.states = {state.value: str(state.label) for state in AllocationState}
        self.system = mark_safe(_("system"))  # noqa: S308 - a translation
        self.unshared = mark_safe(_("A provider (the question is not shared)"))  # noqa: S308
        self.urls = {name: pk_url(url_name, slug) for name, url_name in _ROW_URLS.items()}
        # Translations are written as they are (as {% translate %} writes them).
        self.labels = {
            "fund": _("Fund"),
            "allocation": _("Allocation"),
            "decision": _("Decision"),
            "money": _("its money from funds"),
            "question": _("Question"),
            "themes": _("Themes"),
            "municipality": _("Municipality"),
            "amount": _("Amount"),
            "paid": _("Paid"),
        }

    def title(self, line) -> str:
        """Whose question: its organisation; for a fund owner's representative who may not
        read the question, nobody's when its provider did not consent to sharing it."""
        if self.for_approver and not line.shared and not self.sees_requests:
            return self.unshared
        return line.organisation

    def decision(self, line) -> str:
        """The decision's day and amount (and what is paid outside the funds), escaped."""
        day = day_text(line.decided_at.astimezone(self.zone))
        text = _("of %(date)s, in all %(amount)s") % {
            "date": _e(day),
            "amount": _e(self.money(line.decision_cents)),
        }
        if line.outside_cents:
            outside = _("of which %(outside)s paid outside the funds") % {
                "outside": _e(self.money(line.outside_cents))
            }
            text = f"{text} ({outside})"
        return text

    def facts(self, line) -> str:
        """The allocation's facts as the terms and descriptions of a ``<dl>``."""
        label, urls = self.labels, self.urls
        facts = []
        if self.for_approver:
            fund = f'<a href="{_e(urls["fund"](line.fund_id))}">{_e(line.fund_name)}</a>'
            facts.append((label["fund"], fund))
        facts.append((label["allocation"], _e(line.pk)))
        decision = self.decision(line)
        if self.manages_funds:
            link = _e(urls["decision_fund"](line.decision_id))
            decision = f'{decision} · <a href="{link}">{label["money"]}</a>'
        facts.append((label["decision"], decision))
        if self.sees_requests:
            link = _e(urls["question"](line.help_request_id))
            question = f'<a href="{link}">{_e(_shortened(line.question))}</a>'
            facts.append((label["question"], question))
        if not self.for_approver:
            facts.append((label["themes"], _e(", ".join(line.themes) or "–")))
            if line.municipality:
                facts.append((label["municipality"], _e(line.municipality)))
        facts.append((label["amount"], _e(self.money(line.amount_cents))))
        if line.paid_cents is not None:
            facts.append((label["paid"], _e(self.money(line.paid_cents))))
        return "".join(f"<dt>{term}</dt><dd>{description}</dd>" for term, description in facts)

    def history(self, line) -> str:
        """The allocation's moves as the items of its history list (``<li>``), oldest
        first."""
        items = []
        for move in line.history:
            local = move.at.astimezone(self.zone)
            when = f"{day_text(local)} {local.hour:02d}:{local.minute:02d}"
            what = self.states.get(move.to_state, move.to_state)
            if move.to_state == AllocationState.PAID and move.amount_cents is not None:
                what = f"{what}: {self.money(move.amount_cents)}"
            who = move.actor if move.actor is not None else self.system
            note = f"<p>{linebreaksbr(move.note)}</p>" if move.note else ""
            items.append(
                f'<li><p class="history__meta"><time datetime="{_e(local.isoformat())}">'
                f"{_e(when)}</time> · {_e(who)} · {_e(what)}</p>{note}</li>"
            )
        return "".join(items)


def allocation_rows(
    lines, *, view, back, page, approves, can_manage, for_approver=False, failed=None
):
    """Each line (``funds.lines``) as the template ``funds/_allocations.html`` shows it, for
    the user of ``view`` at its desk, on the page ``page`` of the list ``back`` ("ledger"
    or "approvals"), where the moves return: its facts and history written out (see
    ``_Writer``), the forms of the moves this user may make on it (approve and reject when
    ``approves``, pay and cancel when ``can_manage``), the refused form of the move just
    tried (``failed``) in place of its blank one."""
    slug = view.desk.slug
    moves = _Moves(view.request, slug=slug, back=back, page=page)
    write = _Writer(
        slug=slug,
        for_approver=for_approver,
        sees_requests=view.membership.can(Capability.VIEW_REQUESTS),
        manages_funds=view.membership.can(Capability.MANAGE_FUNDS),
    )
    rows = []
    for line in lines:
        rows.append(
            {
                "pk": line.pk,
                "title": write.title(line),
                "amount": write.money(line.amount_cents),
                "state": write.states.get(line.state, line.state),
                "proposed": line.state == AllocationState.PROPOSED,
                # Made by the writer of escaped values and HTML of its own.
                "facts": mark_safe(write.facts(line)),  # noqa: S308
                "history": mark_safe(write.history(line)),  # noqa: S308
                "forms": mark_safe(  # noqa: S308 - rendered forms
                    "".join(
                        _forms(line, moves, approves=approves, can_manage=can_manage, failed=failed)
                    )
                ),
                "allocation": line.allocation,
            }
        )
    return rows
