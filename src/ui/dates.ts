// One way to write dates everywhere: "12 Mar 2025", and "12 Mar 2025, 14:03:22" where the time matters.
// Written by hand rather than with a date library: these few formats are all the app needs, and
// the filter panel that uses them is on the first screen.

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]
const SHORT_MONTHS = MONTHS.map((m) => m.slice(0, 3))

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** A local date when day, month and year name a real calendar day, else null. */
function calendarDay(year: number, monthIndex: number, day: number): Date | null {
  const d = new Date(2000, 0, 1)
  d.setFullYear(year, monthIndex, day)
  return d.getFullYear() === year && d.getMonth() === monthIndex && d.getDate() === day ? d : null
}

// A day, or a day and time with optional seconds, fraction and offset; no offset means local time.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i

function toDate(iso: string): Date | null {
  const m = ISO.exec(iso.trim())
  if (!m) return null
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m
  const [hour, minute, second, ms] = [Number(h), Number(mi), Number(s), Number(frac.padEnd(3, '0').slice(0, 3))]
  // 24:00 is the end of the day; no other time past 23:59:59 exists.
  if (minute > 59 || second > 59 || hour > 24 || (hour === 24 && minute + second + ms > 0)) return null
  const day = calendarDay(Number(y), Number(mo) - 1, Number(d))
  if (!day) return null
  if (!zone) {
    day.setHours(hour, minute, second, ms)
    return day
  }
  // With an offset the wall time is that zone's: the same instant is shown in the user's zone.
  const utc = new Date(0)
  utc.setUTCFullYear(day.getFullYear(), day.getMonth(), day.getDate())
  utc.setUTCHours(hour, minute, second, ms)
  const sign = zone.startsWith('-') ? -1 : 1
  const digits = zone.toUpperCase() === 'Z' ? '0000' : zone.slice(1).replace(':', '')
  const offset = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0')
  return new Date(utc.getTime() - sign * offset * 60_000)
}

function dayText(d: Date): string {
  return `${d.getDate()} ${SHORT_MONTHS[d.getMonth()]} ${pad(d.getFullYear(), 4)}`
}

/** `2025-03-12` (or a full ISO time) → `12 Mar 2025`; anything unreadable is returned as it is. */
export function formatDay(iso: string): string {
  const d = toDate(iso)
  return d ? dayText(d) : iso
}

/** An ISO time → `12 Mar 2025, 14:03:22` in the user's time zone. */
export function formatDayTime(iso: string): string {
  const d = toDate(iso)
  return d ? `${dayText(d)}, ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` : iso
}

// What people type for a day. Day-first only: "03/04/2025" is ambiguous. A month is its English
// name or the name's first three letters (any case); "12 Mar, 2025" and "Mar 12, 2025" take a comma.
const DAY = '(3[01]|[12]\\d|0?[1-9])'
const YEAR = '([1-9]\\d{3})'
const SHORT = `(${SHORT_MONTHS.join('|')})`
const INPUT_FORMATS: { pattern: RegExp; year: number; month: number; day: number }[] = [
  {
    pattern: new RegExp(`^${DAY} (${MONTHS.join('|')}|${SHORT_MONTHS.join('|')}) ${YEAR}$`, 'i'),
    day: 1,
    month: 2,
    year: 3,
  },
  { pattern: new RegExp(`^${DAY} ${SHORT}, ${YEAR}$`, 'i'), day: 1, month: 2, year: 3 },
  { pattern: new RegExp(`^${SHORT} ${DAY},? ${YEAR}$`, 'i'), month: 1, day: 2, year: 3 },
  { pattern: /^(\d{4})-(1[0-2]|0?[1-9])-(\d{1,2})$/, year: 1, month: 2, day: 3 },
]

function monthIndex(text: string): number {
  const number = Number(text)
  if (Number.isInteger(number)) return number - 1
  return SHORT_MONTHS.findIndex((m) => m.toLowerCase() === text.slice(0, 3).toLowerCase())
}

/** A typed day → `yyyy-MM-dd`, or `null` when it is not a real calendar date. */
export function parseDay(text: string): string | null {
  const cleaned = text.trim().replace(/\s+/g, ' ')
  for (const format of INPUT_FORMATS) {
    const m = format.pattern.exec(cleaned)
    if (!m) continue
    const year = Number(m[format.year])
    const d = calendarDay(year, monthIndex(m[format.month] ?? ''), Number(m[format.day]))
    if (d && year >= 1000) return `${pad(year, 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
  }
  return null
}

/** How the date fields say what they accept. */
export const DAY_EXAMPLE = '12 Mar 2025'
