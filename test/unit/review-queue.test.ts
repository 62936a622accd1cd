import { describe, expect, it } from 'vitest'
import type { ProjectImage } from '../../src/dialects/project-types'
import type { PendingVerdict } from '../../src/features/projects/feedback'
import { nextToReview, seekToReview } from '../../src/features/projects/review-queue'

/** An image of the queue: `r` reviewed (approved), `o` to review, `-` no output yet. */
function image(index: number, state: string): ProjectImage {
  return {
    key: `job:${index}:0`,
    jobId: 'job',
    imageIndex: index,
    groupIndex: 0,
    version: 1,
    name: `image-${index}.png`,
    downloadName: null,
    status: state === '-' ? 'processing' : 'completed',
    outputUrl: state === '-' ? null : `/out/${index}.jpg`,
    outputThumbnailUrl: null,
    inputs: [],
    inputDescription: {},
    quality: null,
    processingTime: null,
    error: null,
    verdict: null,
    comment: null,
    reviewStatus: state === 'r' ? 'approved' : null,
    annotations: [],
    claim: null,
    createdAt: '2026-01-01T00:00:00Z',
    project: {
      id: '1',
      name: 'Project',
      key: 'p1',
      createdAt: '2026-01-01T00:00:00Z',
      createdBy: 'alice',
      totalImages: 0,
      completedImages: 0,
      failedImages: 0,
    },
  }
}

/** A list of images described by `states` of which only the indexes in [start, end) are loaded. */
function list(states: string, start: number, end: number) {
  const images = [...states].map((state, i) => image(i, state))
  const reads: [number, number][] = []
  return {
    reads,
    count: images.length,
    start,
    end,
    itemAt: (i: number) => (i >= start && i < end ? images[i] : undefined),
    collect: async (from: number, to: number) => {
      reads.push([from, to])
      return images.slice(from, to + 1).map((item, n) => ({ index: from + n, item }))
    },
  }
}

const none: ReadonlyMap<string, PendingVerdict> = new Map()

describe('the review queue past the loaded images', () => {
  it('goes to the next loaded image to review, skipping reviewed ones and ones with no output', () => {
    expect(nextToReview(list('ro-ro', 0, 5), none, 1)).toEqual({ index: 4 })
    // Wrapping to the top, never the image itself.
    expect(nextToReview(list('orrr', 0, 4), none, 2)).toEqual({ index: 0 })
    expect(nextToReview(list('rorr', 0, 4), none, 1)).toBeNull()
  })

  it('counts a write on its way as reviewed', () => {
    const pending = new Map([['job:2:0', { reviewStatus: 'approved' } as PendingVerdict]])
    expect(nextToReview(list('rooo', 0, 4), pending, 1)).toEqual({ index: 3 })
  })

  it('says where the loaded images end before any to review, and reads on from there to the one after', async () => {
    // 10 loaded, all reviewed after 7; the next to review is #250 of 300.
    const states = 'r'.repeat(250) + 'o' + 'r'.repeat(49)
    const q = list(states, 0, 10)
    const next = nextToReview(q, none, 7)
    expect(next).toEqual({ unloaded: 10 })
    expect(await seekToReview(q, none, 7, 10, new AbortController().signal)).toBe(250)
    // A chunk at a time, in order, stopping at the one that holds it.
    expect(q.reads).toEqual([
      [10, 109],
      [110, 209],
      [210, 299],
    ])
  })

  it('wraps to the top and stops before the image it started from; -1 when none is left', async () => {
    const q = list('oorrrrrr', 4, 6)
    expect(nextToReview(q, none, 5)).toEqual({ unloaded: 6 })
    expect(await seekToReview(q, none, 5, 6, new AbortController().signal)).toBe(0)
    expect(q.reads).toEqual([
      [6, 7],
      [0, 4],
    ])
    const done = list('rrrrrrrr', 4, 6)
    expect(await seekToReview(done, none, 5, 6, new AbortController().signal)).toBe(-1)
    // Never past the image it started from.
    expect(done.reads).toEqual([
      [6, 7],
      [0, 4],
    ])
  })
})
