"""The fair day: check-in, meeting status, rebooking, freed slots and the live floor view."""
