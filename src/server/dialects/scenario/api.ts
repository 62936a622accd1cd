import type { Context, Hono } from 'hono'
import {
  SCENARIO_PUBLIC_AUTH_TOKEN,
  scenarioTypeFamily,
  type ScenarioAsset,
  type ScenarioAssetBody,
  type ScenarioAssetType,
  type ScenarioAssetsPage,
  type ScenarioAuthor,
  type ScenarioAuthorsPage,
  type ScenarioInferencesPage,
  type ScenarioKind,
  type ScenarioModel,
  type ScenarioModelsPage,
} from '../../../shared/scenario'
import { scenarioAssetParams, scenarioAssetsParams, scenarioChoiceListParams } from '../../../shared/scenario-params'
import { valueProblem } from '../../../shared/query-rules'
import { basicKeySecret, bearerToken, publicAccessToken, type AuthEnv } from '../../core/auth'
import { createDialectApp, endpoint } from '../../core/dialect'
import { Refusal, scenarioErrors } from '../../core/errors'
import { canSee, segmentsFor, type Viewer } from '../../core/visibility'
import type { Catalog } from '../../db/catalog-db'
import type { Segment } from '../../db/asset-query'
import { SCENARIO_PRIVACY_CODES, SCENARIO_PRIVACY_NAMES } from '../../db/schema-scenario'
import type { MediaStore } from '../../media/media-store'
import { markRenderAhead } from '../../media/render-ahead'
import { previewField } from '../../media/preview-color'
import { VISIBILITY_CODES } from '../../db/schema'
import { scenarioQueries, type ScenarioModelRow, type ScenarioRow } from './catalog'
import { listIdentity, scenarioListQuery, type ScenarioListParams } from './query'
import { createPaginationTokens, filterHash, type SeekPosition } from './token'

// Scenario assets API (seed 001), mounted at /api/scenario/v1.

/** The shared secret of the demo API keys: `Basic base64(demo-<user>:demo-secret)`. */
const SCENARIO_DEMO_SECRET = 'demo-secret'

const IMAGE_EDITS = [
  'DETECTION',
  'GENERATIVE_FILL',
  'PIXELATE',
  'PROMPT_EDITING',
  'REFINE',
  'REFRAME',
  'REMOVE_BACKGROUND',
  'SEGMENTATION',
  'UPSCALE',
  'VECTORIZATION',
]

function editCapabilities(kind: string, type: string): string[] {
  if (type.startsWith('skybox')) return ['UPSCALE_360']
  if (kind !== 'image' || type === 'vectorization') return []
  return IMAGE_EDITS
}

function sourceOf(type: ScenarioAssetType): string {
  const family = scenarioTypeFamily(type)
  return family === 'upload' ? 'upload' : family === 'generation' ? 'inference' : type
}

function toScenarioAsset(row: ScenarioRow, media: MediaStore, originalAssets: boolean): ScenarioAsset {
  const type = row.type as ScenarioAssetType
  const kind = row.kind as ScenarioKind
  const metadata: ScenarioAsset['metadata'] = { kind, type }
  if (row.name !== null) metadata.name = row.name
  if (row.prompt !== null) metadata.prompt = row.prompt
  if (row.model_public_id !== null) metadata.modelId = row.model_public_id
  if (row.inference_id !== null) metadata.inferenceId = row.inference_id
  if (row.parent_public_id !== null) metadata.parentId = row.parent_public_id
  if (row.root_public_id !== null) metadata.rootParentId = row.root_public_id
  if (row.width !== null) metadata.width = row.width
  if (row.height !== null) metadata.height = row.height
  metadata.size = row.size
  if (row.duration !== null) metadata.duration = row.duration
  const properties: ScenarioAsset['properties'] = { size: row.size }
  if (row.width !== null) properties.width = row.width
  if (row.height !== null) properties.height = row.height
  const asset: ScenarioAsset = {
    id: row.public_id,
    authorId: row.author,
    ownerId: `proj_${row.author_group}`,
    collectionIds: [],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    editCapabilities: editCapabilities(kind, type),
    kind,
    metadata,
    mimeType: row.mime_type,
    privacy: SCENARIO_PRIVACY_NAMES[row.privacy] ?? 'private',
    properties,
    source: sourceOf(type),
    status: 'success',
    tags: row.tag_names ? row.tag_names.split(',').sort() : [],
    // The web-sized rendition unless the caller asks for the original file.
    url: media.url(originalAssets ? 'original' : 'thumb-big', row.public_id),
    thumbnail: { url: media.url('thumb-small', row.public_id) },
    ...previewField('previewColor', media.previewColor(row.public_id)),
  }
  if (row.name !== null) asset.name = row.name
  return asset
}

/** The platform's models are public; a member's are shared with their team (unlisted). */
const PLATFORM_AUTHOR = 'platform'

function toScenarioModel(row: ScenarioModelRow): ScenarioModel {
  return {
    id: row.public_id,
    name: row.name,
    authorId: row.author,
    ownerId: `proj_${row.author_group}`,
    privacy: row.author === PLATFORM_AUTHOR ? 'public' : 'unlisted',
    createdAt: row.created_at,
  }
}

/**
 * Which (author, privacy) segments a list reads. Scenario lists a team's assets; `privacy=public`
 * (and `tags`, which only filter public assets) widens to public assets of every team. Always
 * within what the core's visibility rules let the caller see.
 */
function listSegments(
  catalog: Catalog,
  viewer: Viewer,
  p: Partial<Pick<ScenarioListParams, 'privacy' | 'tags'>>,
): Segment[] {
  const visible = segmentsFor(catalog, viewer, 'all')
  const everyTeam = p.privacy === 'public' || p.tags !== undefined || viewer === null
  const team = new Set(viewer ? catalog.groupMembers(viewer.group).map((u) => u.id) : [])
  const code = p.tags !== undefined ? SCENARIO_PRIVACY_CODES.public : p.privacy && SCENARIO_PRIVACY_CODES[p.privacy]
  return visible.filter((s) => (everyTeam || team.has(s.owner)) && (code === undefined || s.visibility === code))
}

export function createScenarioApi(deps: { db: Catalog; media: MediaStore }): Hono<AuthEnv> {
  const { db: catalog, media } = deps
  const queries = scenarioQueries(catalog)
  const tokens = createPaginationTokens(catalog.secret)
  const api = createDialectApp({
    catalog,
    errors: scenarioErrors,
    credentials: [bearerToken, basicKeySecret(SCENARIO_DEMO_SECRET), publicAccessToken(SCENARIO_PUBLIC_AUTH_TOKEN)],
  })

  /** The caller (0 for public access), and the seek position a page token names: else a 400 in Scenario's words. */
  const pageStart = (c: Context<AuthEnv>, token: string | undefined, hash: string) => {
    const viewer = c.get('caller').user
    const callerId = viewer?.id ?? 0
    if (token === undefined || token === '') return { viewer, callerId, seek: undefined }
    const check = tokens.verify(token, callerId, hash)
    if (!check.ok) {
      throw Refusal.reply({ status: 400, body: { reason: 'invalid_pagination_token', message: check.message } })
    }
    return { viewer, callerId, seek: check.position }
  }

  /**
   * The page of `rows` (read one past `size`, so the extra row tells a next page exists) and the
   * token of that next page, bound to the caller and the list, at the page's last row.
   */
  const paged = <Row>(
    rows: Row[],
    size: number,
    list: { callerId: number; hash: string },
    positionOf: (last: Row) => SeekPosition,
  ): { page: Row[]; next: { nextPaginationToken?: string } } => {
    const page = rows.slice(0, size)
    const last = page.at(-1)
    if (rows.length <= size || last === undefined) return { page, next: {} }
    return { page, next: { nextPaginationToken: tokens.issue(list.callerId, list.hash, positionOf(last)) } }
  }

  api.get(
    '/assets',
    endpoint({
      rules: scenarioAssetsParams,
      params: scenarioListQuery,
      query: (p, c) => {
        const hash = filterHash(listIdentity(p))
        const { viewer, callerId, seek } = pageStart(c, p.paginationToken, hash)
        // One row more than asked tells whether a next page exists, so the last page has no token.
        const rows = queries.page(p, listSegments(catalog, viewer, p), seek, p.pageSize + 1)
        return { rows, callerId, hash }
      },
      project: ({ rows, ...list }, p, c): ScenarioAssetsPage => {
        const { page, next } = paged(rows, p.pageSize, list, (last) => ({
          sortValue: p.sortBy === 'createdAt' ? last.created_at : last.updated_at,
          id: last.id,
        }))
        markRenderAhead(
          c,
          page.map((r) => r.public_id),
        )
        return { assets: page.map((r) => toScenarioAsset(r, media, p.originalAssets)), ...next }
      },
    }),
  )

  // Scenario's models list (not in seed 001, which only takes a `modelId`): what a user picks a
  // model filter from. Pages by name with the same signed tokens as the assets list.
  api.get(
    '/models',
    endpoint({
      rules: scenarioChoiceListParams,
      query: ({ pageSize, paginationToken }, c) => {
        const hash = filterHash(['models'])
        const { viewer, callerId, seek } = pageStart(c, paginationToken, hash)
        const visible = queries.models().filter((m) =>
          canSee(catalog, viewer, {
            owner_id: m.author_id,
            visibility: m.author === PLATFORM_AUTHOR ? VISIBILITY_CODES.public : VISIBILITY_CODES.shared,
          }),
        )
        let start = 0
        if (seek) {
          const { sortValue, id } = seek
          const after = visible.findIndex((m) => m.name > sortValue || (m.name === sortValue && m.id > id))
          start = after < 0 ? visible.length : after
        }
        return { rows: visible.slice(start, start + pageSize + 1), callerId, hash }
      },
      project: ({ rows, ...list }, { pageSize }): ScenarioModelsPage => {
        const { page, next } = paged(rows, pageSize, list, (last) => ({ sortValue: last.name, id: last.id }))
        return { models: page.map(toScenarioModel), ...next }
      },
    }),
  )

  // A model's inferences (Scenario's `GET /models/{modelId}/inferences`; seed 001 only takes an
  // `inferenceId`): what a user picks an inference filter from. Only runs with an output the
  // caller may see are listed, described from those outputs; newest first, signed tokens.
  api.get(
    '/models/:modelId/inferences',
    endpoint({
      rules: scenarioChoiceListParams,
      params: ({ pageSize, paginationToken }, c) => {
        const modelId = c.req.param('modelId') ?? ''
        const idProblem = valueProblem(scenarioAssetsParams.modelId, modelId)
        if (idProblem !== undefined) throw Refusal.field('modelId', idProblem, 'path')
        return { modelId, pageSize, paginationToken }
      },
      query: ({ modelId, pageSize, paginationToken }, c) => {
        const hash = filterHash(['inferences', modelId])
        const { viewer, callerId, seek } = pageStart(c, paginationToken, hash)
        // The runs the team list shows (the list an inference filter narrows without a privacy).
        const segments = listSegments(catalog, viewer, {})
        return { rows: queries.inferences(modelId, segments, seek, pageSize + 1), callerId, hash }
      },
      project: ({ rows, ...list }, { modelId, pageSize }): ScenarioInferencesPage => {
        const { page, next } = paged(rows, pageSize, list, (last) => ({
          sortValue: last.created_at,
          id: last.first_id,
        }))
        return {
          inferences: page.map((r) => ({
            id: r.inference_id,
            modelId,
            authorId: r.author,
            createdAt: r.created_at,
            type: r.type as ScenarioAssetType,
            ...(r.prompt !== null ? { prompt: r.prompt } : {}),
            imagesNumber: r.images,
          })),
          ...next,
        }
      },
    }),
  )

  // The authors an `authorId` filter can name (not in seed 001, which only takes the id): the
  // users whose assets the team list shows, the caller first; public access lists every author
  // of public assets.
  api.get('/authors', (c) => {
    const viewer = c.get('caller').user
    const owners = new Set(listSegments(catalog, viewer, {}).map((s) => s.owner))
    const authors: ScenarioAuthor[] = catalog
      .users()
      .filter((u) => owners.has(u.id))
      .map((u) => ({ id: u.username, ownerId: `proj_${u.group}`, you: u.id === viewer?.id }))
      .sort((a, b) => Number(b.you) - Number(a.you) || a.id.localeCompare(b.id))
    const body: ScenarioAuthorsPage = { authors }
    return c.json(body)
  })

  api.get(
    '/assets/:assetId',
    endpoint({
      rules: scenarioAssetParams,
      query: (_q, c) => {
        const id = c.req.param('assetId') ?? ''
        const row = queries.byPublicId(id)
        if (!row || !canSee(catalog, c.get('caller').user, { owner_id: row.author_id, visibility: row.privacy })) {
          throw Refusal.notFound(`Asset ${id}`)
        }
        return row
      },
      project: (row, q): ScenarioAssetBody => ({ asset: toScenarioAsset(row, media, q.originalAssets ?? false) }),
    }),
  )

  return api
}
