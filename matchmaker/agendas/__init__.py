"""Agendas after publication: pages, calendar files, PDFs, table sheets and schedule exports."""
