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
// versions may exist than it shows, and `complete` says so.

export interface Versions {
  /** The image's versions in this list, itself included, by group_index. */
  images: readonly ProjectImage[]
  /** False when part of the list is not loaded, so versions may be missing. */
  complete: boolean
}

const byList = new WeakMap<WindowState<ProjectImage>, Map<string, ProjectImage[]>>()

const indexKey = (image: ProjectImage) => `${image.jobId}:${image.imageIndex}`

function groupsOf(list: WindowState<ProjectImage>): Map<string, ProjectImage[]> {
  const held = byList.get(list)
  if (held) return held
  const groups = new Map<string, ProjectImage[]>()
  for (let i = list.start; i < list.end; i++) {
    const item = list.itemAt(i)
    if (!item) continue
    const key = indexKey(item)
    const group = groups.get(key)
    if (group) group.push(item)
    else groups.set(key, [item])
  }
  for (const group of groups.values()) group.sort((a, b) => a.groupIndex - b.groupIndex)
  byList.set(list, groups)
  return groups
}

/** The versions of `image`'s image index among the list's loaded images. */
export function versionsOf(list: WindowState<ProjectImage>, image: ProjectImage): Versions {
  const found = groupsOf(list).get(indexKey(image))
  return {
    images: found?.some((v) => v.key === image.key) ? found : [image],
    complete: list.start === 0 && list.end >= list.count,
  }
}
