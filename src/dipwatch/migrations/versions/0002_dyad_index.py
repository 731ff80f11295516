"""Covering indexes for the dyad summaries; drops the single-column source index they make redundant.

Revision ID: 0002
Revises: 0001

``Store.dyads`` groups events by (source, target) and, per pair, by type, month (of sort_date) and
source count, summing intensity. With every column it reads in one index, the database answers from
the index alone (SQLite: "SCAN events USING COVERING INDEX"), without reading the wide event rows
(sentences, texts):

- ix_events_dyad leads with the pair: unfiltered summaries, per-pair look-ups, actor filters. Its
  leading column serves every look-up ix_events_source served.
- ix_events_dated leads with sort_date: summaries over a date range (the network page). Measured on
  100,000 events, one quarter: 150 ms without it, 86 ms with it.
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

MEASURES = ["type", "source_count", "intensity"]


def upgrade() -> None:
    """Create ix_events_dyad and ix_events_dated; drop ix_events_source."""
    op.create_index("ix_events_dyad", "events", ["source", "target", "type", "sort_date", "source_count",
                                                 "intensity"])
    op.create_index("ix_events_dated", "events", ["sort_date", "source", "target", *MEASURES])
    op.drop_index("ix_events_source", table_name="events")


def downgrade() -> None:
    """Restore the 0001 indexes."""
    op.create_index("ix_events_source", "events", ["source"])
    op.drop_index("ix_events_dated", table_name="events")
    op.drop_index("ix_events_dyad", table_name="events")
