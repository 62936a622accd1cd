import type { ScenarioAsset, ScenarioAssetsPage, ScenarioErrorBody, ScenarioKind } from '../../shared/scenario'
import { ApiError, statusMessage } from '../http'
import { safeHttpUrl } from '../safe-url'
import { coverSrcSet, previewColor } from '../thumb-hints'
import { defined, isObject, num, str } from '../wire'
import type { Asset, AssetKind, AssetPage } from '../types'
import type { FilterOption } from '../filter-types'

/**
 * Where a page sits in a token-paginated list: the token that fetches it and how many assets
 * come before it. Scenario only goes forward; the grid's window keeps every param it has seen,
 * so a dropped page can be fetched again, and this stays small (it is part of a query key).
 */
export interface ScenarioPageParam {
  token: string | undefined
  offset: number
}

export const SCENARIO_FIRST_PAGE: ScenarioPageParam = { token: undefined, offset: 0 }

function kindOf(kind: ScenarioKind | undefined): AssetKind {
  switch (kind) {
    case 'video':
      return 'video'
    case 'audio':
      return 'audio'
    case '3d':
      return '3d'
    case 'document':
    case 'json':
    case 'text':
      return 'document'
    default:
      return 'image'
  }
}

/** Wire → uniform asset. `base` resolves the host-relative media URLs of the bundled server. */
function mapScenarioAsset(wire: ScenarioAsset, base: string): Asset {
  const meta = wire.metadata ?? ({} as Partial<ScenarioAsset['metadata']>)
  const kind = kindOf(wire.kind ?? meta.kind)
  const url = safeHttpUrl(wire.url, base) ?? ''
  const thumbnail = safeHttpUrl(wire.thumbnail?.url, base)
  const isImage = kind === 'image'
  const width = num(wire.properties?.width) ?? num(meta.width)
  const height = num(wire.properties?.height) ?? num(meta.height)
  return {
    id: wire.id,
    kind,
    name: str(wire.name) ?? str(meta.name) ?? str(meta.prompt) ?? meta.type ?? wire.id,
    thumbnailUrl: thumbnail ?? (isImage && url ? url : null),
    previewUrl: isImage ? url || null : (thumbnail ?? null),
    preview: previewColor(wire.previewColor),
    thumbnailSrcSet: isImage ? coverSrcSet(thumbnail, url, width, height) : undefined,
    originalUrl: url,
    width: width ?? null,
    height: height ?? null,
    createdAt: wire.createdAt,
    createdBy: wire.authorId ?? '',
    tags: Array.isArray(wire.tags) ? wire.tags.filter((t) => typeof t === 'string') : [],
    visibility: wire.privacy ?? null,
    note: str(meta.prompt) ?? null,
    detections: [],
    project: null,
    details: defined({
      type: str(meta.type),
      mimeType: str(wire.mimeType),
      sizeBytes: num(wire.properties?.size) ?? num(meta.size),
      durationSeconds: num(meta.duration),
      updatedAt: str(wire.updatedAt),
      prompt: str(meta.prompt),
      modelId: str(meta.modelId),
      inferenceId: str(meta.inferenceId),
      parentId: str(meta.parentId),
      rootId: str(meta.rootParentId),
      downloadUrl: url || undefined,
    }),
  }
}

function isAssetsPage(body: unknown): body is ScenarioAssetsPage {
  return isObject(body) && Array.isArray(body.assets)
}

export function mapScenarioPage(body: unknown, param: ScenarioPageParam, base: string): AssetPage<ScenarioPageParam> {
  if (!isAssetsPage(body)) throw new ApiError('Scenario answered with something that is not a list of assets.', 200)
  const items = body.assets.map((a) => mapScenarioAsset(a, base))
  const token = str(body.nextPaginationToken)
  return {
    items,
    offset: param.offset,
    // Token pagination tells no total and allows no jumps.
    total: null,
    nextPageParam: token && items.length > 0 ? { token, offset: param.offset + items.length } : undefined,
    prevPageParam: undefined,
  }
}

export function mapScenarioAssetBody(body: unknown, base: string): Asset {
  const asset = (body as { asset?: Partial<ScenarioAsset> } | null)?.asset
  if (!asset || typeof asset.id !== 'string' || typeof asset.url !== 'string') {
    throw new ApiError('Scenario answered with something that is not an asset.', 200)
  }
  return mapScenarioAsset(asset as ScenarioAsset, base)
}

/** A page of `GET /models` as filter choices (name, and who made it); models without a name are skipped. */
export function readModelsPage(body: unknown): { options: FilterOption[]; next: string | undefined } {
  const models = (body as { models?: unknown } | null)?.models
  if (!Array.isArray(models)) throw new ApiError('Scenario answered with something that is not a list of models.', 200)
  const options: FilterOption[] = []
  for (const model of models as Record<string, unknown>[]) {
    const id = str(model?.id)
    const name = str(model?.name)
    if (!id || !name) continue
    const author = str(model.authorId)
    options.push({ value: id, label: name, ...(author ? { detail: `by ${author}` } : {}) })
  }
  return { options, next: str((body as { nextPaginationToken?: unknown }).nextPaginationToken) }
}

/** The first words of a prompt, as a choice's name. */
const PROMPT_LABEL_MAX = 80

/**
 * A page of `GET /models/{modelId}/inferences` as filter choices: each run by its prompt, told
 * apart by its date, image count and author.
 */
export function readInferencesPage(body: unknown): { options: FilterOption[]; next: string | undefined } {
  const inferences = (body as { inferences?: unknown } | null)?.inferences
  if (!Array.isArray(inferences)) {
    throw new ApiError('Scenario answered with something that is not a list of inferences.', 200)
  }
  const options: FilterOption[] = []
  for (const inference of inferences as Record<string, unknown>[]) {
    const id = str(inference?.id)
    if (!id) continue
    const prompt = str(inference.prompt)?.trim()
    const label = !prompt
      ? `Run ${id}`
      : prompt.length > PROMPT_LABEL_MAX
        ? `${prompt.slice(0, PROMPT_LABEL_MAX - 1)}…`
        : prompt
    const images = typeof inference.imagesNumber === 'number' ? inference.imagesNumber : undefined
    const detail = [
      str(inference.createdAt)?.slice(0, 10),
      images === undefined ? undefined : `${images} ${images === 1 ? 'image' : 'images'}`,
      str(inference.authorId) && `by ${str(inference.authorId)}`,
    ].filter(Boolean)
    options.push({ value: id, label, ...(detail.length > 0 ? { detail: detail.join(' · ') } : {}) })
  }
  return { options, next: str((body as { nextPaginationToken?: unknown }).nextPaginationToken) }
}

/** `GET /authors` as filter choices, the caller marked. */
export function readAuthors(body: unknown): FilterOption[] {
  const authors = (body as { authors?: unknown } | null)?.authors
  if (!Array.isArray(authors))
    throw new ApiError('Scenario answered with something that is not a list of authors.', 200)
  return (authors as Record<string, unknown>[]).flatMap((author) => {
    const id = str(author?.id)
    if (!id) return []
    return [{ value: id, label: id, ...(author.you === true ? { detail: 'You' } : {}) }]
  })
}

export function scenarioError(status: number, body: unknown, sourceName: string): ApiError {
  const b = body as Partial<ScenarioErrorBody> | null
  const reason = str(b?.reason)
  const message = str(b?.message)
  if (status === 400) {
    return new ApiError(`${sourceName} rejected the request.`, status, [message ?? reason ?? 'Invalid request'])
  }
  return new ApiError(statusMessage(status, sourceName), status, message ? [message] : reason ? [reason] : [])
}
