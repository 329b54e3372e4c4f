"""Salon Matchmaker: B2B matchmaking for trade and investment fairs.

``create_app`` builds the Flask application; it reads configuration and wires extensions and
blueprints, nothing else (no database writes, no files created).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from matchmaker import cli, web
from matchmaker.config import (
    DefaultConfig,
    environment_overrides,
    warn_if_links_point_to_localhost,
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_path=os.environ.get("MATCHMAKER_INSTANCE_PATH", str(PROJECT_ROOT / "instance")),
        instance_relative_config=True,
        template_folder=str(PROJECT_ROOT / "templates"),
    )
    app.config.from_object(DefaultConfig)
    app.config.from_pyfile("config.py", silent=True)
    app.config.update(environment_overrides(os.environ))
    if test_config is not None:
        app.config.update(test_config)
    if not app.config["SQLALCHEMY_DATABASE_URI"]:
        database_file = Path(app.instance_path) / "matchmaker.sqlite"
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{database_file}"

    warn_if_links_point_to_localhost(app.config, app.logger)
    web.init_app(app)
    cli.init_app(app)
    return app
