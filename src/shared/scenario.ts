import type { SortOrder } from './sort-order'

// Scenario assets wire contract (seed 001): names, enums, limits and shapes shared by the
// reference server and the client adapter. Field names are the vendor's, on purpose.

/** Every value seed 001 lists for `type` / `types`, in its order. */
export const SCENARIO_ASSET_TYPES = [
  'inference-txt2img',
  'inference-txt2img-ip-adapter',
  'inference-txt2img-texture',
  'inference-img2img',
  'inference-img2img-ip-adapter',
  'inference-img2img-texture',
  'inference-inpaint',
  'inference-inpaint-ip-adapter',
  'inference-reference',
  'inference-reference-texture',
  'inference-controlnet',
  'inference-controlnet-ip-adapter',
  'inference-controlnet-img2img',
  'inference-controlnet-reference',
  'inference-controlnet-inpaint',
  'inference-controlnet-inpaint-ip-adapter',
  'inference-controlnet-texture',
  'background-removal',
  'canvas',
  'canvas-export',
  'canvas-drawing',
  'detection',
  'patch',
  'pixelization',
  'upscale',
  'upscale-texture',
  'upscale-skybox',
  'vectorization',
  'segment',
  'segmentation-image',
  'segmentation-mask',
  'skybox-base-360',
  'skybox-hdri',
  'skybox-3d',
  'restyle',
  'reframe',
  'generative-fill',
  'texture',
  'texture-height',
  'texture-normal',
  'texture-smoothness',
  'texture-metallic',
  'texture-edge',
  'texture-ao',
  'texture-albedo',
  'image-prompt-editing',
  'unknown',
  'img23d',
  'txt23d',
  '3d23d',
  '3d23d-texture',
  '3d-texture',
  '3d-texture-mtl',
  '3d-texture-albedo',
  '3d-texture-normal',
  '3d-texture-roughness',
  '3d-texture-metallic',
  'img2video',
  'txt2audio',
  'audio2audio',
  'video2video',
  'video2img',
  'txt2img',
  'img2img',
  'txt2video',
  'uploaded',
  'uploaded-video',
  'uploaded-audio',
  'uploaded-3d',
  'uploaded-avatar',
  'upscale-video',
] as const
export type ScenarioAssetType = (typeof SCENARIO_ASSET_TYPES)[number]

/** `type=inference` is shorthand for every type starting with `inference-` (seed 001). */
export const SCENARIO_INFERENCE_ALIAS = 'inference'
export type ScenarioTypeParam = ScenarioAssetType | typeof SCENARIO_INFERENCE_ALIAS

/** The concrete types a `type` / `types` value stands for. */
export function expandScenarioType(value: ScenarioTypeParam): ScenarioAssetType[] {
  if (value === SCENARIO_INFERENCE_ALIAS) return SCENARIO_ASSET_TYPES.filter((t) => t.startsWith('inference-'))
  return [value]
}

/** Families group the ~70 types for people choosing among them; the API knows no families. */
export const SCENARIO_TYPE_FAMILIES = [
  { id: 'generation', label: 'Generations' },
  { id: 'edit', label: 'Edits' },
  { id: 'upscale', label: 'Upscales' },
  { id: 'texture', label: 'Textures' },
  { id: 'skybox', label: 'Skyboxes' },
  { id: '3d', label: '3D' },
  { id: 'video-audio', label: 'Video and audio' },
  { id: 'upload', label: 'Uploads' },
  { id: 'other', label: 'Other' },
] as const
export type ScenarioTypeFamily = (typeof SCENARIO_TYPE_FAMILIES)[number]['id']

export function scenarioTypeFamily(type: ScenarioAssetType): ScenarioTypeFamily {
  if (type.startsWith('inference-') || type === 'txt2img' || type === 'img2img') return 'generation'
  if (type.startsWith('upscale')) return 'upscale'
  if (type.startsWith('texture')) return 'texture'
  if (type.startsWith('skybox')) return 'skybox'
  if (type.startsWith('uploaded')) return 'upload'
  if (type.includes('3d')) return '3d'
  if (/video|audio/.test(type)) return 'video-audio'
  if (type === 'unknown') return 'other'
  return 'edit'
}

/** The wire `kind` of an asset of a type: what sort of file it is. */
export type ScenarioKind = 'image' | 'image-hdr' | 'video' | 'audio' | '3d' | 'document' | 'json' | 'text'

export function scenarioKindOf(type: ScenarioAssetType): ScenarioKind {
  switch (type) {
    case 'img2video':
    case 'txt2video':
    case 'video2video':
    case 'uploaded-video':
    case 'upscale-video':
      return 'video'
    case 'txt2audio':
    case 'audio2audio':
    case 'uploaded-audio':
      return 'audio'
    case 'img23d':
    case 'txt23d':
    case '3d23d':
    case '3d23d-texture':
    case 'uploaded-3d':
    case 'skybox-3d':
      return '3d'
    case 'skybox-hdri':
      return 'image-hdr'
    case '3d-texture-mtl':
      return 'text'
    default:
      return 'image'
  }
}

export const SCENARIO_PRIVACIES = ['private', 'public', 'unlisted'] as const
export type ScenarioPrivacy = (typeof SCENARIO_PRIVACIES)[number]

export const SCENARIO_SORT_FIELDS = ['createdAt', 'updatedAt'] as const
export type ScenarioSortField = (typeof SCENARIO_SORT_FIELDS)[number]

export const SCENARIO_PAGE_SIZE = { default: 50, min: 1, max: 100 } as const
export const SCENARIO_DEFAULT_SORT: ScenarioSortField = 'createdAt'
export const SCENARIO_DEFAULT_DIRECTION: SortOrder = 'desc'

/** Header value that grants read access to public assets without an account (seed 001). */
export const SCENARIO_PUBLIC_AUTH_TOKEN = 'public-auth-token'

/** Which date parameters each `sortBy` admits; any other combination is a 400. */
export const SCENARIO_DATE_PARAMS = {
  createdAt: { after: 'createdAfter', before: 'createdBefore' },
  updatedAt: { after: 'updatedAfter', before: 'updatedBefore' },
} as const satisfies Record<ScenarioSortField, { after: string; before: string }>

interface ScenarioAssetMetadata {
  kind: ScenarioKind
  type: ScenarioAssetType
  name?: string
  prompt?: string
  modelId?: string
  inferenceId?: string
  /** The asset this one was made from (an upscale's generation, say). */
  parentId?: string
  /** The first asset of the chain this one belongs to. */
  rootParentId?: string
  width?: number
  height?: number
  size?: number
  /** Seconds, for video and audio. */
  duration?: number
}

interface ScenarioAssetProperties {
  size: number
  width?: number
  height?: number
}

export interface ScenarioAsset {
  id: string
  authorId: string
  ownerId: string
  collectionIds: string[]
  createdAt: string
  updatedAt: string
  editCapabilities: string[]
  kind: ScenarioKind
  metadata: ScenarioAssetMetadata
  mimeType: string
  privacy: ScenarioPrivacy
  properties: ScenarioAssetProperties
  source: string
  status: string
  tags: string[]
  url: string
  name?: string
  thumbnail?: { url: string }
  /** Not in seed 001; the bundled server adds it: the image's colour (`#rrggbb`) for a tile to show until the thumbnail loads. */
  previewColor?: string
}

export interface ScenarioAssetsPage {
  assets: ScenarioAsset[]
  /** Absent on the last page. */
  nextPaginationToken?: string
}

export interface ScenarioAssetBody {
  asset: ScenarioAsset
}

export interface ScenarioErrorBody {
  reason: string
  message?: string
}

/**
 * A model of `GET /models` (Scenario's models list; seed 001 only names `modelId`). Models are
 * shared with their author's team; the platform's are public.
 */
export interface ScenarioModel {
  id: string
  name: string
  authorId: string
  ownerId: string
  privacy: ScenarioPrivacy
  createdAt: string
}

export interface ScenarioModelsPage {
  models: ScenarioModel[]
  /** Absent on the last page. */
  nextPaginationToken?: string
}

/**
 * An inference of `GET /models/{modelId}/inferences` (Scenario's list of a model's generation
 * runs; seed 001 only names `inferenceId`): when it ran, who ran it, its prompt and how many
 * images it made, newest first.
 */
interface ScenarioInference {
  id: string
  modelId: string
  authorId: string
  createdAt: string
  type: ScenarioAssetType
  prompt?: string
  imagesNumber: number
}

export interface ScenarioInferencesPage {
  inferences: ScenarioInference[]
  /** Absent on the last page. */
  nextPaginationToken?: string
}

/**
 * An author of `GET /authors` (not in seed 001, which only names `authorId`): a user whose
 * assets the caller's team list shows.
 */
export interface ScenarioAuthor {
  id: string
  ownerId: string
  /** The caller. */
  you: boolean
}

export interface ScenarioAuthorsPage {
  authors: ScenarioAuthor[]
}
