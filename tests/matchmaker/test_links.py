"""Links in e-mails and QR codes: the configured base URL, else the address `make run` serves
on, with a warning at start."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from matchmaker import create_app, mail
from matchmaker.config import DEV_SERVER_URL


def test_without_a_base_url_links_point_where_make_run_serves(app):
    app.config["BASE_URL"] = None
    with app.test_request_context("/", base_url="http://internal:8000"):
        assert mail.absolute_url("auth.login") == f"{DEV_SERVER_URL}/login"


def test_a_configured_base_url_wins_over_the_request(app):
    app.config["BASE_URL"] = "https://fair.example.com/"
    with app.test_request_context("/", base_url="http://internal:8000"):
        assert mail.absolute_url("auth.login") == "https://fair.example.com/login"


def test_make_run_serves_on_the_address_links_fall_back_to():
    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    run = re.search(r"flask run --host (\S+) --port (\d+)", makefile)
    assert run is not None
    assert f"http://{run.group(1)}:{run.group(2)}" == DEV_SERVER_URL


def test_the_app_warns_at_start_when_links_will_point_to_localhost(caplog):
    settings = {"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://"}
    with caplog.at_level(logging.WARNING, logger="matchmaker"):
        create_app({**settings, "BASE_URL": None})
    assert f"links in e-mails and QR codes will point to {DEV_SERVER_URL}" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="matchmaker"):
        create_app({**settings, "BASE_URL": "https://fair.example.com"})
    assert "will point to" not in caplog.text
