import GRDB

/// The store's schema, as named migrations run in order when a store is opened.
enum Migrations {
    /// The migrator holding every migration, oldest first.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            // The case history: one global, append-only, hash-chained sequence of events.
            try db.execute(sql: """
                CREATE TABLE events (
                    seq         INTEGER PRIMARY KEY,
                    case_id     TEXT NOT NULL,
                    kind        TEXT NOT NULL,
                    at          INTEGER NOT NULL,
                    recorded_by TEXT,
                    payload     TEXT NOT NULL,
                    source      TEXT,
                    external_id TEXT,
                    hash        TEXT NOT NULL,
                    prev_hash   TEXT NOT NULL
                );
                CREATE INDEX events_by_case ON events(case_id, seq);
                CREATE UNIQUE INDEX events_by_external_id
                    ON events(ifnull(source, ''), external_id) WHERE external_id IS NOT NULL;
                CREATE TRIGGER events_are_never_updated BEFORE UPDATE ON events
                BEGIN
                    SELECT RAISE(ABORT, 'events are append-only: a recorded event cannot be changed');
                END;
                CREATE TRIGGER events_are_never_deleted BEFORE DELETE ON events
                BEGIN
                    SELECT RAISE(ABORT, 'events are append-only: a recorded event cannot be deleted');
                END;

                -- The newest event as the store recorded it, updated in the same transaction as the events.
                CREATE TABLE chain_head (
                    id   INTEGER PRIMARY KEY CHECK (id = 1),
                    seq  INTEGER NOT NULL,
                    hash TEXT NOT NULL
                );

                -- Projections: caches derived from the events, rebuildable at any time.
                CREATE TABLE cases (
                    id             TEXT PRIMARY KEY,
                    status         TEXT NOT NULL CHECK (status IN ('open', 'closed')),
                    opened_at      INTEGER NOT NULL,
                    opened_seq     INTEGER NOT NULL REFERENCES events(seq),
                    plugin_id      TEXT NOT NULL,
                    area           TEXT,
                    risk_band      TEXT,
                    marac          INTEGER,
                    next_deadline  INTEGER,
                    closed_at      INTEGER,
                    outcome        TEXT,
                    closure_reason TEXT,
                    event_count    INTEGER NOT NULL,
                    last_seq       INTEGER NOT NULL,
                    last_event_at  INTEGER NOT NULL
                );
                CREATE INDEX cases_by_status ON cases(status, risk_band);
                CREATE INDEX cases_by_next_deadline ON cases(next_deadline) WHERE next_deadline IS NOT NULL;
                CREATE TABLE case_deadlines (
                    case_id     TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                    deadline_id TEXT NOT NULL,
                    due         INTEGER NOT NULL,
                    PRIMARY KEY (case_id, deadline_id)
                );
                CREATE INDEX case_deadlines_by_due ON case_deadlines(due);
                CREATE TABLE case_referrals (
                    case_id  TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    partner  TEXT NOT NULL,
                    kind     TEXT NOT NULL,
                    consent  TEXT NOT NULL,
                    status   TEXT NOT NULL,
                    PRIMARY KEY (case_id, position)
                );
                CREATE TABLE referrals_sent (
                    seq     INTEGER PRIMARY KEY REFERENCES events(seq),
                    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                    partner TEXT NOT NULL,
                    kind    TEXT NOT NULL,
                    consent TEXT NOT NULL
                );
                CREATE TABLE property_signals (
                    seq          INTEGER PRIMARY KEY REFERENCES events(seq),
                    property_ref TEXT NOT NULL,
                    signal       TEXT NOT NULL,
                    case_id      TEXT,
                    at           INTEGER NOT NULL
                );
                CREATE INDEX property_signals_by_property ON property_signals(property_ref, seq);
                """)
        }
        return migrator
    }
}
