"""Work done once in gunicorn's master before it forks the workers (``gunicorn.conf.py``,
``preload_app``): what every worker would otherwise compute on its first requests is then
shared by all of them, copy-on-write. Today: jieba's dictionary and the search index of the
current edition (2.3 s of CPU per worker at 2,000 companies; on a loaded machine the first
searches of each worker outlived gunicorn's timeout)."""

from __future__ import annotations

from flask import Flask

from matchmaker.editions import current_event
from matchmaker.extensions import db
from matchmaker.matching.search import edition_index


def warm_shared_state(app: Flask) -> None:
    with app.app_context():
        event = current_event()
        if event is not None:
            edition_index(event)
        db.session.remove()
        db.engine.dispose()  # no connection may cross the fork
