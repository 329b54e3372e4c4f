"""E-mail notifications: written to the outbox in the action's transaction, rendered in the
recipient's language, delivered by the job runner with retries (see the README, "Notifications
and the outbox")."""
