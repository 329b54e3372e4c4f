"""One request at a time, in-process: SQL statements, server time and size of each page."""

from __future__ import annotations

import time
from dataclasses import dataclass

from flask import Flask
from sqlalchemy import event

from matchmaker.benchmark.scenarios import Call
from matchmaker.extensions import db


@dataclass(frozen=True)
class SingleRequest:
    label: str
    status: int
    statements: int
    milliseconds: float  # wall clock: depends on what else the machine does
    kilobytes: float
    cpu_milliseconds: float  # this process's CPU time: steadier on a shared machine


class StatementCounter:
    """Counts the statements the engine sends while active (a context manager)."""

    def __init__(self) -> None:
        self.count = 0

    def _count(self, *_args) -> None:
        self.count += 1

    def __enter__(self) -> StatementCounter:
        event.listen(db.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *_exc) -> None:
        event.remove(db.engine, "before_cursor_execute", self._count)


def measure(app: Flask, call: Call, repeat: int = 1) -> SingleRequest:
    """The statements of one request, and its best time over ``repeat`` tries."""
    client = app.test_client()
    if call.session is not None:  # the test client sends its own jar, not a Cookie header
        for pair in call.session.cookie.split("; "):
            name, _sep, value = pair.partition("=")
            client.set_cookie(name, value)
    best = best_cpu = float("inf")
    statements = 0
    for _ in range(max(1, repeat)):
        # A fresh application context per request, as in a server: the command's own context
        # would share ``g`` (Flask-Login's cached user among it) between every call.
        with app.app_context(), StatementCounter() as counter:
            started, started_cpu = time.perf_counter(), time.process_time()
            if call.method == "POST":
                response = client.post(
                    call.path,
                    data=call.body,
                    content_type="application/x-www-form-urlencoded",
                )
            else:
                response = client.get(call.path)
            body = response.get_data()
            best = min(best, time.perf_counter() - started)
            best_cpu = min(best_cpu, time.process_time() - started_cpu)
        statements = counter.count
    return SingleRequest(
        call.label, response.status_code, statements, best * 1000, len(body) / 1024, best_cpu * 1000
    )
