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
}

export function scenarioQueries(catalog: Catalog): ScenarioQueries {
  const idOf = (sql: string, value: string): number | null =>
    (catalog.statement(sql).get(value) as { id: number } | undefined)?.id ?? null

  return {
    page(p, segments, seek, limit) {
      if (segments.length === 0) return []
      const where: string[] = []
      const args: Record<string, unknown> = { limit }
      where.push(`(a.author_id, a.privacy) IN (VALUES ${segments.map((_, i) => `(@o${i}, @v${i})`).join(', ')})`)
      segments.forEach((s, i) => {
        args[`o${i}`] = s.owner
        args[`v${i}`] = s.visibility
      })
      if (p.types) {
        where.push(`a.type IN (SELECT value FROM json_each(@types))`)
        args.types = JSON.stringify(p.types)
      }
      // Ids the caller names that do not exist match nothing (-1 is never a row id).
      if (p.inferenceId !== undefined) {
        where.push('a.inference_id = @inference')
        args.inference = p.inferenceId
      }
      if (p.modelId !== undefined) {
        where.push('a.model_id = @model')
        args.model = idOf('SELECT id FROM scenario_models WHERE public_id = ?', p.modelId) ?? -1
      }
      if (p.authorId !== undefined) {
        where.push('a.author_id = @author')
        args.author = idOf('SELECT id FROM users WHERE username = ?', p.authorId) ?? -1
      }
      if (p.parentAssetId !== undefined) {
        where.push('a.parent_id = @parent')
        args.parent = idOf('SELECT id FROM scenario_assets WHERE public_id = ?', p.parentAssetId) ?? -1
      }
      if (p.rootAssetId !== undefined) {
        where.push('a.root_id = @root')
        args.root = idOf('SELECT id FROM scenario_assets WHERE public_id = ?', p.rootAssetId) ?? -1
      }
      if (p.tags) {
        // Every listed tag must be on the asset.
        where.push(`a.id IN (SELECT j.asset_id FROM scenario_asset_tags j JOIN scenario_tags t ON t.id = j.tag_id
          WHERE t.name IN (SELECT value FROM json_each(@tags)) GROUP BY j.asset_id HAVING count(*) = @tagCount)`)
        args.tags = JSON.stringify(p.tags)
        args.tagCount = p.tags.length
      }
      const column = p.sortBy === 'createdAt' ? 'a.created_at' : 'a.updated_at'
      if (p.after !== undefined) {
        where.push(`${column} > @after`)
        args.after = p.after
      }
      if (p.before !== undefined) {
        where.push(`${column} < @before`)
        args.before = p.before
      }
      const desc = p.sortDirection === 'desc'
      if (seek) {
        where.push(`(${column}, a.id) ${desc ? '<' : '>'} (@seekValue, @seekId)`)
        args.seekValue = seek.sortValue
        args.seekId = seek.id
      }
      const dir = desc ? 'DESC' : 'ASC'
      const sql = `${ROW_SQL} WHERE ${where.join(' AND ')} ORDER BY ${column} ${dir}, a.id ${dir} LIMIT @limit`
      return catalog.statement(sql).all(args) as ScenarioRow[]
    },
    byPublicId(publicId) {
      return catalog.statement(`${ROW_SQL} WHERE a.public_id = ?`).get(publicId) as ScenarioRow | undefined
    },
  }
}
