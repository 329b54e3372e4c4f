"""Past editions with aggregate figures: by form or import, added to the statistics over all
editions and said to be aggregate on the public page."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

from matchmaker.enums import Side
from matchmaker.errors import RuleViolation
from matchmaker.history.operations import PastEditionData, import_past_editions, save_past_edition
from matchmaker.models import PastEdition
from matchmaker.statistics.queries import cumulative_stats
from tests.builders import build_published_fair
from tests.factories import login, make_organizer, make_user

CSV = (
    b"Year,Name,City,European companies,Chinese companies,Meetings,Agreements\n"
    b"2006,EU-China Fair 2006,Chengdu,200,500,1500,120\n"
    b"2007,EU-China Fair 2007,Chengdu,250,600,1800,150\n"
)


def test_imported_past_editions_add_up_with_the_detailed_ones(app, client, db_session):
    fair = build_published_fair()
    db_session.commit()
    assert import_past_editions(fair.organizer, "past.csv", CSV) == 2
    db_session.commit()
    stats = cumulative_stats()
    assert stats.edition_count == 3 and stats.first_year == 2006
    totals = stats.participations_by_side_with_past
    assert sum(totals.values()) == 1550 + sum(e.participating for e in stats.editions)
    assert stats.meetings_with_past == 3300 + stats.meetings_held
    assert stats.agreements_with_past == 270 + stats.agreements
    page = client.get("/statistics").get_data(as_text=True)
    assert "Since 2006: 3 editions" in page
    assert "aggregate" in page


def test_a_bad_import_writes_nothing_and_names_row_and_column(app, db_session):
    organizer = make_organizer()
    db_session.commit()
    bad = CSV + b"2008,EU-China Fair 2008,Chengdu,many,600,1800,150\n"
    message = "row 4, European companies: 'many' is not a whole number."
    with pytest.raises(RuleViolation, match=message):
        import_past_editions(organizer, "past.csv", bad)
    db_session.rollback()
    assert db_session.scalar(select(func.count()).select_from(PastEdition)) == 0


def test_a_year_run_in_the_system_or_entered_twice_is_refused(app, db_session):
    fair = build_published_fair(year=2026)
    db_session.commit()
    with pytest.raises(RuleViolation, match="run in this system"):
        save_past_edition(fair.organizer, PastEditionData(year=2026, name="x"))
    save_past_edition(fair.organizer, PastEditionData(year=2010, name="Fair 2010", meetings=5))
    db_session.commit()
    with pytest.raises(RuleViolation, match="entered already"):
        save_past_edition(fair.organizer, PastEditionData(year=2010, name="again"))


def test_the_form_page_is_for_organizers(app, client, db_session):
    organizer, user = make_organizer(), make_user()
    db_session.commit()
    login(client, user)
    assert client.get("/organizer/history/").status_code == 403
    other = app.test_client()
    login(other, organizer)
    response = other.post(
        "/organizer/history/",
        data={"year": "2009", "name": "Fair 2009", "companies_eu": "10", "meetings": "30"},
    )
    assert response.status_code == 302
    assert "Fair 2009" in other.get("/organizer/history/").get_data(as_text=True)
    upload = other.post(
        "/organizer/history/import",
        data={"file": (io.BytesIO(CSV), "past.csv")},
        content_type="multipart/form-data",
    )
    assert upload.status_code == 302
    assert db_session.scalar(select(func.count()).select_from(PastEdition)) == 3


def test_the_organizers_statistics_and_exports_show_the_history(app, client, db_session):
    import csv

    from openpyxl import load_workbook

    fair = build_published_fair()
    db_session.commit()
    import_past_editions(fair.organizer, "past.csv", CSV)
    db_session.commit()
    stats = cumulative_stats()
    login(client, fair.organizer)
    page = client.get("/organizer/statistics").get_data(as_text=True)
    eu, cn = (stats.participations_by_side_with_past[side] for side in Side)
    assert (
        f"Since 2006: 3 editions, {eu} European and {cn} Chinese company participations, "
        f"{stats.meetings_with_past} one-to-one meetings, "
        f"{stats.agreements_with_past} cooperation agreements." in " ".join(page.split())
    )
    assert eu == 450 + stats.editions[0].participating_by_side[Side.EU]
    assert page.count('data-past="') == 2 and "EU-China Fair 2006" in page
    assert page.index('data-past="2006"') < page.index('data-past="2007"')
    assert page.index('data-past="2007"') < page.index(f'data-event="{fair.event.id}"')
    assert "2006 (aggregate)" in page  # the charts carry the past years too
    rows = list(csv.reader(io.StringIO(client.get("/organizer/statistics.csv").data.decode())))
    figures = {(r[0], r[1], r[2]): r[3] for r in rows[1:]}
    label = "all editions, aggregates included"
    assert figures[(label, "editions", "count")] == "3"
    assert figures[(label, "editions", "first year")] == "2006"
    assert figures[(label, "meetings", "held")] == str(stats.meetings_with_past)
    assert figures[(label, "agreements", "total")] == str(stats.agreements_with_past)
    assert figures[("EU-China Fair 2007", "aggregate figures", "companies Chinese")] == "600"
    workbook = load_workbook(io.BytesIO(client.get("/organizer/statistics.xlsx").data))
    cells = [row for row in workbook["Figures"].iter_rows(min_row=2, values_only=True)]
    assert ("EU-China Fair 2006", "aggregate figures", "meetings held", 1500) in cells


def test_the_public_and_the_organizers_totals_are_the_same_facts(app, db_session):
    from matchmaker.statistics.queries import _public_summary

    fair = build_published_fair()
    db_session.commit()
    import_past_editions(fair.organizer, "past.csv", CSV)
    db_session.commit()
    full, public = cumulative_stats(), _public_summary()
    for name in (
        "edition_count",
        "first_year",
        "participations_by_side_with_past",
        "meetings_with_past",
        "agreements_with_past",
    ):
        assert getattr(public, name) == getattr(full, name), name
    assert [(r.year, r.aggregate) for r in public.over_the_years()] == [
        (2006, True),
        (2007, True),
        (fair.event.year, False),
    ]


def test_without_past_editions_the_organizers_page_says_no_since(app, client, db_session):
    fair = build_published_fair()
    db_session.commit()
    login(client, fair.organizer)
    page = client.get("/organizer/statistics").get_data(as_text=True)
    assert 'id="since"' not in page and "data-past" not in page
