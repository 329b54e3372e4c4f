"""Languages of the interface: which ones exist, how a visitor's is chosen, and how dates, times,
numbers and money are written in it.

* ``catalogues``: the languages present (one catalogue each under ``matchmaker/translations/``),
  and the extract / update / compile tooling behind the ``make i18n-*`` targets;
* ``selection``: the locale of a request (account, then session, then ``Accept-Language``);
* ``formatting``: Babel-backed helpers, also registered as Jinja filters;
* ``views`` / ``forms`` / ``operations``: the language switcher shown on every page.
"""
