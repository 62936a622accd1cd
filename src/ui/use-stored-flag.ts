import { useState } from 'react'

function read(key: string, fallback: boolean): boolean {
  try {
    const stored = localStorage.getItem(key)
    return stored === null ? fallback : stored === 'true'
  } catch {
    // note: storage can be off (private modes, sandboxed frames); the flag then lasts the visit.
    return fallback
  }
}

/** An on/off choice the user made that outlives the page (a panel shown or hidden). */
export function useStoredFlag(key: string, fallback: boolean): [boolean, (next: boolean) => void] {
  const [value, setValue] = useState(() => read(key, fallback))
  const set = (next: boolean) => {
    setValue(next)
    try {
      localStorage.setItem(key, String(next))
    } catch {
      // Kept in memory only; see `read`.
    }
  }
  return [value, set]
}
