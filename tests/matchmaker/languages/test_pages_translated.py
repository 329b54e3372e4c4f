"""Every page, as every role, in Chinese and in French: no English message of the catalogue is
left on screen.

The pages are discovered from the app's URL map (every GET endpoint) and rendered against a
small demo fair (current edition taking requests, past editions with published schedules,
fair-day statuses and outcome reports). A page "shows English" when a visible text fragment
(text nodes, button values, placeholders, titles) equals a msgid whose translation differs, or
matches a msgid with placeholders. Whole fragments only, so a company called "Nanjing Visit
Co." does not count as the msgid "Visit".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import pytest

from matchmaker.eventday.tokens import check_in_token
from matchmaker.languages import catalogues
from tests.factories import PASSWORD
from tests.matchmaker.languages.conftest import Fair

LOCALES = ["zh_Hans", "fr"]
ROLES = ["anonymous", "representative", "organizer"]
VISIBLE_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")
FRAGMENT_SEPARATORS = re.compile(r"\s*[·:|()\[\]*]\s*|\s+[–—→]\s+|\s*/\s+")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdf]")


class _VisibleText(HTMLParser):
    """Collects what a reader sees: text outside <script>/<style>, labels of buttons and
    inputs, placeholders, titles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fragments: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._hidden += 1
        values = dict(attrs)
        for name in VISIBLE_ATTRIBUTES:
            if values.get(name):
                self.fragments.append(values[name])
        if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
            self.fragments.append(values["value"])

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.fragments.append(data)


def visible_fragments(html: str) -> set[str]:
    parser = _VisibleText()
    parser.feed(html)
    found: set[str] = set()
    for text in parser.fragments:
        text = " ".join(text.split())
        found.add(text.strip(" .,;:·–—*"))
        found.update(part.strip(" .,;") for part in FRAGMENT_SEPARATORS.split(text))
    found.discard("")
    return found


@dataclass(frozen=True)
class Untranslated:
    exact: frozenset[str]
    patterns: tuple[re.Pattern, ...]

    def found_in(self, fragments: set[str]) -> list[str]:
        hits = sorted(fragments & self.exact)
        for pattern in self.patterns:
            hits += [f for f in fragments if pattern.fullmatch(f)]
        return hits


def untranslated_messages(locale: str) -> Untranslated:
    """The English msgids whose translation in ``locale`` reads differently."""
    catalogue = catalogues.read_catalogue(catalogues.catalogue_path(locale), locale=locale)
    exact, patterns = set(), []
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for msgid in ids:
            if msgid in strings or "\n" in msgid:
                continue
            if PLACEHOLDER.search(msgid):
                pieces = PLACEHOLDER.split(msgid.strip(" ."))
                if sum(len(piece.strip()) for piece in pieces) >= 8:  # enough text to recognise
                    patterns.append(re.compile(".+?".join(re.escape(piece) for piece in pieces)))
            elif len(msgid) > 1:
                exact.add(msgid.strip(" .,;:"))
    return Untranslated(frozenset(exact), tuple(patterns))


def _arguments(endpoint: str, arguments: set[str], fair: Fair) -> dict[str, object]:
    """Values for a rule's arguments, all within the past edition of the fair. A new kind of
    argument needs a line here."""
    values: dict[str, object] = {
        "event_id": fair.past_event_id,
        "company_id": fair.company_id,
        "request_id": fair.request_id,
        "version_id": fair.version_id,
        "run_id": fair.run_id,
        "participation_id": fair.participation_id,
        "secret": "not-a-feed-secret",  # see EXEMPT
        "upload_id": 1,  # see EXEMPT
        "user_id": fair.representative_id,
        "kind": "tables_pdf",  # a background export's page (its download: see EXEMPT)
    }
    if "token" in arguments:
        if endpoint.startswith("eventday."):
            values["token"] = check_in_token(fair.past_event_id, fair.company_id)
        elif endpoint == "auth.confirm_email":
            values["token"] = fair.confirm_token
        else:
            values["token"] = fair.reset_token
    unknown = arguments - set(values)
    assert not unknown, f"{endpoint}: teach _arguments() a value for {sorted(unknown)}"
    return {name: values[name] for name in arguments}


def _pages(app, fair: Fair) -> list[tuple[str, str]]:
    pages = []
    with app.test_request_context():
        from flask import url_for

        for rule in app.url_map.iter_rules():
            if "GET" not in rule.methods or rule.endpoint == "static":
                continue
            pages.append(
                (
                    rule.endpoint,
                    url_for(rule.endpoint, **_arguments(rule.endpoint, set(rule.arguments), fair)),
                )
            )
    return sorted(pages)


def _client_as(app, role: str, locale: str, fair: Fair):
    client = app.test_client()
    if role != "anonymous":
        email = fair.representative if role == "representative" else fair.organizer
        response = client.post("/login", data={"email": email, "password": PASSWORD})
        assert response.status_code == 302, f"{role} could not log in"
    response = client.post("/language", data={"locale": locale, "next": "/"})
    assert response.status_code == 302
    return client


@pytest.mark.parametrize("locale", LOCALES)
def test_no_page_shows_english_in_chinese_or_french(app, fair, locale):
    untranslated = untranslated_messages(locale)
    pages = _pages(app, fair)
    rendered: dict[str, list[str]] = {}
    problems: list[str] = []
    for role in ROLES:
        client = _client_as(app, role, locale, fair)
        for endpoint, url in pages:
            response = client.get(url)
            if response.status_code in (302, 303) and role != "anonymous":
                # A page that sends this role elsewhere (its agenda, the catalogue): the target
                # is one of the pages checked.
                if "/login" not in response.headers["Location"]:
                    rendered.setdefault(endpoint, []).append(role)
                continue
            if response.status_code != 200:
                continue
            rendered.setdefault(endpoint, []).append(role)
            if response.mimetype != "text/html":
                continue  # downloads and data: the PDF and e-mail tests read their text
            html = response.get_data(as_text=True)
            assert f'<html lang="{locale.replace("_", "-")}"' in html, f"{url} as {role}"
            hits = untranslated.found_in(visible_fragments(html))
            if hits:
                problems.append(f"{url} as {role}: {hits}")
    assert not problems, f"English left in {locale}:\n" + "\n".join(problems)
    never = sorted({endpoint for endpoint, _url in pages} - set(rendered) - set(EXEMPT))
    assert not never, f"pages no role could open (fix the fair or _arguments): {never}"


# Pages the demo fair has no data for, with where they are tested.
EXEMPT = {
    "calendar_feed.feed": "a representative's secret feed link (tests of the calendar feed)",
    "imports.preview": "an uploaded spreadsheet (tests/matchmaker/imports)",
    "agendas.download_export": "a file made in the background (tests/matchmaker/agendas)",
}


def test_the_checker_finds_english_when_it_is_there():
    untranslated = untranslated_messages("fr")
    page = (
        "<html><body><h1>Mes rendez-vous</h1><button>Save</button>"
        '<input type="submit" value="Envoyer"><p>Pending (3)</p>'
        "<p>Nanjing Visit Co.</p><script>var x = 'Save';</script></body></html>"
    )
    assert untranslated.found_in(visible_fragments(page)) == ["Pending", "Save"]
