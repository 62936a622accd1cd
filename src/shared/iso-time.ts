// ISO 8601 timestamps as query parameters: a date, or a date and time with optional seconds,
// fraction and offset. A missing offset means UTC (the catalog stores UTC), never server time.

const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/

/**
 * Canonical `YYYY-MM-DDTHH:MM:SS.sssZ` for a valid ISO 8601 timestamp whose instant lies in years
 * 0001–9999 (UTC), else undefined.
 */
export function parseIsoTimestamp(text: string): string | undefined {
  const m = ISO_PATTERN.exec(text.trim())
  if (!m) return undefined
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m
  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  const hour = Number(h)
  const minute = Number(mi)
  const second = Number(s)
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
    return undefined
  }
  const ms = Number(frac.padEnd(3, '0').slice(0, 3))
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 onto 1900-1999.
  const check = new Date(0)
  check.setUTCFullYear(year, month - 1, day)
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return undefined
  check.setUTCHours(hour, minute, second, ms)
  let time = check.getTime()
  if (zone && zone !== 'Z' && zone !== 'z') {
    const sign = zone.startsWith('-') ? -1 : 1
    const digits = zone.slice(1).replace(':', '')
    const offH = Number(digits.slice(0, 2))
    const offM = Number(digits.slice(2) || '0')
    if (offH > 23 || offM > 59) return undefined
    time -= sign * (offH * 60 + offM) * 60_000
  }
  const date = new Date(time)
  // Stored times are compared as text, which only orders four-digit years: year 10000 prints as
  // `+010000-…` and would sort before every stored time. So the instant itself, after its
  // offset, must fall in years 0001–9999.
  if (Number.isNaN(date.getTime())) return undefined
  const utcYear = date.getUTCFullYear()
  return utcYear < 1 || utcYear > 9999 ? undefined : date.toISOString()
}
