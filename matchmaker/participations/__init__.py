"""Participations: a company applies to an edition, the organizers approve or reject it."""
