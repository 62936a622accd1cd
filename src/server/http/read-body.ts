/**
 * A body read whole, unless it outgrows `limit()` bytes (read again at each chunk, so a shared
 * budget can shrink meanwhile): then undefined, and the rest is cancelled unread.
 */
export async function readBodyWithin(
  body: ReadableStream<Uint8Array> | null,
  limit: () => number,
): Promise<Uint8Array | undefined> {
  if (!body) return new Uint8Array(0)
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > limit()) {
      await reader.cancel().catch(() => undefined)
      return undefined
    }
    chunks.push(value)
  }
  if (chunks.length === 1) return chunks[0]
  const out = new Uint8Array(total)
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.byteLength
  }
  return out
}
