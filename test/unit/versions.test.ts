import { describe, expect, it } from 'vitest'
import type { ProjectImage } from '../../src/dialects/project-types'
import type { WindowState } from '../../src/grid/list-types'
import { versionsOf } from '../../src/features/projects/components/compare/versions'

/** An image of `project` (of `total` images): image index `index`, variant `group`. */
function image(project: string, total: number, index: number, group: number): ProjectImage {
  const jobId = `job_${project}`
  return {
    key: `${jobId}:${index}:${group}`,
    jobId,
    imageIndex: index,
    groupIndex: group,
    version: group + 1,
    project: { id: project, totalImages: total },
  } as ProjectImage
}

/** A list whose loaded images are `items` from position `start`, of `count` in all. */
function listOf(items: ProjectImage[], start = 0, count = start + items.length): WindowState<ProjectImage> {
  return {
    start,
    end: start + items.length,
    count,
    itemAt: (i: number) => items[i - start],
  } as WindowState<ProjectImage>
}

const keys = (images: readonly ProjectImage[]) => images.map((i) => i.key)

describe("an image index's versions", () => {
  // Project A: all 5 of its images; project B: the first 4 of its 9 (the gallery's cap).
  const a = [image('a', 5, 0, 0), image('a', 5, 0, 1), image('a', 5, 1, 0), image('a', 5, 2, 1), image('a', 5, 2, 0)]
  const b = [image('b', 9, 0, 0), image('b', 9, 1, 0), image('b', 9, 1, 1), image('b', 9, 2, 0)]
  const gallery = { adjacent: true, projectRuns: true }

  it('in a project list, are the images of the index in group order, all known once the list is loaded', () => {
    const versions = versionsOf(listOf(a), a[3]!)
    expect(keys(versions.images)).toEqual(['job_a:2:0', 'job_a:2:1'])
    expect(versions.complete).toBe(true)
    expect(versionsOf(listOf(a, 0, 8), a[0]!).complete).toBe(false)
    // Adjacent, a run between images of other indexes is whole even where the list is not loaded.
    expect(versionsOf(listOf(a, 0, 8), a[0]!, { adjacent: true }).complete).toBe(true)
    expect(versionsOf(listOf(a, 0, 8), a[3]!, { adjacent: true }).complete).toBe(false)
    expect(versionsOf(listOf(a), a[2]!).images).toHaveLength(1)
  })

  it('in the gallery, are all known for a project loaded whole, or a run inside a cut project', () => {
    const list = listOf([...a, ...b])
    // A's last index ends its run, and A is all there.
    expect(versionsOf(list, a[4]!, gallery)).toEqual({ images: [a[4], a[3]], complete: true })
    // B's index 1 lies between B's indexes 0 and 2.
    expect(versionsOf(list, b[2]!, gallery)).toEqual({ images: [b[1], b[2]], complete: true })
    expect(versionsOf(list, b[2]!, { ...gallery, adjacent: false }).complete).toBe(false)
  })

  it('in the gallery, may be more than shown at the end of a project cut at the cap, whole list or not', () => {
    const cut = [...a, ...b.slice(0, 3)]
    expect(versionsOf(listOf(cut), b[2]!, gallery)).toEqual({ images: [b[1], b[2]], complete: false })
    // Followed by the next project's images, still: B's cap may have cut its versions.
    expect(versionsOf(listOf([...cut, image('c', 1, 0, 0)]), b[2]!, gallery).complete).toBe(false)
    // Read as one project's list, the same images would pass for complete.
    expect(versionsOf(listOf(cut), b[2]!, { adjacent: true }).complete).toBe(true)
  })
})
