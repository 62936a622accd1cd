import type { Catalog } from '../../db/catalog-db'
import type { Segment } from '../../db/asset-query'
import type { SeekPosition } from './token'
import type { ScenarioListParams } from './query'

// Reading Scenario generations from the catalog: keyset pages (sort value, id) within a set of
// visible (author, privacy) segments, with every seed 001 filter as a prepared-statement
// parameter. Statements are cached by their SQL text in the catalog's one statement cache.

export interface ScenarioRow {
  id: number
  public_id: string
  author: string
  author_group: string
  author_id: number
  type: string
  kind: string
  privacy: number
  name: string | null
  prompt: string | null
  model_public_id: string | null
  inference_id: string | null
  parent_public_id: string | null
  root_public_id: string | null
  mime_type: string
  width: number | null
  height: number | null
  size: number
  duration: number | null
  created_at: string
  updated_at: string
  tag_names: string | null
}

const ROW_SQL = `SELECT a.id, a.public_id, u.username AS author, u.group_name AS author_group, a.author_id, a.type,
    a.kind, a.privacy, a.name, a.prompt, m.public_id AS model_public_id, a.inference_id,
    p.public_id AS parent_public_id, r.public_id AS root_public_id, a.mime_type, a.width, a.height, a.size,
    a.duration, a.created_at, a.updated_at,
    (SELECT group_concat(t.name, ',') FROM scenario_asset_tags j JOIN scenario_tags t ON t.id = j.tag_id
      WHERE j.asset_id = a.id) AS tag_names
  FROM scenario_assets a
  JOIN users u ON u.id = a.author_id
  LEFT JOIN scenario_models m ON m.id = a.model_id
  LEFT JOIN scenario_assets p ON p.id = a.parent_id
  LEFT JOIN scenario_assets r ON r.id = a.root_id`

export interface ScenarioQueries {
  /** Up to `limit` rows after `seek`, in the requested order; ids the filters name are resolved first. */
  page(
    params: ScenarioListParams,
    segments: readonly Segment[],
    seek: SeekPosition | undefined,
    limit: number,
  ): ScenarioRow[]
  byPublicId(publicId: string): ScenarioRow | undefined
  /** Every model, by name then id, with its author (few: a team trains a handful). */
  models(): ScenarioModelRow[]
  /**
   * Up to `limit` inferences of one model after `seek`, newest first: those with at least one
   * output in `segments`, counted and described from those outputs only.
   */
  inferences(
    modelPublicId: string,
    segments: readonly Segment[],
    seek: SeekPosition | undefined,
    limit: number,
  ): ScenarioInferenceRow[]
}

interface ScenarioInferenceRow {
  inference_id: string
  /** The lowest row id among its outputs: the tie-break of its place in the list. */
  first_id: number
  created_at: string
  author: string
  type: string
  prompt: string | null
  images: number
}

export interface ScenarioModelRow {
  id: number
  public_id: string
  name: string
  author_id: number
  author: string
  author_group: string
  created_at: string
}

/** The filters that name a row by its public id (or a user by name): parameter, column, lookup. */
const ID_FILTERS = [
  ['modelId', 'a.model_id', 'SELECT id FROM scenario_models WHERE public_id = ?'],
  ['authorId', 'a.author_id', 'SELECT id FROM users WHERE username = ?'],
  ['parentAssetId', 'a.parent_id', 'SELECT id FROM scenario_assets WHERE public_id = ?'],
  ['rootAssetId', 'a.root_id', 'SELECT id FROM scenario_assets WHERE public_id = ?'],
] as const

export function scenarioQueries(catalog: Catalog): ScenarioQueries {
  const idOf = (sql: string, value: string): number | null =>
    (catalog.statement(sql).get(value) as { id: number } | undefined)?.id ?? null

  return {
    page(p, segments, seek, limit) {
      if (segments.length === 0) return []
      const where: string[] = []
      const args: Record<string, unknown> = { limit }
      if (p.types) {
        // Listed, not json_each: the planner then weighs the type index against the ordered walk.
        where.push(`a.type IN (${p.types.map((_, i) => `@t${i}`).join(', ')})`)
        p.types.forEach((t, i) => (args[`t${i}`] = t))
      }
      // Ids the caller names that do not exist match nothing (-1 is never a row id).
      if (p.inferenceId !== undefined) {
        where.push('a.inference_id = @inference')
        args.inference = p.inferenceId
      }
      ID_FILTERS.forEach(([param, column, lookUp], i) => {
        const value = p[param]
        if (value === undefined) return
        where.push(`${column} = @id${i}`)
        args[`id${i}`] = idOf(lookUp, value) ?? -1
      })
      if (p.tags) {
        // Every listed tag must be on the asset: one primary-key probe per tag and candidate row,
        // so a popular tag fills a page after a short walk. Unknown tags match nothing.
        p.tags.forEach((name, i) => {
          where.push(`EXISTS (SELECT 1 FROM scenario_asset_tags j WHERE j.tag_id = @tag${i} AND j.asset_id = a.id)`)
          args[`tag${i}`] = idOf('SELECT id FROM scenario_tags WHERE name = ?', name) ?? -1
        })
      }
      const column = p.sortBy === 'createdAt' ? 'created_at' : 'updated_at'
      if (p.after !== undefined) {
        where.push(`a.${column} > @after`)
        args.after = p.after
      }
      if (p.before !== undefined) {
        where.push(`a.${column} < @before`)
        args.before = p.before
      }
      const desc = p.sortDirection === 'desc'
      if (seek) {
        where.push(`(a.${column}, a.id) ${desc ? '<' : '>'} (@seekValue, @seekId)`)
        args.seekValue = seek.sortValue
        args.seekId = seek.id
      }
      const dir = desc ? 'DESC' : 'ASC'
      // One arm per visible (author, privacy) segment, each read in order from its own index
      // range and cut at `limit`; the merge of the arms is cut again. A page never sorts the
      // whole visible set.
      const arms = segments.map((s, i) => {
        args[`o${i}`] = s.owner
        args[`v${i}`] = s.visibility
        const filter = [`a.author_id = @o${i}`, `a.privacy = @v${i}`, ...where].join(' AND ')
        return `SELECT * FROM (SELECT a.id, a.${column} AS k FROM scenario_assets a WHERE ${filter}
          ORDER BY a.${column} ${dir}, a.id ${dir} LIMIT @limit)`
      })
      const sql = `WITH page AS (${arms.join(' UNION ALL ')} ORDER BY k ${dir}, id ${dir} LIMIT @limit)
        ${ROW_SQL} JOIN page ON page.id = a.id ORDER BY page.k ${dir}, page.id ${dir}`
      return catalog.statement(sql).all(args) as ScenarioRow[]
    },
    byPublicId(publicId) {
      return catalog.statement(`${ROW_SQL} WHERE a.public_id = ?`).get(publicId) as ScenarioRow | undefined
    },
    inferences(modelPublicId, segments, seek, limit) {
      const model = idOf('SELECT id FROM scenario_models WHERE public_id = ?', modelPublicId)
      if (model === null || segments.length === 0) return []
      const args: Record<string, unknown> = { model, limit }
      const visible = segments.map((s, i) => {
        args[`o${i}`] = s.owner
        args[`v${i}`] = s.visibility
        return `(a.author_id = @o${i} AND a.privacy = @v${i})`
      })
      // An inference's outputs share its model; read through the model index, grouped per run.
      let having = ''
      if (seek) {
        having = 'HAVING (min(a.created_at), min(a.id)) < (@seekValue, @seekId)'
        args.seekValue = seek.sortValue
        args.seekId = seek.id
      }
      const sql = `SELECT a.inference_id, min(a.id) AS first_id, min(a.created_at) AS created_at,
          min(u.username) AS author, min(a.type) AS type, min(a.prompt) AS prompt, count(*) AS images
        FROM scenario_assets a JOIN users u ON u.id = a.author_id
        WHERE a.model_id = @model AND a.inference_id IS NOT NULL AND (${visible.join(' OR ')})
        GROUP BY a.inference_id ${having}
        ORDER BY created_at DESC, first_id DESC LIMIT @limit`
      return catalog.statement(sql).all(args) as ScenarioInferenceRow[]
    },
    models() {
      return catalog
        .statement(
          `SELECT m.id, m.public_id, m.name, m.author_id, u.username AS author, u.group_name AS author_group,
              m.created_at
            FROM scenario_models m JOIN users u ON u.id = m.author_id
            ORDER BY m.name, m.id`,
        )
        .all() as ScenarioModelRow[]
    },
  }
}
