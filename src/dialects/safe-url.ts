/**
 * `value` as an absolute http(s) URL (resolved against `base` when relative, as host-relative
 * paths like Vipanya's `file_path` are), or undefined. Anything else -- `javascript:`, `data:`,
 * garbage -- must never reach an href, an img or an iframe.
 */
export function safeHttpUrl(value: unknown, base?: string): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined
  try {
    const url = new URL(value.trim(), base)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : undefined
  } catch {
    return undefined
  }
}
