import type { AssetExif } from '../../dialects/types'
import { formatDayTime } from '../../ui/dates'

type Exif = Partial<AssetExif>

const trimNumber = (n: number, digits: number) => String(Number(n.toFixed(digits)))

/** 0.004 → "1/250 s", 2 → "2 s", 0.3 → "0.3 s" (long exposures read better as decimals). */
export function formatShutter(seconds: number): string {
  if (seconds <= 0) return `${seconds} s`
  if (seconds < 0.25) return `1/${Math.round(1 / seconds)} s`
  return `${trimNumber(seconds, 1)} s`
}

/** "1/250 s · f/2.8 · ISO 200 · 35 mm", leaving out what the file did not say; null when it said none. */
export function formatExposure(exif: Exif): string | null {
  const parts = [
    exif.exposureTime != null && formatShutter(exif.exposureTime),
    exif.fNumber != null && `f/${trimNumber(exif.fNumber, 1)}`,
    exif.iso != null && `ISO ${Math.round(exif.iso)}`,
    exif.focalLength != null && `${trimNumber(exif.focalLength, 1)} mm`,
  ].filter((p): p is string => typeof p === 'string')
  return parts.length ? parts.join(' · ') : null
}

/** "Canon EOS R5", without repeating the make that many models already start with. */
export function formatCamera(exif: Exif): string | null {
  const make = exif.make?.trim()
  const model = exif.model?.trim()
  if (make && model) return model.toLowerCase().startsWith(make.toLowerCase()) ? model : `${make} ${model}`
  return make || model || null
}

/** "Lisbon, Lisbon District, Portugal", from what is known. */
export function formatPlace(exif: Exif): string | null {
  const parts = [exif.city, exif.state, exif.country].map((p) => p?.trim()).filter((p): p is string => Boolean(p))
  // A city-state names itself twice ("Singapore, Singapore"); once is enough.
  const unique = parts.filter((p, i) => parts.indexOf(p) === i)
  return unique.length ? unique.join(', ') : null
}

/** The rows of the EXIF panel, in reading order; empty when the photo says nothing. */
export function exifRows(exif: Exif): { term: string; value: string }[] {
  const rows = [
    { term: 'Camera', value: formatCamera(exif) },
    { term: 'Lens', value: exif.lens?.trim() || null },
    { term: 'Exposure', value: formatExposure(exif) },
    { term: 'Taken', value: exif.takenAt ? formatDayTime(exif.takenAt) : null },
    { term: 'Place', value: formatPlace(exif) },
  ]
  return rows.filter((r): r is { term: string; value: string } => r.value !== null)
}
