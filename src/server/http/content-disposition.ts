/**
 * An attachment header; the plain name keeps to safe ASCII for old clients, the RFC 5987
 * `filename*` form keeps it all.
 */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_')
  // note: encodeURIComponent leaves ' ( ) * as they are, and RFC 5987 allows none of them.
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  )
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`
}
