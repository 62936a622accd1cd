import { segmentKey, type Catalog } from './catalog-db'
import { perCatalog } from './per-catalog'
import { totalsOf } from './totals'
import type { SortOrder } from '../../shared/sort-order'

// Listing and counting assets for any dialect. A query is a set of (owner, visibility)
// segments -- which is how visibility rules are expressed -- plus filters. Each segment is
// read in sort order from a covering index and SQLite merges the segments (UNION ALL with an
// ORDER BY on the compound), so a page never needs a sort of the whole visible set.

export interface Segment {
  owner: number
  visibility: number
}

interface AssetFilters {
  segments: readonly Segment[]
  /** Exclusive bounds, canonical ISO strings as stored. */
  createdAfter?: string | undefined
  createdBefore?: string | undefined
  /** Tag bitmasks: every bit of includeTags set, no bit of excludeTags set. */
  includeTags: number
  excludeTags: number
  /** Free text matched case-insensitively against tag names, filename and project name. */
  search?: string | undefined
  /** Tag names by bit, for matching `search` against tags. */
  tagNames: readonly string[]
}

type AssetSortField = 'created_at' | 'filename'

export interface AssetRow {
  id: number
  public_id: string
  filename: string
  created_at: string
  created_by: string
  owner_id: number
  visibility: number
  width: number
  height: number
  styling_note: string | null
  detected: string | null
  tags: number
  project_id: number | null
  project_name: string | null
  project_key: string | null
}

export interface AssetQueries {
  count(filters: AssetFilters): number
  /** `knownTotal` (from `count`) lets a small, text-driven result skip the ordered scans. */
  page(
    filters: AssetFilters,
    sort: AssetSortField,
    order: SortOrder,
    limit: number,
    offset: number,
    knownTotal?: number,
  ): AssetRow[]
  byPublicId(publicId: string): AssetRow | undefined
}

interface SearchSpec {
  tagMask: number
  projectIds: string
  fts: string | null
  lowered: string
}

/** Below this many matches a filename search reads its matches and sorts them directly. */
const SMALL_TEXT_RESULT = 5000
const DATE_MIN = ''
const DATE_MAX = '\uffff'

const ROW_COLUMNS = `a.id, a.public_id, a.filename, a.created_at, u.username AS created_by,
  a.created_by AS owner_id, a.visibility, a.width, a.height, a.styling_note, a.detected, a.tags,
  a.project_id, p.name AS project_name, p.key AS project_key`

/**
 * `term` as one FTS5 phrase, or null when FTS5 cannot take it: its query parser ends a string at
 * NUL ("unterminated string"), so such a term is matched with instr() instead. The dialects
 * refuse control characters before this; the guard keeps the query safe for any other caller.
 */
function ftsPhrase(term: string): string | null {
  if (term.includes('\u0000')) return null
  return `"${term.replace(/"/g, '""')}"`
}

/** The asset queries of a catalog, shared by every dialect (totals in the catalog's one cache). */
export const assetQueriesFor = perCatalog(createAssetQueries)

function createAssetQueries(catalog: Catalog): AssetQueries {
  const totals = totalsOf(catalog)
  const prepared = (sql: string) => catalog.statement(sql)

  const selectProjectsByName = prepared(
    `SELECT json_group_array(id) AS ids FROM projects WHERE instr(lower(name), ?) > 0`,
  )
  const selectRowsByIds = prepared(
    `SELECT ${ROW_COLUMNS} FROM assets a JOIN users u ON u.id = a.created_by
       LEFT JOIN projects p ON p.id = a.project_id
      WHERE a.id IN (SELECT value FROM json_each(?))`,
  )
  const selectRowByPublicId = prepared(
    `SELECT ${ROW_COLUMNS} FROM assets a JOIN users u ON u.id = a.created_by
       LEFT JOIN projects p ON p.id = a.project_id
      WHERE a.public_id = ?`,
  )

  const searchSpec = (filters: AssetFilters): SearchSpec | undefined => {
    const term = filters.search?.trim()
    if (!term) return undefined
    const lowered = term.toLowerCase()
    let tagMask = 0
    filters.tagNames.forEach((name, bit) => {
      if (name.includes(lowered)) tagMask |= 1 << bit
    })
    const projects = selectProjectsByName.get(lowered) as { ids: string }
    // The trigram index only answers terms of three characters or more.
    return { tagMask, projectIds: projects.ids, fts: [...term].length >= 3 ? ftsPhrase(term) : null, lowered }
  }

  /** The WHERE clause of segment `i` and the parameters shared by all segments. */
  const armWhere = (i: number, search: SearchSpec | undefined, dateAsRange: boolean): string => {
    const date = dateAsRange
      ? `created_at > @after AND created_at < @before`
      : `+created_at > @after AND +created_at < @before`
    let where = `created_by = @o${i} AND visibility = @v${i} AND ${date}
      AND (tags & @inc) = @inc AND (tags & @exc) = 0`
    if (search) {
      const text = search.fts ? 'id IN m' : 'instr(lower(filename), @lowered) > 0'
      where += ` AND ((tags & @stags) != 0 OR project_id IN (SELECT value FROM json_each(@sprojects)) OR ${text})`
    }
    return where
  }

  const bindings = (filters: AssetFilters, search: SearchSpec | undefined): Record<string, string | number> => {
    const params: Record<string, string | number> = {
      after: filters.createdAfter ?? DATE_MIN,
      before: filters.createdBefore ?? DATE_MAX,
      inc: filters.includeTags,
      exc: filters.excludeTags,
    }
    filters.segments.forEach((s, i) => {
      params[`o${i}`] = s.owner
      params[`v${i}`] = s.visibility
    })
    if (search) {
      params.stags = search.tagMask
      params.sprojects = search.projectIds
      if (search.fts) params.fts = search.fts
      else params.lowered = search.lowered
    }
    return params
  }

  /** Search that only the filename index can answer: drive the query from its matches. */
  const isTextOnly = (search: SearchSpec | undefined): search is SearchSpec & { fts: string } =>
    search !== undefined && search.fts !== null && search.tagMask === 0 && search.projectIds === '[]'

  const textDrivenWhere = (segments: readonly Segment[]): string => {
    const anySegment = segments.map((_, i) => `(a.created_by = @o${i} AND a.visibility = @v${i})`).join(' OR ')
    return `(${anySegment}) AND a.created_at > @after AND a.created_at < @before
      AND (a.tags & @inc) = @inc AND (a.tags & @exc) = 0`
  }

  const textDrivenBindings = (filters: AssetFilters, search: SearchSpec & { fts: string }) => {
    const params = bindings(filters, undefined)
    params.fts = search.fts
    return params
  }

  const withClause = (search: SearchSpec | undefined): string =>
    search?.fts ? `WITH m AS MATERIALIZED (SELECT rowid AS id FROM assets_fts WHERE assets_fts MATCH @fts) ` : ''

  const liveSegments = (filters: AssetFilters): Segment[] => {
    const counts = catalog.segmentCounts()
    return filters.segments.filter((s) => counts.has(segmentKey(s.owner, s.visibility)))
  }

  const countFromAggregates = (segments: Segment[], include: number, exclude: number): number => {
    const counts = catalog.segmentCounts()
    let total = 0
    for (const s of segments) {
      const slots = counts.get(segmentKey(s.owner, s.visibility))
      if (!slots) continue
      slots.forEach((n, mask) => {
        if ((mask & include) === include && (mask & exclude) === 0) total += n
      })
    }
    return total
  }

  return {
    count(filters) {
      const segments = liveSegments(filters)
      if (segments.length === 0) return 0
      const narrowed = { ...filters, segments }
      if (!filters.search?.trim() && !filters.createdAfter && !filters.createdBefore) {
        return countFromAggregates(segments, filters.includeTags, filters.excludeTags)
      }
      const cacheKey = JSON.stringify([
        segments,
        filters.createdAfter,
        filters.createdBefore,
        filters.includeTags,
        filters.excludeTags,
        filters.search?.trim().toLowerCase(),
      ])
      return totals.total(`assets|${cacheKey}`, () => {
        const search = searchSpec(narrowed)
        if (isTextOnly(search)) {
          const sql = `${withClause(search)}SELECT count(*) AS n FROM m JOIN assets a ON a.id = m.id
            WHERE ${textDrivenWhere(segments)}`
          return (prepared(sql).get(textDrivenBindings(narrowed, search)) as { n: number }).n
        }
        const parts = segments.map(
          (_, i) => `(SELECT count(*) FROM assets INDEXED BY assets_seg_created WHERE ${armWhere(i, search, true)})`,
        )
        const sql = `${withClause(search)}SELECT ${parts.join(' + ')} AS n`
        return (prepared(sql).get(bindings(narrowed, search)) as { n: number }).n
      })
    },

    page(filters, sort, order, limit, offset, knownTotal) {
      const segments = liveSegments(filters)
      if (segments.length === 0 || limit <= 0) return []
      const narrowed = { ...filters, segments }
      const search = searchSpec(narrowed)
      const dir = order === 'asc' ? 'ASC' : 'DESC'
      let sql: string
      let params: Record<string, string | number>
      if (isTextOnly(search) && knownTotal !== undefined && knownTotal <= SMALL_TEXT_RESULT) {
        sql = `${withClause(search)}SELECT a.id AS rid, a.public_id AS pid, a.${sort} AS k
          FROM m JOIN assets a ON a.id = m.id WHERE ${textDrivenWhere(segments)}
          ORDER BY k ${dir}, pid ${dir} LIMIT @limit OFFSET @offset`
        params = { ...textDrivenBindings(narrowed, search), limit, offset }
      } else {
        const index = sort === 'filename' ? 'assets_seg_filename' : 'assets_seg_created'
        const arms = segments.map(
          (_, i) =>
            `SELECT id AS rid, public_id AS pid, ${sort} AS k FROM assets INDEXED BY ${index}
              WHERE ${armWhere(i, search, sort === 'created_at')}`,
        )
        sql = `${withClause(search)}${arms.join(' UNION ALL ')} ORDER BY k ${dir}, pid ${dir} LIMIT @limit OFFSET @offset`
        params = { ...bindings(narrowed, search), limit, offset }
      }
      const ids = (prepared(sql).all(params) as { rid: number }[]).map((r) => r.rid)
      if (ids.length === 0) return []
      const rows = selectRowsByIds.all(JSON.stringify(ids)) as AssetRow[]
      const byId = new Map(rows.map((r) => [r.id, r]))
      return ids.flatMap((id) => {
        const row = byId.get(id)
        return row ? [row] : []
      })
    },

    byPublicId(publicId) {
      return selectRowByPublicId.get(publicId) as AssetRow | undefined
    },
  }
}
