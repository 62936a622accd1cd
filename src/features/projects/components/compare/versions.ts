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
//
// The all-projects gallery holds a run of each project's images, each cut at the API's image cap:
// there, the list's ends say nothing. A project's versions are all known when every image of the
// project is loaded, or when their run starts at another image (or at the project's first, which
// a run always has) and ends at another image of the same project.

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

interface Groups {
  byIndex: Map<string, Group>
  /** Loaded images per project id. */
  perProject: Map<string, number>
}

const byList = new WeakMap<WindowState<ProjectImage>, Groups>()

const indexKey = (image: ProjectImage) => `${image.jobId}:${image.imageIndex}`

function groupsOf(list: WindowState<ProjectImage>): Groups {
  const held = byList.get(list)
  if (held) return held
  const groups = new Map<string, Group>()
  const perProject = new Map<string, number>()
  for (let i = list.start; i < list.end; i++) {
    const item = list.itemAt(i)
    if (!item) continue
    perProject.set(item.project.id, (perProject.get(item.project.id) ?? 0) + 1)
    const key = indexKey(item)
    const group = groups.get(key)
    if (group) {
      group.images.push(item)
      group.last = i
    } else groups.set(key, { images: [item], first: i, last: i })
  }
  for (const group of groups.values()) group.images.sort((a, b) => a.groupIndex - b.groupIndex)
  const found = { byIndex: groups, perProject }
  byList.set(list, found)
  return found
}

/**
 * Whether position `i`, just before (`after` false) or after the run of `image`'s versions,
 * proves the run ends there: past the list's ends, or a resident image of another index. In
 * project runs, an image of another project bounds only the start.
 */
function boundsRun(list: WindowState<ProjectImage>, i: number, image: ProjectImage, scope: Scope, after: boolean) {
  if (!scope.projectRuns && (i < 0 || i >= list.count)) return true
  if (scope.projectRuns && i < 0) return true
  const item = list.itemAt(i)
  if (item === undefined || indexKey(item) === indexKey(image)) return false
  return !(scope.projectRuns && after && item.project.id !== image.project.id)
}

/** How a list holds its images, for telling whether it shows all of an image's versions. */
export interface Scope {
  /** The list's order keeps an image index's versions next to each other. */
  adjacent: boolean
  /** The list is runs of several projects' images, each possibly cut short (the gallery). */
  projectRuns?: boolean
}

/** The versions of `image`'s image index among the list's loaded images. */
export function versionsOf(
  list: WindowState<ProjectImage>,
  image: ProjectImage,
  scope: Scope = { adjacent: false },
): Versions {
  const { byIndex, perProject } = groupsOf(list)
  const found = byIndex.get(indexKey(image))
  if (!found?.images.some((v) => v.key === image.key)) return { images: [image], complete: false }
  const whole = scope.projectRuns
    ? perProject.get(image.project.id) === image.project.totalImages
    : list.start === 0 && list.end >= list.count
  const run = found.last - found.first + 1 === found.images.length
  const bounded =
    run && boundsRun(list, found.first - 1, image, scope, false) && boundsRun(list, found.last + 1, image, scope, true)
  return { images: found.images, complete: whole || (scope.adjacent && bounded) }
}

/** Whether a project list sorted by `filters` keeps versions adjacent (the filename order does). */
export function versionsAdjacentIn(filters: Record<string, unknown>): boolean {
  return filters.sort_by !== 'quality_score'
}
