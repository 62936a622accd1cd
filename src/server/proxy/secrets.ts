// A source's secrets must never come back through the proxy, however the upstream encoded its
// echo: as is, JSON-escaped (`\/`, `\u0073…`), URL-encoded (`%73`, `+`), as an HTML character
// reference, or in base64/base64url (also as part of longer base64, such as Basic `key:secret`).
// Text and JSON answers are redacted after decoding; other answers that carry a secret are
// refused (see index.ts), since cutting bytes out of a script or an image would not make it safe.

const REDACTED = '[redacted]'

export interface SecretMatcher {
  /** The text with every encoded form of every secret replaced by `[redacted]`. */
  redact(text: string): string
  /** Whether the text holds any encoded form of any secret. */
  found(text: string): boolean
}

/** `\u0073`, `\/`, `%73`, `&#115;`, `&#x73;`: the escapes a secret's characters may hide behind. */
const ESCAPE = /\\u([0-9a-fA-F]{4})|\\\/|%([0-9a-fA-F]{2})|&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));/g

const MAY_ESCAPE = /[\\%&]/

function unescaped(match: RegExpExecArray | RegExpMatchArray): string {
  const [whole, unit, byte, hex, decimal] = match
  if (whole === '\\/') return '/'
  if (unit !== undefined) return String.fromCharCode(parseInt(unit, 16))
  // A percent-encoded byte stands for itself, as Latin-1; a non-ASCII secret is also searched
  // for as its UTF-8 bytes read that way.
  if (byte !== undefined) return String.fromCharCode(parseInt(byte, 16))
  const codePoint = hex !== undefined ? parseInt(hex, 16) : Number(decimal)
  return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : whole
}

/**
 * The text with every escape undone, and (when asked) where each of its characters starts in
 * the original, plus the original length at the end, to redact the original's span of a match.
 */
function decode(text: string, withMap: boolean): { text: string; starts: number[] | undefined } {
  const parts: string[] = []
  const starts: number[] | undefined = withMap ? [] : undefined
  let last = 0
  for (const match of text.matchAll(ESCAPE)) {
    const at = match.index
    parts.push(text.slice(last, at))
    if (starts) for (let i = last; i < at; i += 1) starts.push(i)
    const character = unescaped(match)
    parts.push(character)
    if (starts) for (let i = 0; i < character.length; i += 1) starts.push(at)
    last = at + match[0].length
  }
  if (last === 0) return { text, starts: undefined }
  parts.push(text.slice(last))
  if (starts) {
    for (let i = last; i < text.length; i += 1) starts.push(i)
    starts.push(text.length)
  }
  return { text: parts.join(''), starts }
}

/**
 * A secret's base64 and base64url forms at each of the three byte alignments it may have inside
 * longer base64, keeping only the characters its own bytes decide.
 */
function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8')
  // Too short a core would match ordinary base64 (images, tokens) by chance.
  if (bytes.length < 6) return []
  // Whole, with padding, as it comes when it stands alone; then the cores.
  const forms = [bytes.toString('base64'), bytes.toString('base64url')]
  for (let offset = 0; offset < 3; offset += 1) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64')
    const core = encoded.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + bytes.length)) / 6))
    forms.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'))
  }
  return forms
}

function secretForms(secrets: readonly string[]): string[] {
  const bases = new Set<string>()
  for (const secret of secrets) {
    if (!secret) continue
    bases.add(secret)
    // A secret that is itself base64 (the Basic header's `key:secret`) in base64url.
    bases.add(secret.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''))
    for (const form of base64Forms(secret)) bases.add(form)
  }
  const forms = new Set<string>()
  for (const base of bases) {
    // A space may come back as + from a form encoder; a non-ASCII character as its UTF-8 bytes
    // read one by one (in binary bodies, and once %XX escapes are undone).
    for (const form of [base, base.replace(/ /g, '+')]) {
      forms.add(form)
      forms.add(Buffer.from(form, 'utf8').toString('latin1'))
    }
  }
  // Longest first, so a form that contains another is replaced whole.
  return [...forms].filter(Boolean).sort((a, b) => b.length - a.length)
}

function spans(text: string, forms: readonly string[]): [number, number][] {
  const found: [number, number][] = []
  for (const form of forms) {
    for (let at = text.indexOf(form); at !== -1; at = text.indexOf(form, at + 1)) found.push([at, at + form.length])
  }
  return found
}

const matchers = new WeakMap<readonly string[], SecretMatcher>()

/** The matcher for a source's secrets (built once per list). */
export function secretMatcher(secrets: readonly string[]): SecretMatcher {
  const known = matchers.get(secrets)
  if (known) return known
  const forms = secretForms(secrets)
  const shortest = Math.min(...forms.map((form) => form.length))
  const matcher: SecretMatcher = {
    found(text) {
      if (forms.length === 0 || text.length < shortest) return false
      if (forms.some((form) => text.includes(form))) return true
      if (!MAY_ESCAPE.test(text)) return false
      const plain = decode(text, false).text
      return plain !== text && forms.some((form) => plain.includes(form))
    },
    redact(text) {
      if (forms.length === 0 || text.length < shortest) return text
      const found = spans(text, forms)
      // The map from decoded to original positions costs memory on a large body: built only
      // once the decoded text is known to hold a secret.
      if (MAY_ESCAPE.test(text) && spans(decode(text, false).text, forms).length > 0) {
        const { text: plain, starts = [] } = decode(text, true)
        for (const [from, to] of spans(plain, forms)) found.push([starts[from] ?? 0, starts[to] ?? text.length])
      }
      if (found.length === 0) return text
      found.sort((a, b) => a[0] - b[0])
      let out = ''
      let last = 0
      for (const [from, to] of found) {
        if (to <= last) continue
        if (from >= last) out += text.slice(last, from) + REDACTED
        last = to
      }
      return out + text.slice(last)
    },
  }
  matchers.set(secrets, matcher)
  // To tell whether bytes hold a secret, a form that contains another adds nothing. Only
  // single-byte forms can be found in bytes read as Latin-1 (the others have a UTF-8 twin).
  const single = forms.filter((form) => [...form].every((c) => c.charCodeAt(0) <= 0xff))
  const minimal = single.filter((form) => !single.some((other) => other !== form && form.includes(other)))
  byteForms.set(
    matcher,
    minimal.map((form) => Buffer.from(form, 'latin1')),
  )
  return matcher
}

export function redact(text: string, secrets: readonly string[]): string {
  return secretMatcher(secrets).redact(text)
}

/** A parsed JSON value with every string, keys included, redacted. */
export function redactJson(value: unknown, matcher: SecretMatcher): unknown {
  if (typeof value === 'string') return matcher.redact(value)
  if (Array.isArray(value)) return value.map((item) => redactJson(item, matcher))
  if (value && typeof value === 'object') {
    const out = Object.create(null) as Record<string, unknown>
    for (const [k, v] of Object.entries(value)) out[matcher.redact(k)] = redactJson(v, matcher)
    return out
  }
  return value
}

const BACKSLASH = 0x5c
const PERCENT = 0x25
const AMPERSAND = 0x26

function hexValue(byte: number | undefined): number {
  if (byte === undefined) return -1
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30
  const lower = byte | 0x20
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1
}

/** Reads `count` hex digits at `at`, or -1. */
function hexAt(bytes: Uint8Array, at: number, count: number): number {
  let value = 0
  for (let i = 0; i < count; i += 1) {
    const digit = hexValue(bytes[at + i])
    if (digit < 0) return -1
    value = value * 16 + digit
  }
  return value
}

/** Writes a code point (or lone UTF-16 unit) as UTF-8 bytes; returns the new end. */
function writeUtf8(out: Uint8Array, end: number, codePoint: number): number {
  if (codePoint < 0x80) out[end++] = codePoint
  else if (codePoint < 0x800) {
    out[end++] = 0xc0 | (codePoint >> 6)
    out[end++] = 0x80 | (codePoint & 0x3f)
  } else if (codePoint < 0x10000) {
    out[end++] = 0xe0 | (codePoint >> 12)
    out[end++] = 0x80 | ((codePoint >> 6) & 0x3f)
    out[end++] = 0x80 | (codePoint & 0x3f)
  } else {
    out[end++] = 0xf0 | (codePoint >> 18)
    out[end++] = 0x80 | ((codePoint >> 12) & 0x3f)
    out[end++] = 0x80 | ((codePoint >> 6) & 0x3f)
    out[end++] = 0x80 | (codePoint & 0x3f)
  }
  return end
}

/**
 * The same escapes as `decode`, undone byte by byte (a regex over a large binary body is many
 * times slower). Characters come out as UTF-8, as the secrets' byte forms are.
 */
function decodeBytes(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length)
  let end = 0
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i] ?? 0
    if (byte === BACKSLASH) {
      const next = bytes[i + 1]
      if (next === 0x2f) {
        out[end++] = 0x2f
        i += 1
        continue
      }
      if (next === 0x75) {
        const unit = hexAt(bytes, i + 2, 4)
        if (unit >= 0) {
          end = writeUtf8(out, end, unit)
          i += 5
          continue
        }
      }
    } else if (byte === PERCENT) {
      const value = hexAt(bytes, i + 1, 2)
      if (value >= 0) {
        out[end++] = value
        i += 2
        continue
      }
    } else if (byte === AMPERSAND && bytes[i + 1] === 0x23) {
      const hex = (bytes[i + 2] ?? 0) | 0x20
      let at = hex === 0x78 ? i + 3 : i + 2
      let codePoint = 0
      const digits = at
      while (at < bytes.length && at - digits < 7) {
        const digit = hex === 0x78 ? hexValue(bytes[at]) : (bytes[at] ?? 0) - 0x30
        if (digit < 0 || digit > (hex === 0x78 ? 15 : 9)) break
        codePoint = codePoint * (hex === 0x78 ? 16 : 10) + digit
        at += 1
      }
      if (at > digits && bytes[at] === 0x3b && codePoint <= 0x10ffff) {
        end = writeUtf8(out, end, codePoint)
        i = at
        continue
      }
    }
    out[end++] = byte
  }
  return out.subarray(0, end)
}

const byteForms = new WeakMap<SecretMatcher, Buffer[]>()

/** Whether raw bytes (a script, an image, any type not redacted) carry a secret in any form. */
export function bytesCarrySecret(bytes: Uint8Array, matcher: SecretMatcher): boolean {
  const forms = byteForms.get(matcher)
  if (!forms || forms.length === 0) return false
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (forms.some((form) => raw.includes(form))) return true
  const plain = decodeBytes(raw)
  if (plain.length === raw.length) return false
  const view = Buffer.from(plain.buffer, plain.byteOffset, plain.byteLength)
  return forms.some((form) => view.includes(form))
}
