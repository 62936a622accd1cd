import { describe, expect, it } from 'vitest'
import { formatDay, formatDayTime } from '../../src/ui/dates'
import { parseDay } from '../../src/ui/parse-day'

describe('one date format', () => {
  it('writes days as "12 Mar 2025" and times with seconds', () => {
    expect(formatDay('2025-03-12')).toBe('12 Mar 2025')
    expect(formatDayTime('2025-03-12T14:03:22')).toBe('12 Mar 2025, 14:03:22')
  })

  it('leaves text that is not a date as it is', () => {
    expect(formatDay('soon')).toBe('soon')
    expect(formatDay('2025-02-30')).toBe('2025-02-30')
    expect(formatDayTime('2025-03-12T24:01:00')).toBe('2025-03-12T24:01:00')
  })

  it('shows a time with an offset at the same instant in the local zone, and pads early years', () => {
    const instant = new Date(Date.UTC(2025, 2, 12, 4, 30))
    const local = `${instant.getDate()} Mar 2025, ${String(instant.getHours()).padStart(2, '0')}:${String(instant.getMinutes()).padStart(2, '0')}:00`
    expect(formatDayTime('2025-03-12T04:30:00Z')).toBe(local)
    expect(formatDayTime('2025-03-11T23:30:00-05:00')).toBe(local)
    expect(formatDayTime('2025-03-12T10:00:00.000+05:30')).toBe(local)
    expect(formatDay('0050-01-31')).toBe('31 Jan 0050')
  })

  it('reads the days people type, and refuses impossible ones', () => {
    expect(parseDay('12 Mar 2025')).toBe('2025-03-12')
    expect(parseDay(' 12  march 2025 ')).toBe('2025-03-12')
    expect(parseDay('Mar 12, 2025')).toBe('2025-03-12')
    expect(parseDay('2025-03-12')).toBe('2025-03-12')
    expect(parseDay('30 Feb 2025')).toBeNull()
    expect(parseDay('2025-02-30')).toBeNull()
    expect(parseDay('12 Mar, 2025')).toBe('2025-03-12')
    expect(parseDay('12 SEP 2025')).toBe('2025-09-12')
    expect(parseDay('29 Feb 2024')).toBe('2024-02-29')
    expect(parseDay('2025-3-1')).toBe('2025-03-01')
    expect(parseDay('03/04/2025')).toBeNull()
    expect(parseDay('12 Marc 2025')).toBeNull()
    expect(parseDay('12 Mar 999')).toBeNull()
    expect(parseDay('2025-13-01')).toBeNull()
    expect(parseDay('')).toBeNull()
  })
})
