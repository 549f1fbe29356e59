// The logs as the relational database they implicitly are. One schema for real and synthetic data, so the
// same queries (and the fidelity checks) run on both. Keys are declared and enforced (PRAGMA foreign_keys = ON).

export const TABLES = ['meta', 'templates', 'states', 'transitions', 'slot_models', 'traces', 'events', 'parameters'] as const;
export type TableName = (typeof TABLES)[number];

export const SCHEMA_SQL = `
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE templates (
  event_id TEXT PRIMARY KEY,
  template TEXT NOT NULL,
  occurrences INTEGER NOT NULL
);
CREATE TABLE states (
  state_id INTEGER PRIMARY KEY,
  label TEXT NOT NULL CHECK (label IN ('Normal', 'Anomaly', 'Unlabeled')),
  is_initial INTEGER NOT NULL CHECK (is_initial IN (0, 1)),
  visits INTEGER NOT NULL,
  final_count INTEGER NOT NULL
);
CREATE TABLE transitions (
  transition_id INTEGER PRIMARY KEY,
  from_state INTEGER NOT NULL REFERENCES states (state_id),
  to_state INTEGER NOT NULL REFERENCES states (state_id),
  event_id TEXT NOT NULL REFERENCES templates (event_id),
  count INTEGER NOT NULL,
  probability REAL NOT NULL CHECK (probability >= 0 AND probability <= 1),
  dt_n INTEGER,
  dt_mean_ms REAL,
  dt_std_ms REAL,
  dt_min_ms REAL,
  dt_max_ms REAL,
  UNIQUE (from_state, event_id)
);
CREATE TABLE slot_models (
  event_id TEXT NOT NULL REFERENCES templates (event_id),
  slot INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('identifier', 'numeric', 'categorical', 'pattern', 'constant')),
  id_group INTEGER,
  n INTEGER NOT NULL,
  distinct_values INTEGER NOT NULL,
  model_json TEXT NOT NULL,
  PRIMARY KEY (event_id, slot)
);
CREATE TABLE traces (
  trace_id TEXT PRIMARY KEY,
  label TEXT CHECK (label IN ('Normal', 'Anomaly')),
  length INTEGER NOT NULL,
  start_ms REAL,
  end_ms REAL
);
CREATE TABLE events (
  trace_id TEXT NOT NULL REFERENCES traces (trace_id),
  seq INTEGER NOT NULL,
  event_id TEXT NOT NULL REFERENCES templates (event_id),
  time_ms REAL,
  line_id INTEGER,
  transition_id INTEGER REFERENCES transitions (transition_id),
  content TEXT,
  PRIMARY KEY (trace_id, seq)
);
CREATE TABLE parameters (
  trace_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  slot INTEGER NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (trace_id, seq, slot),
  FOREIGN KEY (trace_id, seq) REFERENCES events (trace_id, seq)
);
CREATE INDEX events_by_event ON events (event_id);
CREATE INDEX transitions_by_from ON transitions (from_state);
`;
