import type { IdCodec } from '../ids/codec'
import { createRandom } from '../random'

// What the Scenario and Vipanya fills share: their options, their random stream and the two
// years before `end` their rows fall in. Each fill draws from a stream of its own, so neither
// moves the other's rows.

export const DAY_MS = 24 * 3600 * 1000
const SPAN_MS = 730 * DAY_MS

export interface FillLibraryOptions {
  seed: string
  count: number
  /** Every timestamp falls in the two years before this instant (a whole second). */
  end: number
  /** The catalog's id codec, which names the library's rows. */
  ids: IdCodec
}

/** The frame of one library's fill: `library` names its random stream. */
export function libraryFrame(library: 'scenario' | 'vipanya', options: FillLibraryOptions) {
  const count = Math.max(0, Math.floor(options.count))
  const r = createRandom(`${options.seed}:${library}:${count}`)
  const start = options.end - SPAN_MS
  return {
    count,
    r,
    start,
    /** The latest a row may be: a second before the end. */
    latest: options.end - 1000,
    /** A whole second drawn from the span, short of its last day. */
    randomTime(): number {
      const time = start + Math.floor(r.next() * (SPAN_MS - DAY_MS))
      return time - (time % 1000)
    },
  }
}
