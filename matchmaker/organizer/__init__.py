"""The organizers' area: editions of the fair, participations, companies, meeting requests and
acting as a company representative for support."""
