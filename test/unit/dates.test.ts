import { describe, expect, it } from 'vitest'
import { formatDay, formatDayTime, parseDay } from '../../src/ui/dates'

describe('one date format', () => {
  it('writes days as "12 Mar 2025" and times with seconds', () => {
    expect(formatDay('2025-03-12')).toBe('12 Mar 2025')
    expect(formatDayTime('2025-03-12T14:03:22')).toBe('12 Mar 2025, 14:03:22')
  })

  it('leaves text that is not a date as it is', () => {
    expect(formatDay('soon')).toBe('soon')
  })

  it('reads the days people type, and refuses impossible ones', () => {
    expect(parseDay('12 Mar 2025')).toBe('2025-03-12')
    expect(parseDay(' 12  march 2025 ')).toBe('2025-03-12')
    expect(parseDay('Mar 12, 2025')).toBe('2025-03-12')
    expect(parseDay('2025-03-12')).toBe('2025-03-12')
    expect(parseDay('30 Feb 2025')).toBeNull()
    expect(parseDay('2025-02-30')).toBeNull()
    expect(parseDay('03/04/2025')).toBeNull()
    expect(parseDay('')).toBeNull()
  })
})
