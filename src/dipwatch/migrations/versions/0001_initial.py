"""The first schema: documents, story keys, stories, events, mentions, actors.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create every table and index."""
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("doc", sa.String(300), nullable=False, unique=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("text_hash", sa.String(64), nullable=False, index=True),
        sa.Column("story_id", sa.String(40), index=True),
        sa.Column("title", sa.Text), sa.Column("published", sa.String(10), index=True),
        sa.Column("published_text", sa.Text), sa.Column("outlet", sa.String(300)),
        sa.Column("original_source", sa.String(300)), sa.Column("language", sa.String(10)),
        sa.Column("url", sa.Text), sa.Column("origin", sa.Text),
        sa.Column("spun", sa.Boolean, nullable=False),
        sa.Column("spun_evidence", sa.Text), sa.Column("farm_signals", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("text_sig", sa.LargeBinary), sa.Column("inv_sig", sa.LargeBinary),
        sa.Column("invariants", sa.Text),
        sa.Column("added_at", sa.String(32)),
    )
    op.create_table(
        "story_keys",
        sa.Column("key", sa.BigInteger, nullable=False, index=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    )
    op.create_table(
        "stories",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("canonical_doc", sa.String(300), nullable=False),
        sa.Column("title", sa.Text), sa.Column("first_published", sa.String(10)),
        sa.Column("doc_count", sa.Integer, nullable=False),
        sa.Column("event_count", sa.Integer, nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("story_id", sa.String(40), index=True),
        sa.Column("source", sa.String(40), nullable=False, index=True),
        sa.Column("target", sa.String(40), nullable=False, index=True),
        sa.Column("source_text", sa.Text), sa.Column("target_text", sa.Text),
        sa.Column("type", sa.String(20), nullable=False, index=True),
        sa.Column("cameo", sa.String(10)), sa.Column("mode", sa.String(40)),
        sa.Column("quad_class", sa.Integer), sa.Column("intensity", sa.Float),
        sa.Column("date", sa.String(10)), sa.Column("date_text", sa.Text),
        sa.Column("location", sa.Text), sa.Column("location_code", sa.String(3)),
        sa.Column("sentence", sa.Text), sa.Column("trigger", sa.Text),
        sa.Column("confidence", sa.Float),
        sa.Column("mention_count", sa.Integer, nullable=False),
        sa.Column("source_count", sa.Integer, nullable=False),
        sa.Column("sort_date", sa.String(10), index=True),
    )
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("doc", sa.String(300), sa.ForeignKey("documents.doc", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("sentence", sa.Text), sa.Column("start", sa.Integer), sa.Column("end", sa.Integer),
        sa.Column("trigger", sa.Text),
        sa.UniqueConstraint("event_id", "doc", "start", name="uq_mention"),
    )
    op.create_table(
        "actors",
        sa.Column("code", sa.String(40), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("name", sa.Text),
    )


def downgrade() -> None:
    """Drop every table."""
    for table in ("mentions", "events", "actors", "stories", "story_keys", "documents"):
        op.drop_table(table)
