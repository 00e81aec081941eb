"""A cooperation's life: idea, in preparation, running, ended. Which status may follow which,
in one table; ending needs the outcome, starting over from ended needs a reason."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sportloket.cooperation.constants import CooperationStatus as S

TRANSITIONS: dict[str, frozenset[str]] = {
    S.IDEA: frozenset({S.PREPARING, S.RUNNING, S.ENDED}),
    S.PREPARING: frozenset({S.IDEA, S.RUNNING, S.ENDED}),
    S.RUNNING: frozenset({S.ENDED}),
    S.ENDED: frozenset({S.RUNNING}),
}


def check_transition(from_status: str, to_status: str, *, outcome: str, note: str) -> None:
    if to_status not in TRANSITIONS:
        raise ValidationError({"status": _("This status does not exist.")})
    if to_status not in TRANSITIONS[from_status]:
        raise ValidationError(
            {
                "status": _("A cooperation that is '%(from)s' cannot become '%(to)s'.")
                % {"from": S(from_status).label, "to": S(to_status).label}
            }
        )
    if to_status == S.ENDED and not outcome.strip():
        raise ValidationError({"outcome": _("Say what came of the cooperation.")})
    if from_status == S.ENDED and not note.strip():
        raise ValidationError({"note": _("Give a reason to take it up again.")})
