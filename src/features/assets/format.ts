const count = new Intl.NumberFormat('en')

export function formatNumber(n: number): string {
  return count.format(n)
}

export function formatCount(n: number, noun: string): string {
  return `${count.format(n)} ${noun}${n === 1 ? '' : 's'}`
}

/** "1,200 photos", or "1,200+ photos" while the API gives no total and more are to come. */
export function formatTotal(n: number, exact: boolean, noun: string): string {
  return exact ? formatCount(n, noun) : `${formatNumber(n)}+ ${noun}s`
}

/** What a source's assets are called: a photo library holds photos. */
export function itemNoun(dialect: string): string {
  return dialect === 'gumnut' ? 'photo' : 'asset'
}

// Shared with the grid's download progress.
export { formatBytes } from '../../ui/format-bytes'

/** 75 → `1:15`, 3725 → `1:02:05`. */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = String(total % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`
}
