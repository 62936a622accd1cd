// Scenario-style generations (seed 001). Separate from the PiktID `assets` table because the
// shape differs: ~70 types, parent and root chains, models and inferences, three privacies and
// free-form tags (the PiktID 4-bit tag mask cannot hold a vocabulary).
//
// Tables come first and indexes after the bulk load, as for the main catalog.
//
// note: these constants are also migration step 6's DDL (through fillScenario), so they are frozen
// on purpose at v6: editing them would change what step 6 made in catalogs already upgraded. A
// later change goes in a constant of its own, run by createSchema/createIndexes and its own step.

/** privacy codes: 0 = private (author only), 1 = unlisted (author's team), 2 = public (everyone). */
export const SCENARIO_PRIVACY_CODES = { private: 0, unlisted: 1, public: 2 } as const
export const SCENARIO_PRIVACY_NAMES = ['private', 'unlisted', 'public'] as const

export const SCENARIO_TABLES_DDL = `
CREATE TABLE IF NOT EXISTS scenario_models (
  id         INTEGER PRIMARY KEY,
  public_id  TEXT NOT NULL UNIQUE,
  name       TEXT NOT NULL,
  author_id  INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL
) STRICT;

-- type: one of seed 001's asset types; kind: image|video|audio|3d|…, derived from type.
-- parent_id: the asset this one was made from; root_id: the first asset of its chain (NULL
-- for a root). inference_id groups the outputs of one generation request.
CREATE TABLE IF NOT EXISTS scenario_assets (
  id           INTEGER PRIMARY KEY,
  public_id    TEXT NOT NULL,
  author_id    INTEGER NOT NULL REFERENCES users(id),
  type         TEXT NOT NULL,
  kind         TEXT NOT NULL,
  privacy      INTEGER NOT NULL,
  name         TEXT,
  prompt       TEXT,
  model_id     INTEGER,
  inference_id TEXT,
  parent_id    INTEGER,
  root_id      INTEGER,
  mime_type    TEXT NOT NULL,
  width        INTEGER,
  height       INTEGER,
  size         INTEGER NOT NULL,
  duration     REAL,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS scenario_tags (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE IF NOT EXISTS scenario_asset_tags (
  tag_id   INTEGER NOT NULL,
  asset_id INTEGER NOT NULL,
  PRIMARY KEY (tag_id, asset_id)
) STRICT, WITHOUT ROWID;
`

// Lists are read newest (or oldest) first within what a caller may see, so each sort field has
// an index led by the visibility columns; the filters that narrow hardest (inference, parent,
// root, model) get their own indexes ending in the sort keys, so a filtered page is a seek.
export const SCENARIO_INDEXES_DDL = `
CREATE UNIQUE INDEX IF NOT EXISTS scenario_assets_public_id ON scenario_assets(public_id);
CREATE INDEX IF NOT EXISTS scenario_assets_seg_created ON scenario_assets(author_id, privacy, created_at, id);
CREATE INDEX IF NOT EXISTS scenario_assets_seg_updated ON scenario_assets(author_id, privacy, updated_at, id);
CREATE INDEX IF NOT EXISTS scenario_assets_privacy_created ON scenario_assets(privacy, created_at, id);
CREATE INDEX IF NOT EXISTS scenario_assets_privacy_updated ON scenario_assets(privacy, updated_at, id);
CREATE INDEX IF NOT EXISTS scenario_assets_type_created ON scenario_assets(type, created_at, id);
CREATE INDEX IF NOT EXISTS scenario_assets_seg_type_created ON scenario_assets(author_id, privacy, type, created_at, id);
CREATE INDEX IF NOT EXISTS scenario_assets_model ON scenario_assets(model_id, created_at, id);
CREATE INDEX IF NOT EXISTS scenario_assets_inference ON scenario_assets(inference_id, created_at, id);
CREATE INDEX IF NOT EXISTS scenario_assets_parent ON scenario_assets(parent_id, created_at, id);
CREATE INDEX IF NOT EXISTS scenario_assets_root ON scenario_assets(root_id, created_at, id);
CREATE INDEX IF NOT EXISTS scenario_asset_tags_asset ON scenario_asset_tags(asset_id, tag_id);
`
