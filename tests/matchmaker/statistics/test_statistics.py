"""Statistics on the known data set of ``dataset.py``: exact figures per edition and over all
editions (returning companies counted once), charts, the public page, exports, access."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from matchmaker.enums import AgreementLevel, AgreementType, Side
from matchmaker.statistics.queries import cumulative_stats, edition_stats
from tests.factories import login, make_user

INTENTION, SIGNED = AgreementLevel.INTENTION, AgreementLevel.SIGNED


def test_the_figures_of_one_edition(app, editions):
    stats = edition_stats(editions.event)
    assert stats.registered_by_side == {Side.EU: 3, Side.CN: 3}
    assert stats.participating_by_side == {Side.EU: 2, Side.CN: 3}
    assert stats.participating_by_country == {"CN": 3, "DE": 1, "FR": 1}
    assert stats.participating_by_sector == {"28": 2, "10": 2, "62": 1}
    assert stats.registered_by_country == {"CN": 3, "DE": 1, "FR": 1, "IT": 1}
    assert stats.registered_by_sector == {"28": 3, "10": 2, "62": 1}
    assert (stats.requests_sent, stats.requests_accepted) == (7, 5)
    assert stats.meetings_scheduled == 5  # four published, one booked on the day
    assert stats.meetings_held == 3
    assert (stats.no_shows, stats.cancelled) == (1, 1)
    assert stats.no_show_rate == 0.25
    assert (stats.agreements_intended, stats.agreements_signed) == (1, 1)
    assert stats.agreements_by_type == {
        AgreementType.TRADE: {AgreementLevel.NONE: 0, INTENTION: 0, SIGNED: 1},
        AgreementType.JOINT_VENTURE: {AgreementLevel.NONE: 0, INTENTION: 1, SIGNED: 0},
    }
    assert stats.agreements_by_sector_pair == {("28", "28"): 1, ("28", "62"): 1}
    assert (stats.reports_received, stats.reports_expected) == (5, 6)
    assert stats.response_rate == 5 / 6
    assert stats.disagreements == 2


def test_the_cumulative_view_counts_returning_companies_once(app, editions):
    stats = cumulative_stats()
    assert [e.event.year for e in stats.editions] == [2025, 2026]
    assert stats.companies_by_side == {Side.EU: 2, Side.CN: 4}
    assert stats.companies == 6 and stats.participations == 8
    assert stats.returning == 2
    assert stats.meetings_held == 4 and stats.meetings_scheduled == 6
    assert (stats.agreements, stats.agreements_signed, stats.agreements_intended) == (3, 2, 1)
    second = stats.editions[1]
    assert second.participating_by_side == {Side.EU: 1, Side.CN: 2}
    assert second.response_rate == 0.5 and second.no_show_rate == 0.0


def _organizer(app, editions):
    client = app.test_client()
    login(client, editions.organizer)
    return client


def test_the_edition_dashboard_shows_the_figures_and_svg_charts(app, editions):
    page = (
        _organizer(app, editions)
        .get(f"/organizer/events/{editions.event.id}/statistics")
        .get_data(as_text=True)
    )
    assert 'data-figure="held">3<' in page
    assert 'data-figure="no-show-rate">25.0 %<' in page
    assert 'data-figure="response-rate">83.3 %<' in page
    assert 'data-figure="signed">1<' in page
    assert page.count('<svg class="chart"') == 5 and "<script" not in page


def test_the_cumulative_dashboard_and_the_public_summary(app, editions):
    client = _organizer(app, editions)
    page = client.get("/organizer/statistics").get_data(as_text=True)
    assert "2 European and 4 Chinese companies, 4 meetings held, 3 cooperation agreements" in page
    public = app.test_client().get("/statistics")
    text = public.get_data(as_text=True)
    assert public.status_code == 200
    assert "Over 2 editions: 2 European and 4 Chinese companies, 4 one-to-one meetings" in text
    for private in ("Alpha GmbH", "Theta Tech", "@example.com", "HYPERLINK"):
        assert private not in text


def test_the_edition_exports_hold_every_figure_and_neutralise_formulas(app, editions):
    client = _organizer(app, editions)
    event_id = editions.event.id
    rows = list(csv.reader(io.StringIO(
        client.get(f"/organizer/events/{event_id}/statistics.csv").data.decode("utf-8-sig")
    )))  # fmt: skip
    assert rows[0] == ["edition", "section", "item", "value"]
    figures = {(r[1], r[2]): r[3] for r in rows[1:]}
    assert figures[("meetings", "held")] == "3"
    assert figures[("meetings", "no-show rate")] == "0.25"
    assert figures[("agreements by type", "Trade / distribution / signed")] == "1"
    assert figures[("agreements by sector pair", "28 × 62")] == "1"
    assert figures[("outcome reports", "response rate")] == "0.8333"
    meetings = list(csv.DictReader(io.StringIO(
        client.get(f"/organizer/events/{event_id}/outcomes.csv").data.decode("utf-8-sig")
    )))  # fmt: skip
    assert len(meetings) == 5
    ac = next(m for m in meetings if m["request_id"] == str(editions.requests["ac"].id))
    assert ac["a_comment"] == '\'=HYPERLINK("http://evil.example")'
    assert ac["disagreement"] == "agreement" and ac["a_value"] == "250000.0"
    workbook = load_workbook(io.BytesIO(
        client.get(f"/organizer/events/{event_id}/statistics.xlsx").data
    ))  # fmt: skip
    assert workbook.sheetnames == ["Figures", "Meetings"]
    comments = [row[-1] for row in workbook["Meetings"].iter_rows(min_row=2, values_only=True)]
    assert '\'=HYPERLINK("http://evil.example")' in [
        c for row in workbook["Meetings"].iter_rows(min_row=2, values_only=True) for c in row
    ]
    assert all(not str(c or "").startswith("=") for c in comments)


def test_the_cumulative_exports(app, editions):
    client = _organizer(app, editions)
    rows = list(
        csv.reader(io.StringIO(client.get("/organizer/statistics.csv").data.decode("utf-8-sig")))
    )
    figures = {(r[0], r[1], r[2]): r[3] for r in rows[1:]}
    assert figures[("all editions", "companies (each counted once)", "Chinese")] == "4"
    assert figures[("all editions", "companies (each counted once)", "returning")] == "2"
    assert figures[("EU-China Fair 2026", "meetings", "held")] == "1"
    workbook = load_workbook(io.BytesIO(client.get("/organizer/statistics.xlsx").data))
    assert workbook["Figures"]["A2"].value == "all editions"


def test_a_company_name_that_looks_like_a_formula_is_exported_as_text(app, editions):
    editions.companies["alpha"].name = "+Alpha-cmd|' /C calc'!A0"
    from matchmaker.extensions import db

    db.session.commit()
    client = _organizer(app, editions)
    text = client.get(f"/organizer/events/{editions.event.id}/outcomes.csv").data.decode(
        "utf-8-sig"
    )
    assert "'+Alpha-cmd" in text and "\n+Alpha" not in text and ",+Alpha" not in text


def test_statistics_are_for_organizers_and_unknown_editions_are_404(app, editions):
    user = make_user(editions.companies["alpha"])
    from matchmaker.extensions import db

    db.session.commit()
    rep = app.test_client()
    login(rep, user)
    event_id = editions.event.id
    for url in (
        f"/organizer/events/{event_id}/statistics",
        f"/organizer/events/{event_id}/statistics.csv",
        f"/organizer/events/{event_id}/statistics.xlsx",
        f"/organizer/events/{event_id}/outcomes.csv",
        "/organizer/statistics",
        "/organizer/statistics.csv",
        "/organizer/statistics.xlsx",
    ):
        assert rep.get(url).status_code == 403, url
    assert _organizer(app, editions).get("/organizer/events/999999/statistics").status_code == 404


def test_the_public_summary_counted_in_sql_matches_the_full_statistics(app, editions):
    from matchmaker.statistics.queries import _public_summary, cumulative_stats

    full = cumulative_stats()
    public = _public_summary()
    assert public.companies_by_side == full.companies_by_side
    assert public.meetings_held == full.meetings_held
    assert public.agreements == full.agreements
    assert [
        (e.name, e.participating_by_side, e.meetings_held, e.agreements) for e in public.editions
    ] == [
        (e.event.name, e.participating_by_side, e.meetings_held, e.agreements)
        for e in full.editions
    ]
