import type { Person } from '../../dialects/types'

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
