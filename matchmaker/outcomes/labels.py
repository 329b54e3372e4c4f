"""How the answers of an outcome report are named and shown to people: one home for the form,
the organizers' overview (disagreements) and the audit trail, which stores field names and
stored values (``next_step``, ``negotiation``) that must never reach the screen as they are."""

from __future__ import annotations

from flask_babel import gettext, lazy_gettext

from matchmaker.enums import AgreementLevel, AgreementType, LabelledEnum, NextStep

INTEREST_LABELS = {
    1: lazy_gettext("1 – none"),
    2: lazy_gettext("2 – low"),
    3: lazy_gettext("3 – some"),
    4: lazy_gettext("4 – high"),
    5: lazy_gettext("5 – very high"),
}

ANSWER_LABELS = {
    "held": lazy_gettext("Meeting held"),
    "interest": lazy_gettext("Interest"),
    "next_step": lazy_gettext("Next step"),
    "agreement": lazy_gettext("Agreement"),
    "agreement_type": lazy_gettext("Type of agreement"),
    "value": lazy_gettext("Value"),
    "currency": lazy_gettext("Currency"),
    "comment": lazy_gettext("Notes"),
}

_ENUMS: dict[str, type[LabelledEnum]] = {
    "next_step": NextStep,
    "agreement": AgreementLevel,
    "agreement_type": AgreementType,
}


def answer_label(field: str) -> str:
    """The name of one answer ("Type of agreement" for ``agreement_type``)."""
    label = ANSWER_LABELS.get(field)
    return str(label) if label is not None else field.replace("_", " ")


def answer_value(field: str, stored: str | None) -> str:
    """A stored answer as the reader's words: enum labels, yes/no, the interest scale."""
    if stored is None or stored == "":
        return "–"
    if field in _ENUMS:
        try:
            return gettext(_ENUMS[field](stored).label)
        except ValueError:
            return stored
    if field == "held":
        return gettext("Yes") if stored == "yes" else gettext("No")
    if field == "interest" and stored.isdigit() and int(stored) in INTEREST_LABELS:
        return str(INTEREST_LABELS[int(stored)])
    return stored
