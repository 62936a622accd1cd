// PiktID generation gallery (seed 002): the images of generation jobs, grouped by project.
// Projects themselves live in `projects` (schema.ts), which gained `visibility` for them.
// Feedback columns hold users' own verdicts: never rebuilt, only migrated (see migrations.ts).
//
// note: each constant here is also one migration step's DDL (step 3 runs the table and its
// indexes, step 4 the added column), so it is frozen on purpose: editing it would change what
// that step made in catalogs already upgraded. A later change goes in a constant of its own,
// listed below for a new catalog (GALLERY_NEW_TABLES_DDL / _INDEXES_DDL) and run by its own step.

/** gallery_images as step 3 (v3) created it. */
export const GALLERY_TABLES_DDL = `
-- One row per (job, image_index, group_index): the latest version of one generated image.
-- status: pending | processing | completed | failed. feedback: like | dislike | NULL.
-- input_count: 1–3 inputs, drawn from the job type and the row's ids (see media/gen-art.ts).
CREATE TABLE IF NOT EXISTS gallery_images (
  id                 INTEGER PRIMARY KEY,
  project_id         INTEGER NOT NULL REFERENCES projects(id),
  job_id             TEXT NOT NULL,
  job_type           TEXT NOT NULL,
  image_index        INTEGER NOT NULL,
  group_index        INTEGER NOT NULL,
  version            INTEGER NOT NULL,
  original_filename  TEXT NOT NULL,
  input_count        INTEGER NOT NULL,
  input_description  TEXT NOT NULL,
  status             TEXT NOT NULL,
  quality_score      REAL,
  processing_time    REAL,
  error_message      TEXT,
  feedback           TEXT,
  feedback_comment   TEXT,
  review_status      TEXT,
  review_annotations TEXT,
  retouch_claim      TEXT,
  created_at         TEXT NOT NULL
) STRICT;
`

/** Step 4 (v4): when the verdict was last changed through the API (NULL for demo verdicts). */
export const GALLERY_FEEDBACK_AT_DDL = `ALTER TABLE gallery_images ADD COLUMN feedback_at TEXT;`

// Images of one project in either sort order straight from an index, with the key as the
// tie-break; status and feedback ride along so filters and counts never touch the table (v3).
export const GALLERY_INDEXES_DDL = `
CREATE UNIQUE INDEX IF NOT EXISTS gallery_images_key ON gallery_images(job_id, image_index, group_index);
CREATE INDEX IF NOT EXISTS gallery_images_by_filename
  ON gallery_images(project_id, original_filename, job_id, image_index, group_index, status, feedback);
CREATE INDEX IF NOT EXISTS gallery_images_by_quality
  ON gallery_images(project_id, quality_score, job_id, image_index, group_index, status, feedback);
CREATE INDEX IF NOT EXISTS gallery_images_by_status ON gallery_images(project_id, status, feedback);
`

/**
 * Step 8 (v8): the project counts and the filters' match counts read status, feedback and review
 * status from one covering index; it replaces gallery_images_by_status, its prefix. Without it a
 * review_status filter reads every image's row (about 3–4× slower on the demo catalog's 57,000
 * images, and it is recounted after every review write).
 */
export const GALLERY_REVIEW_INDEX_DDL = `
CREATE INDEX IF NOT EXISTS gallery_images_by_review ON gallery_images(project_id, status, feedback, review_status);
DROP INDEX IF EXISTS gallery_images_by_status;
`

/**
 * Step 9 (v9), not in seed 002: the pixel size of each image's output, which the server draws it
 * at and sends as `output_dimensions`. The default is the size every output was drawn at before
 * sizes were kept (2:3, 1536 px tall), so a catalog upgraded to it keeps serving what it served;
 * a new demo catalog gives each job a size of its own (demo/gallery.ts).
 */
export const GALLERY_OUTPUT_SIZE_DDL = `
ALTER TABLE gallery_images ADD COLUMN output_width INTEGER NOT NULL DEFAULT 1024;
ALTER TABLE gallery_images ADD COLUMN output_height INTEGER NOT NULL DEFAULT 1536;
`

export type GalleryJobType = 'model_swap' | 'flat_2_model'

/** A new catalog's gallery tables: every step's DDL in step order (createSchema). A new step adds its constant here too. */
export const GALLERY_NEW_TABLES_DDL = [GALLERY_TABLES_DDL, GALLERY_FEEDBACK_AT_DDL, GALLERY_OUTPUT_SIZE_DDL] as const

/** A new catalog's gallery indexes, built after its rows are loaded (createIndexes). */
export const GALLERY_NEW_INDEXES_DDL = [GALLERY_INDEXES_DDL, GALLERY_REVIEW_INDEX_DDL] as const
