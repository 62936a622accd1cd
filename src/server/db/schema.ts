// Catalog schema. Tables are created first; secondary indexes, the full-text index and its
// triggers come after a bulk load (see `createIndexes`), because building an index once over
// sorted input is far cheaper than maintaining it row by row during a million inserts.

/** Version of a new catalog; older catalogs are brought up to it by migrations.ts. */
export const SCHEMA_VERSION = 9

export const TABLES_DDL = `
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS users (
  id         INTEGER PRIMARY KEY,
  username   TEXT NOT NULL UNIQUE,
  group_name TEXT NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS tokens (
  token   TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  scopes  TEXT NOT NULL DEFAULT ''
) STRICT;

-- visibility: PROJECTS_VISIBILITY_DDL adds it (since v3).
CREATE TABLE IF NOT EXISTS projects (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  key        TEXT NOT NULL UNIQUE,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL
) STRICT;

-- visibility: 0 = private, 1 = shared, 2 = public (see VISIBILITY_CODES).
-- tags: bitmask over PIKTID_TAGS (bit 0 = model, 1 = product, 2 = background, 3 = other).
CREATE TABLE IF NOT EXISTS assets (
  id           INTEGER PRIMARY KEY,
  public_id    TEXT NOT NULL,
  filename     TEXT NOT NULL COLLATE NOCASE,
  created_at   TEXT NOT NULL,
  created_by   INTEGER NOT NULL,
  visibility   INTEGER NOT NULL,
  width        INTEGER NOT NULL,
  height       INTEGER NOT NULL,
  styling_note TEXT,
  detected     TEXT,
  project_id   INTEGER,
  tags         INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Row counts per (owner, visibility, tag bitmask), kept exact by triggers, so a total that
-- depends only on visibility, ownership, uploader and tags never needs a scan.
CREATE TABLE IF NOT EXISTS asset_counts (
  created_by INTEGER NOT NULL,
  visibility INTEGER NOT NULL,
  tags       INTEGER NOT NULL,
  n          INTEGER NOT NULL,
  PRIMARY KEY (created_by, visibility, tags)
) STRICT, WITHOUT ROWID;
`

/**
 * Step 3 (v3), for the PiktID gallery: 0 = private to the owner, 1 = shared with the owner's
 * group. note: frozen on purpose, as migration step 3 runs it too (see schema-gallery.ts).
 */
export const PROJECTS_VISIBILITY_DDL = `ALTER TABLE projects ADD COLUMN visibility INTEGER NOT NULL DEFAULT 1;`

// Every list query is a merge of (created_by, visibility) segments, each read in sort order
// straight from one of these indexes. public_id is the tie-break (so equal timestamps or
// filenames still give a total order), and tags/project_id/created_at ride along so that
// filtering and counting never touch the table.
export const INDEXES_DDL = `
CREATE UNIQUE INDEX IF NOT EXISTS assets_public_id ON assets(public_id);
CREATE INDEX IF NOT EXISTS assets_seg_created ON assets(created_by, visibility, created_at, public_id, tags, project_id);
CREATE INDEX IF NOT EXISTS assets_seg_filename ON assets(created_by, visibility, filename, public_id, tags, project_id, created_at);
CREATE INDEX IF NOT EXISTS assets_project ON assets(project_id);

CREATE VIRTUAL TABLE IF NOT EXISTS assets_fts USING fts5(
  filename, content='assets', content_rowid='id', tokenize='trigram', detail='full'
);
`

export const FTS_REBUILD_SQL = `INSERT INTO assets_fts(assets_fts) VALUES('rebuild');`

export const COUNTS_REBUILD_SQL = `
DELETE FROM asset_counts;
INSERT INTO asset_counts (created_by, visibility, tags, n)
  SELECT created_by, visibility, tags, count(*) FROM assets INDEXED BY assets_seg_created
   GROUP BY created_by, visibility, tags;
`

export const TRIGGERS_DDL = `
CREATE TRIGGER IF NOT EXISTS assets_fts_ai AFTER INSERT ON assets BEGIN
  INSERT INTO assets_fts(rowid, filename) VALUES (new.id, new.filename);
END;
CREATE TRIGGER IF NOT EXISTS assets_fts_ad AFTER DELETE ON assets BEGIN
  INSERT INTO assets_fts(assets_fts, rowid, filename) VALUES ('delete', old.id, old.filename);
END;
CREATE TRIGGER IF NOT EXISTS assets_fts_au AFTER UPDATE OF filename ON assets BEGIN
  INSERT INTO assets_fts(assets_fts, rowid, filename) VALUES ('delete', old.id, old.filename);
  INSERT INTO assets_fts(rowid, filename) VALUES (new.id, new.filename);
END;
CREATE TRIGGER IF NOT EXISTS asset_counts_ai AFTER INSERT ON assets BEGIN
  INSERT INTO asset_counts (created_by, visibility, tags, n) VALUES (new.created_by, new.visibility, new.tags, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS asset_counts_ad AFTER DELETE ON assets BEGIN
  UPDATE asset_counts SET n = n - 1
   WHERE created_by = old.created_by AND visibility = old.visibility AND tags = old.tags;
END;
CREATE TRIGGER IF NOT EXISTS asset_counts_au AFTER UPDATE OF created_by, visibility, tags ON assets BEGIN
  UPDATE asset_counts SET n = n - 1
   WHERE created_by = old.created_by AND visibility = old.visibility AND tags = old.tags;
  INSERT INTO asset_counts (created_by, visibility, tags, n) VALUES (new.created_by, new.visibility, new.tags, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;
`

export const VISIBILITY_CODES = { private: 0, shared: 1, public: 2 } as const
export const VISIBILITY_NAMES = ['private', 'shared', 'public'] as const
