/** Bytes `start` to `end` of a body, both included. */
export interface ByteRange {
  start: number
  end: number
}

/**
 * The one byte range a `Range` header asks of a body of `size` bytes (RFC 9110 §14.1.2):
 * `bytes=first-last`, `bytes=first-` or `bytes=-suffix`, a last past the end meaning the end.
 * `unsatisfiable` when it starts past the end (or asks for an empty suffix): a 416. Undefined when
 * there is nothing to honour: no header, another unit, bad syntax, or several ranges (which a
 * server may answer with the whole body, as media players never ask for them).
 */
export function byteRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | undefined {
  if (header === undefined) return undefined
  const match = /^bytes=(\d*)-(\d*)$/i.exec(header.trim())
  if (!match) return undefined
  const [, first = '', last = ''] = match
  if (first === '' && last === '') return undefined
  if (first === '') {
    const suffix = Number(last)
    if (suffix === 0 || size === 0) return 'unsatisfiable'
    return { start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(first)
  if (last !== '' && Number(last) < start) return undefined
  if (start >= size) return 'unsatisfiable'
  return { start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) }
}
