"""After the meeting: both sides' outcome reports, organizer corrections with an audit trail,
disagreements and reminders."""
