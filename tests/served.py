"""A real server for race tests: the test app served on a free loopback port by werkzeug's
threaded server, browsers with their own cookies (stdlib only), and ``race`` to fire requests
at the same moment through a barrier."""

from __future__ import annotations

import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from http.cookiejar import CookieJar

from werkzeug.serving import make_server

from tests.factories import PASSWORD


@contextmanager
def serve(app) -> Iterator[str]:
    """Serve ``app`` on 127.0.0.1 (a free port) in threads; yields the base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Answer:
    status: int
    body: str
    headers: dict[str, str]


class Browser:
    """One user's browser: its own cookie jar; redirects are returned, not followed."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.cookies = CookieJar()
        self._opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect()
        )

    def tabs(self, count: int) -> list[Browser]:
        """``count`` browsers sharing this one's cookies (tabs of one logged-in user)."""
        tabs = []
        for _ in range(count):
            tab = Browser(self.base_url)
            for cookie in self.cookies:
                tab.cookies.set_cookie(cookie)
            tabs.append(tab)
        return tabs

    def request(self, method: str, path: str, data: dict | None = None) -> Answer:
        body = urllib.parse.urlencode(data or {}, doseq=True).encode() if method == "POST" else None
        request = urllib.request.Request(self.base_url + path, data=body, method=method)
        try:
            with self._opener.open(request, timeout=60) as response:
                return Answer(response.status, response.read().decode(), dict(response.headers))
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.read().decode(), dict(error.headers))

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def post(self, path: str, data: dict | None = None) -> Answer:
        return self.request("POST", path, data)

    def login(self, email: str, password: str = PASSWORD) -> Browser:
        answer = self.post("/login", {"email": email, "password": password})
        assert answer.status == 302, f"log-in of {email} failed: {answer.status}"
        return self


def race(calls: list[Callable[[], Answer]]) -> list[Answer]:
    """Run ``calls`` in threads released together by a barrier; their answers in order."""
    barrier = threading.Barrier(len(calls))

    def run(call: Callable[[], Answer]) -> Answer:
        barrier.wait()
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def hold_after_lock(monkeypatch, module, parties: int, timeout: float = 2.0) -> None:
    """Open the race window wide: each request, having taken its lock (``lock_for_update`` as
    ``module`` calls it), waits there until ``parties`` requests are there together.

    With the lock only one request is ever there at a time: its wait ends after ``timeout``
    (the barrier breaks, later ones no longer wait) and the others follow it one by one. Were
    the lock missing (or a no-op), all of them would pass together and check the rule before
    any has written: the lost race happens on every run, not by chance. ``timeout`` only
    bounds a wait; nothing asserts on time.
    """
    barrier = threading.Barrier(parties, timeout=timeout)
    original = module.lock_for_update

    def locked_then_held(obj):
        locked = original(obj)
        with suppress(threading.BrokenBarrierError):
            barrier.wait()
        return locked

    monkeypatch.setattr(module, "lock_for_update", locked_then_held)


def assert_no_server_error(answers: list[Answer]) -> None:
    errors = [a.status for a in answers if a.status >= 500]
    assert errors == [], f"server errors: {errors}"
