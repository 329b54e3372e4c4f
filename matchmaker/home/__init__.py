"""The start page: the current edition for visitors, a dashboard of next steps for companies."""
