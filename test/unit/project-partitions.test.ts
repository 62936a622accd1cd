import { describe, expect, it, vi } from 'vitest'
import { capPartitions, familyCounts, type PartCount } from '../../src/features/projects/partitions'

const CAP = 200

describe('counting a family of partitions of a project', () => {
  it('takes the counts it is given, probes the others but the last, and derives the last from the total', async () => {
    const probe = vi.fn(async (value: string) => ({ pending: 40, processing: 999 })[value] ?? 0)
    const counts = await familyCounts(
      1000,
      [
        { value: 'completed', known: 800 },
        { value: 'failed', known: 120 },
        { value: 'pending', known: null },
        { value: 'processing', known: null },
      ],
      probe,
      CAP,
    )
    expect(probe.mock.calls.map(([value]) => value)).toEqual(['pending'])
    expect(Object.fromEntries(counts)).toEqual({
      completed: { count: 800, exact: true },
      failed: { count: 120, exact: true },
      pending: { count: 40, exact: true },
      processing: { count: 40, exact: true },
    })
  })

  it('probes the last too when another came back full, its size then only a lower bound', async () => {
    const probe = vi.fn(async (value: string) => ({ like: 200, dislike: 30, none: 12 })[value] ?? 0)
    const counts = await familyCounts(
      900,
      ['like', 'dislike', 'none'].map((value) => ({ value, known: null })),
      probe,
      CAP,
    )
    expect(probe).toHaveBeenCalledTimes(3)
    expect(counts.get('like')).toEqual({ count: 200, exact: false })
    expect(counts.get('none')).toEqual({ count: 12, exact: true })
  })

  it('probes nothing when the known counts make the total', async () => {
    const probe = vi.fn(async () => 5)
    const counts = await familyCounts(
      300,
      [
        { value: 'completed', known: 250 },
        { value: 'failed', known: 50 },
        { value: 'pending', known: null },
        { value: 'processing', known: null },
      ],
      probe,
      CAP,
    )
    expect(probe).not.toHaveBeenCalled()
    expect(counts.get('pending')).toEqual({ count: 0, exact: true })
    expect(counts.get('processing')).toEqual({ count: 0, exact: true })
  })
})

describe('the partitions offered past the cap', () => {
  const exact = (count: number): PartCount => ({ count, exact: true })

  it('offers what fits once (one link) or twice (both orders), never the empty, the too large or the unknown', () => {
    const parts = capPartitions(
      {
        status: new Map([
          ['completed', exact(1251)],
          ['failed', exact(120)],
          ['pending', exact(0)],
          ['processing', exact(101)],
        ]),
        feedback: new Map([
          ['like', exact(292)],
          ['dislike', { count: 200, exact: false }],
          ['none', exact(1080)],
        ]),
      },
      CAP,
    )
    expect(parts.map((p) => [p.name, p.count, p.links.map((l) => l.filters)])).toEqual([
      [
        'By filename',
        null,
        [
          { sort_by: 'original_filename', order: 'asc' },
          { sort_by: 'original_filename', order: 'desc' },
        ],
      ],
      ['Failed', 120, [{ status: 'failed' }]],
      ['Processing', 101, [{ status: 'processing' }]],
      [
        'Liked',
        292,
        [
          { feedback: ['like'], sort_by: 'original_filename', order: 'asc' },
          { feedback: ['like'], sort_by: 'original_filename', order: 'desc' },
        ],
      ],
    ])
  })

  it('offers both filename orders while the counts are not known yet', () => {
    expect(capPartitions(undefined, CAP).map((p) => p.name)).toEqual(['By filename'])
  })
})
