"""``python -m matchmaker.languages extract|update|compile|init <locale>`` (the make targets)."""

import sys

from matchmaker.languages.catalogues import main

sys.exit(main(sys.argv[1:]))
