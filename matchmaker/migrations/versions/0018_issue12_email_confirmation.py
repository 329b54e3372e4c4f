"""e-mail confirmation at registration: users.email_confirmed, two mail kinds (issue 12)

Revision ID: 0018_issue12
Revises: 0017
Create Date: 2026-12-02 02:00:00

Every account that exists already is confirmed (it was made before confirmation existed).
The CHECK constraints on the two ``kind`` columns are widened to the new kinds; downgrading
deletes the mails and opt-outs of those kinds first, so the narrower constraint holds.
"""

import sqlalchemy as sa
from alembic import op

revision = "0018_issue12"
down_revision = "0017"
branch_labels = None
depends_on = None

OLD_KINDS = (
    "request_received",
    "request_accepted",
    "request_declined",
    "request_withdrawn",
    "request_message",
    "application_approved",
    "application_rejected",
    "schedule_published",
    "schedule_changed",
    "day_change",
    "outcome_reminder",
    "invitation",
    "password_reset",
)
NEW_KINDS = (*OLD_KINDS, "confirm_email", "registration_attempt")
TABLES = ("outbox_messages", "notification_opt_outs")


def _kind_type(kinds):
    return sa.Enum(
        *kinds,
        name="notificationkind",
        native_enum=False,
        create_constraint=True,
        length=32,
    )


def _set_kinds(old, new) -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.alter_column(
                "kind", existing_type=_kind_type(old), type_=_kind_type(new), existing_nullable=False
            )


def upgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(
            sa.Column("email_confirmed", sa.Boolean(), server_default=sa.true(), nullable=False)
        )
    _set_kinds(OLD_KINDS, NEW_KINDS)


def downgrade():
    new_only = ", ".join(f"'{kind}'" for kind in NEW_KINDS if kind not in OLD_KINDS)
    for table in TABLES:
        op.execute(f"DELETE FROM {table} WHERE kind IN ({new_only})")
    _set_kinds(NEW_KINDS, OLD_KINDS)
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_column("email_confirmed")
