import type { VipanyaAsset } from '../../shared/vipanya'

// Vipanya library assets (seed 003): documents, media, links, collections and repositories.
// Separate from the PiktID `assets` table: different ids (UUIDs), titles and slugs, file
// metadata per type, publication state, and rows created through the API that must survive a
// restart next to the generated ones.
//
// note: these constants are also migration step 6's DDL (through fillVipanya), so they are frozen
// on purpose at v6: editing them would change what step 6 made in catalogs already upgraded. A
// later change goes in a constant of its own, run by createSchema/createIndexes and its own step.

export const VIPANYA_TABLES_DDL = `
-- file_path / thumbnail: host-relative path of the file, and whether a thumbnail exists (the
-- server serves a drawn one). is_published: unpublished drafts never appear in the API.
-- created_via_api: 1 for rows added through POST, which a rebuild of generated rows keeps.
CREATE TABLE IF NOT EXISTS vipanya_assets (
  id               INTEGER PRIMARY KEY,
  uuid             TEXT NOT NULL,
  owner_id         INTEGER NOT NULL REFERENCES users(id),
  title            TEXT NOT NULL,
  slug             TEXT NOT NULL,
  description      TEXT NOT NULL DEFAULT '',
  asset_type       TEXT NOT NULL,
  file_path        TEXT,
  file_size        INTEGER,
  mime_type        TEXT,
  has_thumbnail    INTEGER NOT NULL DEFAULT 0,
  page_count       INTEGER,
  word_count       INTEGER,
  width            INTEGER,
  height           INTEGER,
  duration_seconds INTEGER,
  external_url     TEXT,
  video_embed      TEXT,
  download_count   INTEGER NOT NULL DEFAULT 0,
  is_public        INTEGER NOT NULL DEFAULT 0,
  is_published     INTEGER NOT NULL DEFAULT 1,
  created_via_api  INTEGER NOT NULL DEFAULT 0,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
) STRICT;
`

// The list is published rows only, optionally of one type, in one of three sort orders; the
// partial indexes hold exactly the published rows so a page is a short seek at any size.
export const VIPANYA_INDEXES_DDL = `
CREATE UNIQUE INDEX IF NOT EXISTS vipanya_assets_uuid ON vipanya_assets(uuid);
CREATE UNIQUE INDEX IF NOT EXISTS vipanya_assets_slug ON vipanya_assets(slug);
CREATE INDEX IF NOT EXISTS vipanya_assets_created ON vipanya_assets(created_at, id) WHERE is_published = 1;
CREATE INDEX IF NOT EXISTS vipanya_assets_updated ON vipanya_assets(updated_at, id) WHERE is_published = 1;
CREATE INDEX IF NOT EXISTS vipanya_assets_title ON vipanya_assets(title COLLATE NOCASE, id) WHERE is_published = 1;
CREATE INDEX IF NOT EXISTS vipanya_assets_type_created ON vipanya_assets(asset_type, created_at, id) WHERE is_published = 1;
CREATE INDEX IF NOT EXISTS vipanya_assets_type_updated ON vipanya_assets(asset_type, updated_at, id) WHERE is_published = 1;
CREATE INDEX IF NOT EXISTS vipanya_assets_type_title ON vipanya_assets(asset_type, title COLLATE NOCASE, id) WHERE is_published = 1;
`

/**
 * A row of `vipanya_assets` as the API reads it. The columns named like VipanyaAsset's fields
 * (shared/vipanya.ts) hold what those fields are made from, with the same types; some mean other
 * things here (file_path: the catalogued path, not the served URL).
 */
export interface VipanyaRow
  extends
    Pick<
      VipanyaAsset,
      | 'title'
      | 'slug'
      | 'description'
      | 'asset_type'
      | 'file_path'
      | 'file_size'
      | 'mime_type'
      | 'download_count'
      | 'created_at'
      | 'updated_at'
    >,
    Required<
      Pick<
        VipanyaAsset,
        'page_count' | 'word_count' | 'width' | 'height' | 'duration_seconds' | 'external_url' | 'video_embed'
      >
    > {
  id: number
  uuid: string
  owner_id: number
  has_thumbnail: number
  is_public: number
  is_published: number
}
