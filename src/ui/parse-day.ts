import { format, isValid, parse } from 'date-fns'

// What people type for a day, most specific first. Day-first only: "03/04/2025" is ambiguous.
// Loaded with the first date field used (see `loadParseDay`), not with the first view.
const INPUT_FORMATS = ['d MMM yyyy', 'd MMMM yyyy', 'd MMM, yyyy', 'MMM d yyyy', 'MMM d, yyyy', 'yyyy-MM-dd']

/** A typed day → `yyyy-MM-dd`, or `null` when it is not a real calendar date. */
export function parseDay(text: string): string | null {
  const cleaned = text.trim().replace(/\s+/g, ' ')
  if (!cleaned) return null
  for (const pattern of INPUT_FORMATS) {
    const d = parse(cleaned, pattern, new Date(2000, 0, 1))
    if (isValid(d) && d.getFullYear() >= 1000) return format(d, 'yyyy-MM-dd')
  }
  return null
}
