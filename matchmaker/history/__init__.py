"""Past editions with aggregate figures only (entered by form or imported from a spreadsheet)."""
