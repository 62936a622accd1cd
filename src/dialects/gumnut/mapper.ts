import type {
  GumnutAsset,
  GumnutExif,
  GumnutFace,
  GumnutPage,
  GumnutPerson,
  GumnutValidationError,
} from '../../shared/gumnut'
import { ApiError, statusMessage } from '../http'
import { safeHttpUrl } from '../safe-url'
import { previewColor } from '../thumb-hints'
import { isObject, num, str } from '../wire'
import type { Asset, AssetExif, AssetFace, AssetPerson, Face, Person } from '../types'
import type { FilterOption } from '../filter-types'

// Gumnut wire shapes to ours. A Gumnut server leaves out `exif`, `faces`, `people`, `metrics` and
// even `thumbnail_url` unless asked, and older ones omit `width`/`height`; every one of them is
// optional here, and a malformed entry is skipped rather than failing the page. Every link goes
// through `safeHttpUrl`, resolved against `base` (the API's origin) when it is a path.

// Our shapes say `null` where Gumnut's fields are absent.
const text = (value: unknown): string | null => str(value) ?? null
const numeric = (value: unknown): number | null => num(value) ?? null
const link = (value: unknown, base: string): string | null => safeHttpUrl(value, base) ?? null

function mapExif(exif: GumnutExif | null | undefined): AssetExif | null {
  if (!isObject(exif)) return null
  return {
    make: text(exif.make),
    model: text(exif.model),
    lens: text(exif.lens_model),
    fNumber: numeric(exif.f_number),
    focalLength: numeric(exif.focal_length),
    iso: numeric(exif.iso),
    exposureTime: numeric(exif.exposure_time),
    takenAt: text(exif.original_datetime),
    latitude: numeric(exif.latitude),
    longitude: numeric(exif.longitude),
    city: text(exif.city),
    state: text(exif.state),
    country: text(exif.country),
    rating: numeric(exif.rating),
  }
}

function isBox(value: unknown): value is { x: number; y: number; w: number; h: number } {
  return isObject(value) && [value.x, value.y, value.w, value.h].every((v) => num(v) !== undefined)
}

function mapPerson(person: GumnutPerson, base: string): Person {
  return {
    id: person.id,
    name: text(person.name),
    birthDate: text(person.birth_date),
    isHidden: person.is_hidden === true,
    isFavorite: person.is_favorite === true,
    faceUrl: link(person.thumbnail_face_url, base),
    photoCount: numeric(person.asset_count),
  }
}

const isPerson = (value: unknown): value is GumnutPerson => isObject(value) && typeof value.id === 'string'
const isFace = (value: unknown): value is GumnutFace =>
  isObject(value) && typeof value.id === 'string' && isBox(value.bounding_box)

/** Faces with their boxes as fractions of the image; needs the image's pixel size. */
function mapFaces(
  faces: unknown,
  names: ReadonlyMap<string, string | null>,
  width: number | null,
  height: number | null,
): AssetFace[] | undefined {
  if (!Array.isArray(faces)) return undefined
  if (!width || !height) return undefined
  return faces.filter(isFace).map((face) => {
    const { x, y, w, h } = face.bounding_box
    const personId = text(face.person_id)
    return {
      id: face.id,
      box: [x / width, y / height, w / width, h / height],
      personId,
      personName: personId ? (names.get(personId) ?? null) : null,
    }
  })
}

export function mapGumnutAsset(wire: GumnutAsset, base: string): Asset {
  const width = numeric(wire.width)
  const height = numeric(wire.height)
  const people: AssetPerson[] | undefined = Array.isArray(wire.people)
    ? wire.people
        .filter(isPerson)
        .map((p) => ({ id: p.id, name: text(p.name), faceUrl: link(p.thumbnail_face_url, base) }))
    : undefined
  const names = new Map((people ?? []).map((p) => [p.id, p.name]))
  const exif = wire.exif === undefined ? undefined : mapExif(wire.exif)
  const thumbnail = link(wire.thumbnail_url, base)
  const asset: Asset = {
    id: wire.id,
    name: text(wire.original_file_name) ?? wire.id,
    thumbnailUrl: thumbnail,
    previewUrl: null,
    preview: previewColor(wire.preview_color),
    originalUrl: link(wire.download_url, base) ?? thumbnail ?? '',
    width,
    height,
    createdAt: text(wire.local_datetime) ?? text(wire.created_at) ?? '',
    createdBy: text(wire.device_id) ?? '',
    tags: [],
    visibility: null,
    note: text(wire.exif?.description),
    detections: [],
    project: null,
  }
  const faces = mapFaces(wire.faces, names, width, height)
  if (faces) asset.faces = faces
  if (people) asset.people = people
  if (exif !== undefined) asset.exif = exif
  return asset
}

function isAsset(value: unknown): value is GumnutAsset {
  return isObject(value) && typeof value.id === 'string'
}

/** `{data, has_more}` of anything with an id; throws when the body is not such a page. */
function readGumnutPage<T extends { id: string }>(
  body: unknown,
  accept: (value: unknown) => value is T,
  what: string,
): GumnutPage<T> {
  if (!isObject(body) || !Array.isArray(body.data)) {
    throw new ApiError(`Gumnut answered with something that is not a list of ${what}.`, 200)
  }
  return { data: body.data.filter(accept), has_more: body.has_more === true }
}

export const readAssetsPage = (body: unknown) => readGumnutPage(body, isAsset, 'photos')
export const readPeoplePage = (body: unknown) => readGumnutPage(body, isPerson, 'people')
export const readFacesPage = (body: unknown) => readGumnutPage(body, isFace, 'faces')

export function mapGumnutAssetBody(body: unknown, base: string): Asset {
  if (!isAsset(body)) throw new ApiError('Gumnut answered with something that is not a photo.', 200)
  return mapGumnutAsset(body, base)
}

export function mapGumnutPersonBody(body: unknown, base: string): Person {
  if (!isPerson(body)) throw new ApiError('Gumnut answered with something that is not a person.', 200)
  return mapPerson(body, base)
}

export { mapPerson as mapGumnutPerson }

export function mapGumnutFace(face: GumnutFace, base: string): Face {
  return {
    id: face.id,
    assetId: face.asset_id,
    personId: text(face.person_id),
    pixelBox: { ...face.bounding_box },
    thumbnailUrl: link(face.thumbnail_url, base),
  }
}

/** Gumnut's errors: FastAPI `{detail: [{loc, msg}]}` or `{detail: "…"}`, or `{error, message}`. */
export function gumnutError(status: number, body: unknown, sourceName: string): ApiError {
  const details: string[] = []
  const fields: string[] = []
  if (isObject(body)) {
    const detail = body.detail
    if (Array.isArray(detail)) {
      for (const item of detail as Partial<GumnutValidationError['detail'][number]>[]) {
        const field = Array.isArray(item.loc) ? item.loc.filter((l) => l !== 'query' && l !== 'body').join('.') : ''
        if (typeof item.msg === 'string') details.push(field ? `${field}: ${item.msg}` : item.msg)
        if (field) fields.push(field)
      }
    } else if (typeof detail === 'string') {
      details.push(detail)
    } else if (typeof body.message === 'string') {
      details.push(body.message)
    }
  }
  const base =
    status === 422 || status === 400 ? `${sourceName} rejected the request.` : statusMessage(status, sourceName)
  return new ApiError(base, status, details, undefined, undefined, fields)
}

/** Libraries (a plain array) as filter choices. */
export function readLibraries(body: unknown): { value: string; label: string }[] {
  if (!Array.isArray(body)) throw new ApiError('Gumnut answered with something that is not a list of libraries.', 200)
  return body
    .filter((l): l is { id: string; name?: unknown } => isObject(l) && typeof l.id === 'string')
    .map((l) => ({ value: l.id, label: text(l.name) ?? l.id }))
}

/**
 * A page of albums or people as filter choices; the unnamed get a label that says so, since a
 * person is chosen by name.
 */
export function readNamedPage(
  body: unknown,
  what: 'albums' | 'people',
  base: string,
): { options: FilterOption[]; hasMore: boolean; lastId: string | undefined } {
  const page = readGumnutPage(
    body,
    (v): v is { id: string; name?: unknown; thumbnail_face_url?: unknown; asset_count?: unknown } =>
      isObject(v) && typeof v.id === 'string',
    what,
  )
  return {
    options: page.data.map((item) => {
      if (what === 'albums') return { value: item.id, label: text(item.name) ?? 'Untitled album' }
      // Unnamed people all read alike: their face and photo count tell them apart.
      const photos = numeric(item.asset_count)
      return {
        value: item.id,
        label: text(item.name) ?? 'Unnamed person',
        imageUrl: link(item.thumbnail_face_url, base),
        ...(photos !== null ? { detail: `${photos.toLocaleString('en-US')} photo${photos === 1 ? '' : 's'}` } : {}),
      }
    }),
    hasMore: page.has_more,
    lastId: page.data[page.data.length - 1]?.id,
  }
}
