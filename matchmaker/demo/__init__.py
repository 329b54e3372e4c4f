"""The demo fair: ``flask --app matchmaker seed-demo`` (tables in ``data``, invented profiles in
``profiles``, the database builder in ``builder``, the command in ``command``)."""
