"""``flask bench-web``: the web load benchmark at the fair's real size.

``fair`` seeds (or reuses) a 2,000-company fair with a published schedule, ``sessions`` makes
logged-in cookies without paying for a password hash per user, ``scenarios`` lists the pages
and writes to load, ``load`` drives wrk against a gunicorn started for the run, ``statements``
counts SQL statements per request in-process, and ``command`` ties them together and prints
the figures. Nothing here is imported by the web application.
"""
