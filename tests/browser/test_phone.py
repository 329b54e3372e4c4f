"""Attendee pages on a phone (390 × 844, as on the fair day): no sideways scrolling, tap targets
of at least 44 px, the menu collapsed behind a button; screenshots in each language.

Screenshots go to ``test-artifacts/screenshots/`` (git-ignored) for people to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from matchmaker.eventday.tokens import check_in_token
from matchmaker.extensions import db
from matchmaker.models import User
from tests.builders import build_ready_fair, publish_by_solver
from tests.conftest import fair_day_moment
from tests.factories import PASSWORD, make_user

PHONE = {"width": 390, "height": 844}
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
LANGUAGES = ["en", "zh_Hans", "fr"]

# Every element a thumb is meant to hit: buttons, button-styled links, menu entries, chips.
TAP_TARGETS = """() => [...document.querySelectorAll(
    'button, .button, input[type=submit], .site-nav a, .chip, .pagination a, .nav-toggle-label'
  )].filter(e => e.offsetParent !== null)
   .map(e => ({text: e.innerText.trim(), w: e.getBoundingClientRect().width,
               h: e.getBoundingClientRect().height}))
   .filter(r => r.w < 44 || r.h < 44)"""


@pytest.fixture
def fair_with_people(app):
    """A published fair; a Chinese company's representative and the organizer can log in."""
    with app.app_context():
        fair = build_ready_fair(companies=6, tables=2)
        chinese, french = fair.companies[0], fair.companies[1]
        chinese.name = "Nanjing Shudao Food Co., Ltd."
        chinese.name_zh = "南京蜀道食品有限公司"
        chinese.description = "Sichuan pepper, chilli bean paste and hot-pot bases for export."
        french.name, french.country = "Vignobles Dupré & Fils SARL", "FR"
        db.session.commit()
        publish_by_solver(fair)
        user = make_user(chinese)
        db.session.commit()
        yield {
            "event": fair.event.id,
            "company": chinese.id,
            "other": french.id,
            "email": user.email,
            "organizer": fair.organizer.email,
            "token": check_in_token(fair.event.id, chinese.id),
        }


def _phone_page(browser, language="en"):
    context = browser.new_context(
        viewport=PHONE,
        device_scale_factor=1,
        locale=language.replace("_", "-"),
        extra_http_headers={"Accept-Language": language.replace("_", "-")},
    )
    return context.new_page()


def _log_in(page, base, email):
    page.goto(f"{base}/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form [type=submit]")
    page.wait_for_load_state()


def _check_fits_a_phone(page, url):
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{url} scrolls sideways: {width} px"
    small = page.evaluate(TAP_TARGETS)
    assert not small, f"{url}: tap targets under 44 px: {small[:5]}"


def test_attendee_pages_fit_a_phone(app, live_server, browser, fair_with_people):
    people = fair_with_people
    visitor = _phone_page(browser)
    for path in ("/", "/login", "/register"):
        _check_fits_a_phone(visitor, live_server + path)

    page = _phone_page(browser)
    _log_in(page, live_server, people["email"])
    for path in (
        "/",
        "/agenda",
        "/meetings",
        "/requests/",
        "/catalogue",
        f"/companies/{people['other']}",
        f"/companies/{people['company']}",
        "/account/company",
    ):
        _check_fits_a_phone(page, live_server + path)

    staff = _phone_page(browser)  # check-in is done by staff, on their phones
    _log_in(staff, live_server, people["organizer"])
    _check_fits_a_phone(staff, f"{live_server}/check-in/{people['token']}")
    _check_fits_a_phone(staff, f"{live_server}/organizer/events/{people['event']}/check-in")


def test_the_menu_folds_behind_a_button_on_a_phone(
    app, live_server, browser, fair_with_people, clock
):
    clock.set(fair_day_moment())  # meetings are marked on the fair's days (matchmaker.phases)
    page = _phone_page(browser)
    _log_in(page, live_server, fair_with_people["email"])
    page.goto(f"{live_server}/agenda")
    menu_entry = page.locator(".site-nav a[href='/meetings']")
    assert not menu_entry.is_visible()
    page.click(".nav-toggle-label")
    assert menu_entry.is_visible()
    menu_entry.click()
    page.wait_for_url("**/meetings/*")  # /meetings opens the company's own page
    # The status actions are buttons, one tap each, not a run of underlined text.
    buttons = page.locator(".status-actions button")
    assert buttons.count() >= 6
    assert all(buttons.nth(i).bounding_box()["height"] >= 44 for i in range(buttons.count()))


def _set_interface_language(app, email, language):
    """The account's language, as the switcher stores it (when the app offers the language)."""
    offered = [code for code in app.config["LANGUAGES"] if code.split("_")[0] == language[:2]]
    with app.app_context():
        user = db.session.query(User).filter_by(email=email).one()
        user.locale = offered[0] if offered else "en"
        db.session.commit()


@pytest.mark.parametrize("language", LANGUAGES)
def test_screenshots_of_the_phone_pages(app, live_server, browser, fair_with_people, language):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    backend = app.config["SQLALCHEMY_DATABASE_URI"].split(":")[0].split("+")[0]
    page = _phone_page(browser, language)
    page.goto(f"{live_server}/")
    page.screenshot(path=ARTIFACTS / f"landing-{language}-{backend}.png", full_page=True)
    _set_interface_language(app, fair_with_people["email"], language)
    _log_in(page, live_server, fair_with_people["email"])
    for name, path in (("agenda", "/agenda"), ("my-meetings", "/meetings")):
        page.goto(live_server + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.screenshot(path=ARTIFACTS / f"{name}-{language}-{backend}.png", full_page=True)
    assert (ARTIFACTS / f"my-meetings-{language}-{backend}.png").stat().st_size > 10_000
