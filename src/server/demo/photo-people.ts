import type { Random } from '../random'

// Who appears in the photos and where: the popularity that puts a few people (family) in most
// photos, and the face boxes of a group standing side by side.

interface Box {
  x: number
  y: number
  w: number
  h: number
}

/**
 * `count` non-overlapping face boxes for a `width` × `height` photo: one slot per face across the
 * frame, each face a 4:5 box in the upper half of its slot, so people stand side by side.
 */
export function placeFaces(random: Random, width: number, height: number, count: number): Box[] {
  const boxes: Box[] = []
  const slot = width / count
  const maxW = Math.min(slot * 0.62, height * 0.3, width * 0.34)
  for (let i = 0; i < count; i++) {
    const w = Math.max(24, Math.round(maxW * (0.55 + random.next() * 0.45)))
    const h = Math.round(w * 1.25)
    const x = Math.round(i * slot + (slot - w) * (0.2 + random.next() * 0.6))
    const y = Math.round(height * (0.12 + random.next() * 0.22))
    boxes.push({ x, y, w, h: Math.min(h, height - y - 1) })
  }
  return boxes
}

export interface Person {
  id: number
  popularity: number
}

/** Cumulative Zipf-like weights, so a few people (family) appear in most photos. */
export function popularityTable(count: number): Float64Array {
  const table = new Float64Array(count)
  let sum = 0
  for (let i = 0; i < count; i++) {
    sum += 1 / Math.pow(i + 1, 0.85)
    table[i] = sum
  }
  for (let i = 0; i < count; i++) table[i] = (table[i] as number) / sum
  return table
}

export function pickIndex(random: Random, cumulative: Float64Array): number {
  const r = random.next()
  let lo = 0
  let hi = cumulative.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((cumulative[mid] as number) > r) hi = mid
    else lo = mid + 1
  }
  return lo
}
