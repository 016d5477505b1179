"""The store's schema, step by step: numbered migrations, each applied once in a transaction and recorded
in the `migrations` table. Tables and columns are described in docs/schema.md."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Migration:
    """One numbered step of the schema. Applied once, in a transaction, and recorded in `migrations`."""

    number: int
    name: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "documents, mentions, entities, claims", (
        "CREATE TABLE documents (id VARCHAR PRIMARY KEY, path VARCHAR NOT NULL, format VARCHAR NOT NULL, "
        "text VARCHAR NOT NULL, url VARCHAR, "
        "title VARCHAR, title_source VARCHAR, title_start INTEGER, title_end INTEGER, "
        "author VARCHAR, author_source VARCHAR, author_start INTEGER, author_end INTEGER, "
        "outlet VARCHAR, outlet_source VARCHAR, outlet_start INTEGER, outlet_end INTEGER, "
        "published VARCHAR, published_source VARCHAR, published_start INTEGER, published_end INTEGER, "
        "added_at TIMESTAMP DEFAULT current_timestamp)",
        "CREATE TABLE document_paths (path VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL)",
        "CREATE TABLE document_stages (doc_id VARCHAR NOT NULL, stage VARCHAR NOT NULL, "
        "version VARCHAR NOT NULL)",
        "CREATE TABLE mentions (id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, span_start INTEGER NOT NULL, "
        "span_end INTEGER NOT NULL, text VARCHAR NOT NULL, type VARCHAR NOT NULL, "
        "sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL, title VARCHAR, chain VARCHAR NOT NULL, "
        "expansion VARCHAR, label VARCHAR NOT NULL)",
        "CREATE TABLE entities (id VARCHAR PRIMARY KEY, position INTEGER NOT NULL, name VARCHAR NOT NULL, "
        "type VARCHAR NOT NULL, aliases VARCHAR[] NOT NULL)",
        "CREATE TABLE entity_mentions (entity_id VARCHAR NOT NULL, position INTEGER NOT NULL, "
        "mention_id VARCHAR NOT NULL)",
        "CREATE TABLE claims (id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, span_start INTEGER NOT NULL, "
        "span_end INTEGER NOT NULL, text VARCHAR NOT NULL, sentence_start INTEGER NOT NULL, "
        "sentence_end INTEGER NOT NULL, value DOUBLE, low DOUBLE, high DOUBLE, unit VARCHAR NOT NULL, "
        "measure VARCHAR NOT NULL, counted VARCHAR NOT NULL, place VARCHAR NOT NULL, period VARCHAR NOT NULL, "
        "attributed_to VARCHAR NOT NULL, qualifier VARCHAR NOT NULL, entity_ids VARCHAR[] NOT NULL, "
        "event_id VARCHAR)",
        "CREATE TABLE claim_groups (id VARCHAR PRIMARY KEY, position INTEGER NOT NULL, label VARCHAR NOT NULL, "
        "verdict VARCHAR NOT NULL)",
        "CREATE TABLE claim_group_claims (group_id VARCHAR NOT NULL, position INTEGER NOT NULL, "
        "claim_id VARCHAR NOT NULL)",
    )),
    Migration(2, "times, event mentions, events, quotes, stance evidence, term counts, perspectives", (
        "CREATE TABLE times (doc_id VARCHAR NOT NULL, position INTEGER NOT NULL, span_start INTEGER NOT NULL, "
        "span_end INTEGER NOT NULL, text VARCHAR NOT NULL, value VARCHAR, granularity VARCHAR NOT NULL, "
        "kind VARCHAR NOT NULL, range_start VARCHAR, range_end VARCHAR, anchored BOOLEAN NOT NULL)",
        "CREATE TABLE event_mentions (id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, position INTEGER NOT NULL, "
        "trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL, text VARCHAR NOT NULL, lemma VARCHAR NOT NULL, "
        "sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL, type VARCHAR NOT NULL, mode VARCHAR NOT NULL, "
        "aux_modes VARCHAR[] NOT NULL, negated BOOLEAN NOT NULL, actor_ids VARCHAR[] NOT NULL, "
        "target_ids VARCHAR[] NOT NULL, place_ids VARCHAR[] NOT NULL, actor_text VARCHAR NOT NULL, "
        "target_text VARCHAR NOT NULL, places VARCHAR NOT NULL, time_start INTEGER, time_end INTEGER, date VARCHAR, "
        "date_precision VARCHAR NOT NULL, reported_by VARCHAR NOT NULL)",
        "CREATE TABLE events (id VARCHAR PRIMARY KEY, position INTEGER NOT NULL, type VARCHAR NOT NULL, "
        "mode VARCHAR NOT NULL, date VARCHAR, date_precision VARCHAR NOT NULL, date_conflict BOOLEAN NOT NULL, "
        "dates VARCHAR[] NOT NULL, actor_ids VARCHAR[] NOT NULL, target_ids VARCHAR[] NOT NULL, "
        "places VARCHAR NOT NULL, doc_ids VARCHAR[] NOT NULL, independent_sources INTEGER NOT NULL)",
        "CREATE TABLE event_members (event_id VARCHAR NOT NULL, position INTEGER NOT NULL, "
        "mention_id VARCHAR NOT NULL)",
        "CREATE TABLE quotes (id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, position INTEGER NOT NULL, "
        "span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, text VARCHAR NOT NULL, "
        "sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL, speaker VARCHAR NOT NULL, "
        "speaker_mention_id VARCHAR, kind VARCHAR NOT NULL, cue VARCHAR NOT NULL)",
        "CREATE TABLE stance_evidence (doc_id VARCHAR NOT NULL, position INTEGER NOT NULL, record VARCHAR NOT NULL)",
        "CREATE TABLE term_counts (doc_id VARCHAR NOT NULL, counts VARCHAR NOT NULL)",
        "CREATE TABLE stances (source VARCHAR NOT NULL, position INTEGER NOT NULL, entity_id VARCHAR NOT NULL, "
        "label VARCHAR NOT NULL, score DOUBLE NOT NULL, mentions INTEGER NOT NULL, evidence VARCHAR NOT NULL, "
        "reported VARCHAR NOT NULL)",
        "CREATE TABLE vocabulary (source VARCHAR NOT NULL, position INTEGER NOT NULL, term VARCHAR NOT NULL, "
        "z DOUBLE NOT NULL, count INTEGER NOT NULL, delta DOUBLE NOT NULL)",
        "CREATE TABLE framings (source VARCHAR NOT NULL, position INTEGER NOT NULL, event_id VARCHAR NOT NULL, "
        "terms VARCHAR NOT NULL)",
    )),
    Migration(3, "event participants that only modify a head noun; auxiliary modes of events", (
        "ALTER TABLE event_mentions ADD COLUMN modifier_ids VARCHAR[] DEFAULT []",
        "ALTER TABLE events ADD COLUMN aux_modes VARCHAR[] DEFAULT []",
    )),
    Migration(4, "what the corpus stages derive: events' place conflicts and reports by sentence, event figures", (
        "ALTER TABLE events ADD COLUMN place_conflict VARCHAR DEFAULT '[]'",
        "ALTER TABLE events ADD COLUMN reports VARCHAR DEFAULT '[]'",
        "CREATE TABLE event_figures (event_id VARCHAR NOT NULL, position INTEGER NOT NULL, label VARCHAR NOT NULL, "
        "verdict VARCHAR NOT NULL, group_id VARCHAR, claim_ids VARCHAR[] NOT NULL)",
    )),
    Migration(5, "the confidence of a stance; the resolved entity of a quote's speaker", (
        "ALTER TABLE stances ADD COLUMN confidence DOUBLE DEFAULT 0",
        "ALTER TABLE quotes ADD COLUMN speaker_entity_id VARCHAR",
    )),
    Migration(6, "the confidence of event mentions and events", (
        "ALTER TABLE event_mentions ADD COLUMN confidence DOUBLE DEFAULT 1.0",
        "ALTER TABLE events ADD COLUMN confidence DOUBLE DEFAULT 1.0",
    )),
    Migration(7, "the evidence of each mention's type; forms judged no names, with the reason", (
        "ALTER TABLE mentions ADD COLUMN evidence VARCHAR DEFAULT '[]'",
        "CREATE TABLE dropped_names (id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, span_start INTEGER NOT NULL, "
        "span_end INTEGER NOT NULL, text VARCHAR NOT NULL, sentence_start INTEGER NOT NULL, "
        "sentence_end INTEGER NOT NULL, label VARCHAR NOT NULL, reason VARCHAR NOT NULL, evidence VARCHAR NOT NULL)",
    )),
    Migration(8, "rows written per document and table, the digest of what the corpus stages last read", (
        "CREATE TABLE document_rows (doc_id VARCHAR NOT NULL, table_name VARCHAR NOT NULL, row_count INTEGER NOT NULL)",
        "CREATE TABLE corpus_state (digest VARCHAR NOT NULL, made_at TIMESTAMP DEFAULT current_timestamp)",
    )),
    Migration(9, "what an event mention is about that is no participant (a number, an abstract noun)", (
        "ALTER TABLE event_mentions ADD COLUMN theme_text VARCHAR DEFAULT ''",
    )),
)
"""Every schema step, in order. Never edit a released one: add a new number."""

SCHEMA_VERSION = max(m.number for m in MIGRATIONS)
