// Layout: what justified rows cost in CPU alone, at a phone and a desktop width. Two figures per
// screen: laying out 25,000 items block by block (every block of a 25,000-item stretch arriving),
// and building the track of a 1,000,000-item list of which those 25,000 are known, first with an
// empty cache (every known block laid out) and then with a kept one (as when another page arrives).
// Medians of several runs after a warm-up; aspects are a seeded mix of common photo and video shapes.
//
// Called from run.ts (`npm run bench`); on its own: node --import tsx test/bench/layout.ts
import path from 'node:path'
import { LAYOUT_BLOCK, LayoutCache, justifiedTrack, layoutBlock } from '../../src/grid/justified-layout'

/** Laying out every block of 25,000 items, at either width. */
export const LAYOUT_BUDGET_MS = 8

const KNOWN = 25_000
const LIST = 1_000_000
const WARM_UP = 3
const RUNS = 15
// The grid's gaps: 6 px on a phone, 8 px wider (`gap-1.5 sm:gap-2`).
const SCREENS = [
  { name: 'phone', width: 358, target: 120, gap: 6 },
  { name: 'desktop', width: 1880, target: 220, gap: 8 },
] as const

export interface LayoutFigures {
  screen: string
  width: number
  target: number
  /** Laying out all blocks of the known items, ms. */
  blocksMs: number
  /** Building the track over the whole list with an empty cache, ms. */
  trackColdMs: number
  /** Building it again with every known block kept, ms. */
  trackWarmMs: number
  rows: number
}

/** Portrait and landscape photos, squares and video frames, in a fixed pseudo-random order. */
function sampleAspects(count: number): Float64Array {
  const shapes = [2 / 3, 3 / 4, 1, 3 / 2, 16 / 9]
  let seed = 0x9e3779b9
  return Float64Array.from({ length: count }, () => {
    // xorshift32: the same aspects on every run, so runs compare.
    seed ^= seed << 13
    seed ^= seed >>> 17
    seed ^= seed << 5
    return shapes[(seed >>> 0) % shapes.length] as number
  })
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

/** The median time of `run`, after a few runs to warm the JIT up. */
function timed(run: () => void): number {
  for (let i = 0; i < WARM_UP; i++) run()
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now()
    run()
    times.push(performance.now() - started)
  }
  return median(times)
}

function measureLayout(): LayoutFigures[] {
  const aspects = sampleAspects(KNOWN)
  const aspectAt = (index: number) => (index < KNOWN ? aspects[index] : undefined)
  return SCREENS.map(({ name, ...options }) => {
    let rows = 0
    const blocksMs = timed(() => {
      for (let first = 0; first < KNOWN; first += LAYOUT_BLOCK) {
        layoutBlock(aspects.subarray(first, first + LAYOUT_BLOCK), options)
      }
    })
    const trackColdMs = timed(() => {
      rows = justifiedTrack(LIST, aspectAt, options, new LayoutCache()).rows
    })
    const cache = new LayoutCache()
    const trackWarmMs = timed(() => {
      justifiedTrack(LIST, aspectAt, options, cache)
    })
    return { screen: name, width: options.width, target: options.target, blocksMs, trackColdMs, trackWarmMs, rows }
  })
}

function layoutRows(figures: LayoutFigures[]): Record<string, string>[] {
  return figures.map((f) => ({
    screen: `${f.screen} ${f.width} px, rows of ${f.target} px`,
    [`${KNOWN.toLocaleString('en')} items laid out (≤ ${LAYOUT_BUDGET_MS} ms)`]: `${f.blocksMs.toFixed(2)} ms`,
    [`track of ${LIST.toLocaleString('en')}, empty cache`]: `${f.trackColdMs.toFixed(2)} ms`,
    'track, blocks kept': `${f.trackWarmMs.toFixed(2)} ms`,
    rows: f.rows.toLocaleString('en'),
  }))
}

/** The budgets each screen misses, in words. */
function layoutMisses(figures: LayoutFigures[]): string[] {
  return figures.flatMap((f) =>
    f.blocksMs > LAYOUT_BUDGET_MS
      ? [`${f.screen}: laying out ${KNOWN} items took ${f.blocksMs.toFixed(2)} ms > ${LAYOUT_BUDGET_MS} ms`]
      : [],
  )
}

/** Measures the layout, prints the table and the budgets missed. */
export function layoutSection() {
  console.log(`\nLayout (justified rows, CPU only, median of ${RUNS} runs):`)
  const figures = measureLayout()
  console.table(layoutRows(figures))
  const misses = layoutMisses(figures)
  console.log(misses.length === 0 ? 'layout budgets: PASS' : `layout budgets: FAIL\n  ${misses.join('\n  ')}`)
  if (misses.length > 0) process.exitCode = 1
  return { figures, misses }
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) layoutSection()
