import { isValid, parseISO } from 'date-fns'

// One way to write dates everywhere: "12 Mar 2025", and "12 Mar 2025, 14:03:22" where the time
// matters. ISO text is read with date-fns (a date alone is a local day); month names come from
// Intl. Reading what people type needs date-fns' larger parser, so it lives in `parse-day.ts`
// and loads when a date field is first used.

const MONTH = new Intl.DateTimeFormat('en-US', { month: 'short' })
const pad = (n: number, width = 2) => String(n).padStart(width, '0')

function toDate(iso: string): Date | null {
  const d = parseISO(iso)
  return isValid(d) ? d : null
}

function dayText(d: Date): string {
  return `${d.getDate()} ${MONTH.format(d)} ${pad(d.getFullYear(), 4)}`
}

/** `2025-03-12` (or a full ISO time) → `12 Mar 2025`; anything unreadable is returned as it is. */
export function formatDay(iso: string): string {
  const d = toDate(iso)
  return d ? dayText(d) : iso
}

/** The month of an ISO time in the user's time zone: `Mar 2025`, with its year and month (0–11); null when unreadable. */
export function monthOf(iso: string): { year: number; month: number; text: string } | null {
  const d = toDate(iso)
  return d
    ? { year: d.getFullYear(), month: d.getMonth(), text: `${MONTH.format(d)} ${pad(d.getFullYear(), 4)}` }
    : null
}

/** An ISO time → `12 Mar 2025, 14:03:22` in the user's time zone. */
export function formatDayTime(iso: string): string {
  const d = toDate(iso)
  return d ? `${dayText(d)}, ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` : iso
}

/** How the date fields say what they accept. */
export const DAY_EXAMPLE = '12 Mar 2025'

let dayParser: Promise<typeof import('./parse-day')> | undefined

/** The typed-day reader, loaded once; a date field asks for it when focused. */
export function loadParseDay(): Promise<typeof import('./parse-day')> {
  dayParser ??= import('./parse-day')
  return dayParser
}
