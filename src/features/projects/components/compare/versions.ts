import type { ProjectImage } from '../../../../dialects/project-types'
import type { WindowState } from '../../../../grid/list-types'

// The versions of an image index. In PiktID's gallery an image is one (job_id, image_index,
// group_index); the images of a job that share its image_index are the variants generated for
// the same input (one per group_index), and each carries its own `version` number. Those
// variants are what compare calls the image's versions, in group order.
//
// They are read from the list the grid already holds, once per state of the list (a new state
// object comes with every change), so hundreds of tiles asking cost one pass over the resident
// items. Only resident items are known: where the window does not hold the whole list, more
// versions may exist than it shows, and `complete` says so — unless the list's order keeps
// versions adjacent and the run of them is bounded by resident images of other indexes (or the
// list's ends), which proves none is missing.

export interface Versions {
  /** The image's versions in this list, itself included, by group_index. */
  images: readonly ProjectImage[]
  /** False when part of the list is not loaded, so versions may be missing. */
  complete: boolean
}

interface Group {
  images: ProjectImage[]
  /** List positions of the first and last of them. */
  first: number
  last: number
}

const byList = new WeakMap<WindowState<ProjectImage>, Map<string, Group>>()

const indexKey = (image: ProjectImage) => `${image.jobId}:${image.imageIndex}`

function groupsOf(list: WindowState<ProjectImage>): Map<string, Group> {
  const held = byList.get(list)
  if (held) return held
  const groups = new Map<string, Group>()
  for (let i = list.start; i < list.end; i++) {
    const item = list.itemAt(i)
    if (!item) continue
    const key = indexKey(item)
    const group = groups.get(key)
    if (group) {
      group.images.push(item)
      group.last = i
    } else groups.set(key, { images: [item], first: i, last: i })
  }
  for (const group of groups.values()) group.images.sort((a, b) => a.groupIndex - b.groupIndex)
  byList.set(list, groups)
  return groups
}

/** Whether position `i` is past the list's ends or holds a resident image of another index. */
function boundsRun(list: WindowState<ProjectImage>, i: number, key: string): boolean {
  if (i < 0 || i >= list.count) return true
  const item = list.itemAt(i)
  return item !== undefined && indexKey(item) !== key
}

/**
 * The versions of `image`'s image index among the list's loaded images; `adjacent` when the
 * list's order keeps them next to each other.
 */
export function versionsOf(list: WindowState<ProjectImage>, image: ProjectImage, adjacent = false): Versions {
  const key = indexKey(image)
  const found = groupsOf(list).get(key)
  if (!found?.images.some((v) => v.key === image.key)) return { images: [image], complete: false }
  const whole = list.start === 0 && list.end >= list.count
  const run = found.last - found.first + 1 === found.images.length
  const bounded = run && boundsRun(list, found.first - 1, key) && boundsRun(list, found.last + 1, key)
  return { images: found.images, complete: whole || (adjacent && bounded) }
}
