import { format, isValid, parse, parseISO } from 'date-fns'

// One way to write dates everywhere: "12 Mar 2025", and "12 Mar 2025, 14:03:22" where the time matters.
const DAY = 'd MMM yyyy'
const DAY_TIME = 'd MMM yyyy, HH:mm:ss'

function toDate(iso: string): Date | null {
  const d = parseISO(iso)
  return isValid(d) ? d : null
}

/** `2025-03-12` (or a full ISO time) → `12 Mar 2025`; anything unreadable is returned as it is. */
export function formatDay(iso: string): string {
  const d = toDate(iso)
  return d ? format(d, DAY) : iso
}

/** An ISO time → `12 Mar 2025, 14:03:22` in the user's time zone. */
export function formatDayTime(iso: string): string {
  const d = toDate(iso)
  return d ? format(d, DAY_TIME) : iso
}

// What people type for a day, most specific first. Day-first only: "03/04/2025" is ambiguous.
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

/** How the date fields say what they accept. */
export const DAY_EXAMPLE = '12 Mar 2025'
