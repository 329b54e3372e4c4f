"""issue 10: phase windows — outcome report period, preview runs, day-status audit trail

Revision ID: 0016_issue10
Revises: 0016_issue9
Create Date: 2026-12-01 22:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0016_issue10"
down_revision = "0016_issue9"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("events") as batch_op:
        batch_op.add_column(
            sa.Column("outcome_report_days", sa.Integer(), server_default="30", nullable=False)
        )
        batch_op.create_check_constraint(
            op.f("ck_events_outcome_report_days_range"), "outcome_report_days BETWEEN 0 AND 365"
        )
    with op.batch_alter_table("schedule_runs") as batch_op:
        batch_op.add_column(
            sa.Column("preview", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    with op.batch_alter_table("outcome_changes") as batch_op:
        batch_op.add_column(
            sa.Column("late", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    op.create_table(
        "day_status_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("changed_by_id", sa.Integer(), nullable=True),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("late", sa.Boolean(), nullable=False),
        sa.Column("field", sa.String(length=32), nullable=False),
        sa.Column("old_value", sa.String(length=200), nullable=True),
        sa.Column("new_value", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["changed_by_id"],
            ["users.id"],
            name=op.f("fk_day_status_changes_changed_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_day_status_changes_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["meeting_requests.id"],
            name=op.f("fk_day_status_changes_request_id_meeting_requests"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_day_status_changes")),
    )
    with op.batch_alter_table("day_status_changes") as batch_op:
        batch_op.create_index(op.f("ix_day_status_changes_event_id"), ["event_id"], unique=False)
        batch_op.create_index(
            op.f("ix_day_status_changes_request_id"), ["request_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("day_status_changes") as batch_op:
        batch_op.drop_index("ix_day_status_changes_request_id")
        batch_op.drop_index("ix_day_status_changes_event_id")
    op.drop_table("day_status_changes")
    with op.batch_alter_table("outcome_changes") as batch_op:
        batch_op.drop_column("late")
    with op.batch_alter_table("schedule_runs") as batch_op:
        batch_op.drop_column("preview")
    with op.batch_alter_table("events") as batch_op:
        batch_op.drop_constraint(op.f("ck_events_outcome_report_days_range"), type_="check")
        batch_op.drop_column("outcome_report_days")
