"""Spreadsheet import of companies, representatives, profiles, participations and meeting
requests: read (``reading``), check every row and plan what changes (``planning``), then apply
the whole plan in one transaction (``operations``)."""
