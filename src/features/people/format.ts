import type { Person } from '../../dialects/types'
import type { SortLabel } from '../../grid/scrubber-model'

/** How a person is named everywhere: their name, or "Unnamed person". */
export function personName(person: Pick<Person, 'name'>): string {
  return person.name ?? 'Unnamed person'
}

const count = new Intl.NumberFormat('en')

/**
 * A person's photo count: the API's own count when it gives one, else what the list has found
 * so far ("240+ photos" while more are to come), or null before the first page.
 */
export function photoCountText(
  person: Pick<Person, 'photoCount'>,
  photos: { count: number; exact: boolean; initialLoading: boolean },
): string | null {
  const n = person.photoCount ?? (photos.initialLoading ? null : photos.count)
  if (n === null) return null
  const exact = person.photoCount !== null || photos.exact
  return `${count.format(n)}${exact ? '' : '+'} photo${n === 1 && exact ? '' : 's'}`
}

/** "48 people", "100+ people", "1 person". */
export function peopleCountText(n: number, exact: boolean): string {
  return `${count.format(n)}${exact ? '' : '+'} ${n === 1 && exact ? 'person' : 'people'}`
}

/** Lower bounds of the photo-count bands the people scrubber shows. */
const PHOTO_BANDS = [0, 1, 5, 10, 25, 50, 100, 250, 500, 1000]

/**
 * A person's label in the people list's order (favourites first, then by photo count, most
 * first): "Favourites", or their photo-count band ("25–49 photos"); null without a count.
 */
export function personSortLabel(person: Pick<Person, 'isFavorite' | 'photoCount'>): SortLabel | null {
  if (person.isFavorite) return { text: 'Favourites', rank: PHOTO_BANDS.length, major: 'Favourites' }
  const n = person.photoCount
  if (n === null) return null
  const band = PHOTO_BANDS.findLastIndex((low) => n >= low)
  const low = PHOTO_BANDS[band] ?? 0
  const next = PHOTO_BANDS[band + 1]
  const text =
    low === 0 ? 'No photos' : next === undefined ? `${count.format(low)}+ photos` : `${low}–${next - 1} photos`
  return { text, rank: band, major: text }
}
