"""Reasons of a match, said in the reader's language (structured ``scoring.Reason`` → text)."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from matchmaker.enums import CooperationType
from matchmaker.matching.scoring import Match, Reason
from matchmaker.matching.taxonomy import TOPICS_BY_ID
from matchmaker.reference import language_name, nace_division_label


def topic_label(topic_id: str) -> str:
    topic = TOPICS_BY_ID.get(topic_id)
    return str(topic.label) if topic else topic_id


def _list(items) -> str:
    return _(", ").join(items)


def _cooperation_label(value: str) -> str:
    try:
        return _(CooperationType(value).label)
    except ValueError:
        return value


def reason_text(reason: Reason) -> str:
    topics = _list(topic_label(t) for t in reason.topics)
    if reason.code == "they_offer":
        return _("They offer what you seek: %(topics)s", topics=topics)
    if reason.code == "they_seek":
        return _("They seek what you offer: %(topics)s", topics=topics)
    if reason.code == "in_region":
        return _("They are in %(region)s, where you look for partners", region=topics)
    if reason.code == "you_in_region":
        return _("You are in %(region)s, where they look for partners", region=topics)
    if reason.code == "same_sector":
        return _("Same sector: %(sector)s", sector=nace_division_label(reason.values[0]))
    if reason.code == "neighbour_sector":
        return _(
            "A neighbouring sector in the supply chain: %(sector)s",
            sector=nace_division_label(reason.values[0]),
        )
    if reason.code == "cooperation":
        return _(
            "You both look for: %(types)s",
            types=_list(_cooperation_label(v) for v in reason.values),
        )
    if reason.code == "common_language":
        return _(
            "You can meet in %(languages)s",
            languages=_list(language_name(code) for code in reason.values),
        )
    if reason.code == "needs_interpreter":
        return _("No common language: the meeting needs an interpreter")
    if reason.code == "follow_up":
        return _("You met at an earlier edition and reported an agreement: a follow-up")
    return reason.code


STRENGTHS = (
    (40, _l("Strong match")),
    (20, _l("Good match")),
    (0, _l("Possible match")),
)


def strength(match: Match) -> str:
    for threshold, label in STRENGTHS:
        if match.score >= threshold:
            return str(label)
    return str(STRENGTHS[-1][1])


def reason_texts(match: Match, limit: int = 4) -> list[str]:
    """The strongest reasons first; the interpreter note always shown when it applies."""
    chosen = [r for r in match.reasons if r.points > 0][:limit]
    chosen += [r for r in match.reasons if r.code == "needs_interpreter"]
    return [reason_text(r) for r in chosen]
