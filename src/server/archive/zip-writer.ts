import { crc32 } from 'node:zlib'

// A ZIP writer for stored (uncompressed) entries whose bytes are known when they are added.
// Each local header carries the entry's CRC and sizes (no data descriptor), so the archive reads
// front to back as well as from its central directory: streaming readers and the app's own
// progress count both rely on it. Sizes and offsets stay 32-bit (no ZIP64); the caller keeps an
// archive under 4 GB (see ARCHIVE_MAX_BYTES) and this refuses anything past it.

const LOCAL_HEADER = 0x04034b50
const CENTRAL_HEADER = 0x02014b50
const END_OF_CENTRAL = 0x06054b50
/** 2.0: what every reader accepts; stored entries need nothing newer. */
const VERSION = 20
/** Made by Unix (3), so readers take the permissions from the external attributes. */
const MADE_BY = (3 << 8) | VERSION
/** Bit 11: the name is UTF-8. */
const UTF8_NAME = 0x0800
const STORED = 0
/** A regular file, rw-r--r--. */
const FILE_ATTRIBUTES = (0o100644 << 16) >>> 0
const MAX_32 = 0xffffffff
const MAX_ENTRIES = 0xffff

const utf8 = new TextEncoder()

/** MS-DOS date and time, in the server's local time as zip tools read them; years 1980–2107. */
function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.min(2107, Math.max(1980, date.getFullYear()))
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | (date.getSeconds() >> 1),
    date: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  }
}

interface CentralRecord {
  name: Uint8Array
  crc: number
  size: number
  offset: number
}

export class ZipWriter {
  readonly #stamp: { time: number; date: number }
  readonly #entries: CentralRecord[] = []
  #offset = 0

  /** `modified`: the time every entry is stamped with. */
  constructor(modified: Date) {
    this.#stamp = dosDateTime(modified)
  }

  /** Bytes of the archive produced so far. */
  get size(): number {
    return this.#offset
  }

  /** One stored entry: its local header, then its bytes as given. */
  entry(name: string, data: Uint8Array): [Uint8Array, Uint8Array] {
    const nameBytes = utf8.encode(name)
    if (nameBytes.length > 0xffff) throw new RangeError('A ZIP entry name is at most 65,535 bytes')
    if (this.#entries.length >= MAX_ENTRIES) throw new RangeError('A ZIP without ZIP64 holds at most 65,535 entries')
    const headerLength = 30 + nameBytes.length
    if (this.#offset + headerLength + data.length > MAX_32) throw new RangeError('A ZIP without ZIP64 ends at 4 GiB')
    const crc = crc32(data)
    const header = new Uint8Array(headerLength)
    const view = new DataView(header.buffer)
    view.setUint32(0, LOCAL_HEADER, true)
    view.setUint16(4, VERSION, true)
    view.setUint16(6, UTF8_NAME, true)
    view.setUint16(8, STORED, true)
    view.setUint16(10, this.#stamp.time, true)
    view.setUint16(12, this.#stamp.date, true)
    view.setUint32(14, crc, true)
    view.setUint32(18, data.length, true)
    view.setUint32(22, data.length, true)
    view.setUint16(26, nameBytes.length, true)
    view.setUint16(28, 0, true)
    header.set(nameBytes, 30)
    this.#entries.push({ name: nameBytes, crc, size: data.length, offset: this.#offset })
    this.#offset += headerLength + data.length
    return [header, data]
  }

  /** The central directory and its end record; nothing may be added after it. */
  finish(): Uint8Array {
    const directoryLength = this.#entries.reduce((sum, e) => sum + 46 + e.name.length, 0)
    if (this.#offset + directoryLength + 22 > MAX_32) throw new RangeError('A ZIP without ZIP64 ends at 4 GiB')
    const out = new Uint8Array(directoryLength + 22)
    const view = new DataView(out.buffer)
    let at = 0
    for (const e of this.#entries) {
      view.setUint32(at, CENTRAL_HEADER, true)
      view.setUint16(at + 4, MADE_BY, true)
      view.setUint16(at + 6, VERSION, true)
      view.setUint16(at + 8, UTF8_NAME, true)
      view.setUint16(at + 10, STORED, true)
      view.setUint16(at + 12, this.#stamp.time, true)
      view.setUint16(at + 14, this.#stamp.date, true)
      view.setUint32(at + 16, e.crc, true)
      view.setUint32(at + 20, e.size, true)
      view.setUint32(at + 24, e.size, true)
      view.setUint16(at + 28, e.name.length, true)
      // Extra field, comment, disk number and internal attributes stay 0.
      view.setUint32(at + 38, FILE_ATTRIBUTES, true)
      view.setUint32(at + 42, e.offset, true)
      out.set(e.name, at + 46)
      at += 46 + e.name.length
    }
    view.setUint32(at, END_OF_CENTRAL, true)
    view.setUint16(at + 8, this.#entries.length, true)
    view.setUint16(at + 10, this.#entries.length, true)
    view.setUint32(at + 12, directoryLength, true)
    view.setUint32(at + 16, this.#offset, true)
    this.#offset += out.length
    return out
  }
}
