import type { Annotation, ProjectImage } from '../../../../dialects/project-types'
import type { CompareSet } from './compare-search'
import type { Versions } from './versions'

// What compare shows: its panes, from the image and the set chosen (pure; the view draws them).

/** Most panes compare shows at once. */
export const MAX_PANES = 4
/** One image compare can show. */
export interface Pane {
  id: string
  label: string
  alt: string
  url: string | null
  thumbnailUrl: string | null
  /** Why there is no image to show (a version still pending), when there is none. */
  missing: string | null
  /** The image under review (in versions). */
  current: boolean
  /** Drawn over an output (read only); null for an input. */
  annotations: readonly Annotation[] | null
}

/** The panes of `set`: the output and each input, or the image index's versions around this one. */
export function panesOf(image: ProjectImage, set: CompareSet, versions: Versions): { panes: Pane[]; left: number } {
  if (set === 'inputs') {
    const all: Pane[] = [
      {
        id: 'output',
        label: 'Output',
        alt: `Output: ${image.name}`,
        url: image.outputUrl,
        thumbnailUrl: image.outputThumbnailUrl,
        missing: image.outputUrl ? null : `No output yet: this image is ${image.status}.`,
        current: false,
        annotations: image.annotations,
      },
      ...image.inputs.map((input, n) => ({
        id: `input-${n}`,
        label: `Input ${n + 1}${n === 0 ? ' (primary)' : ''}`,
        alt: `Input ${n + 1} of ${image.name}`,
        url: input.url,
        thumbnailUrl: input.thumbnailUrl,
        missing: input.url ? null : 'This input has no image.',
        current: false,
        annotations: null,
      })),
    ]
    return { panes: all.slice(0, MAX_PANES), left: Math.max(0, all.length - MAX_PANES) }
  }
  const all = versions.images
  const at = Math.max(
    0,
    all.findIndex((v) => v.key === image.key),
  )
  const from = Math.min(Math.max(0, at - 1), Math.max(0, all.length - MAX_PANES))
  const panes = all.slice(from, from + MAX_PANES).map((v) => {
    const current = v.key === image.key
    return {
      id: v.key,
      label: `Variant ${v.groupIndex + 1} · v${v.version}${current ? ' · this image' : ''}`,
      alt: `Variant ${v.groupIndex + 1}, version ${v.version}: ${v.name}`,
      url: v.outputUrl,
      thumbnailUrl: v.outputThumbnailUrl,
      missing: v.outputUrl ? null : `No output yet: this variant is ${v.status}.`,
      current,
      annotations: v.annotations,
    }
  })
  return { panes, left: all.length - panes.length }
}
