"""Catalogue of the companies taking part in an edition: search, filters, company pages."""
