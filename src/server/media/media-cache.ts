import { constants } from 'node:fs'
import { lstat, mkdir, open, realpath, rename, rm, unlink, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'

// The media cache on disk: `<root>/<version>/<kind>/<shard>/<id>.<ext>`. Nothing in it is
// trusted. A file is read only if it is a regular file reached without following a link, inside
// directories that really are under the root, and only if its bytes look like what we wrote;
// anything else is removed (a link itself, never what it points to) and rendered again. Writes
// go to a temporary file in the same directory, are flushed, then renamed into place, so a
// reader never sees half a file and a failed write (a full disk) leaves nothing behind.

/** Larger than any file we render (a 2400 px JPEG is well under 2 MB); anything bigger is damage. */
const MAX_FILE_BYTES = 32 * 1024 * 1024

/** `true` when the bytes are a complete file of this extension, as far as cheap checks tell. */
export function looksComplete(ext: string, bytes: Buffer): boolean {
  if (bytes.length === 0 || bytes.length > MAX_FILE_BYTES) return false
  switch (ext) {
    case 'jpg':
      // SOI and a marker at the start, EOI at the end: a truncated JPEG has no EOI.
      return (
        bytes.length >= 4 &&
        bytes[0] === 0xff &&
        bytes[1] === 0xd8 &&
        bytes[2] === 0xff &&
        bytes[bytes.length - 2] === 0xff &&
        bytes[bytes.length - 1] === 0xd9
      )
    case 'webp':
      // RIFF's size field counts everything after the first 8 bytes: a truncated file disagrees.
      return (
        bytes.length >= 16 &&
        bytes.toString('latin1', 0, 4) === 'RIFF' &&
        bytes.toString('latin1', 8, 12) === 'WEBP' &&
        bytes.readUInt32LE(4) + 8 === bytes.length
      )
    case 'pdf':
      return (
        bytes.toString('latin1', 0, 5) === '%PDF-' &&
        bytes
          .toString('latin1', Math.max(0, bytes.length - 16))
          .trimEnd()
          .endsWith('%%EOF')
      )
    default:
      return true
  }
}

function code(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code
}

/** Removes whatever is at `path` without following it: a link is unlinked, a directory emptied. */
async function removeEntry(path: string): Promise<void> {
  try {
    const stat = await lstat(path)
    // rm never follows links inside the tree it removes.
    if (stat.isDirectory()) await rm(path, { recursive: true, force: true })
    else await unlink(path)
  } catch {
    // Gone already, or not ours to remove: the caller renders without the cache.
  }
}

/** Writes `bytes` to `dir/name` atomically; the temporary file never outlives a failure. */
export async function writeFileAtomically(dir: string, name: string, bytes: Buffer): Promise<void> {
  const target = join(dir, name)
  const temp = join(dir, `.${name}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`)
  let handle: FileHandle | undefined
  try {
    // O_EXCL: never write through something already at the temporary name (a planted link).
    handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644)
    await handle.writeFile(bytes)
    await handle.sync()
    await handle.close()
    handle = undefined
    try {
      await rename(temp, target)
    } catch (err) {
      // A directory in the file's place: move it out of the way once, then try again.
      if (code(err) !== 'EISDIR' && code(err) !== 'ENOTEMPTY' && code(err) !== 'EEXIST') throw err
      await removeEntry(target)
      await rename(temp, target)
    }
  } catch (err) {
    await handle?.close().catch(() => undefined)
    await unlink(temp).catch(() => undefined)
    throw err
  }
}

export interface MediaCache {
  /** The cached file's bytes if it is present and sound; damage is removed on the way. */
  read(parts: readonly string[], name: string, valid: (bytes: Buffer) => boolean): Promise<Buffer | undefined>
  /** Stores the file; throws (leaving nothing behind) if it cannot. */
  write(parts: readonly string[], name: string, bytes: Buffer): Promise<void>
}

export interface MediaCacheOptions {
  /**
   * Bytes of recently read or written small files kept in memory (0: none). A hit skips the
   * half-dozen file-system calls of a read, which otherwise wait in libuv's thread pool behind
   * image renders: cached thumbnails stay fast while originals are being drawn.
   */
  memoryBytes?: number
}

/** Files above this size are never kept in memory: thumbnails are, originals are not. */
const MEMORY_FILE_BYTES = 256 * 1024

/** A byte-bounded least-recently-used map of file contents. */
function memoryLayer(budget: number) {
  const files = new Map<string, Buffer>()
  let used = 0
  return {
    get(key: string): Buffer | undefined {
      const bytes = files.get(key)
      if (bytes) {
        files.delete(key)
        files.set(key, bytes)
      }
      return bytes
    },
    set(key: string, bytes: Buffer): void {
      if (budget <= 0 || bytes.length > MEMORY_FILE_BYTES || bytes.length > budget) return
      const old = files.get(key)
      if (old) used -= old.length
      files.delete(key)
      files.set(key, bytes)
      used += bytes.length
      for (const [oldest, value] of files) {
        if (used <= budget) break
        files.delete(oldest)
        used -= value.length
      }
    },
  }
}

export function createMediaCache(root: string, options: MediaCacheOptions = {}): MediaCache {
  // Only bytes that passed `valid` (or that we wrote) enter memory, so a hit needs no check.
  const memory = memoryLayer(options.memoryBytes ?? 0)
  // The root itself may be a link (an operator's choice: the cache on another disk); below it,
  // nothing may be.
  // The root is made on the first write, never by a read: a read-only data folder gets no cache.
  let realRoot: Promise<string> | undefined
  const rootPath = (create: boolean): Promise<string> => {
    realRoot ??= (create ? mkdir(root, { recursive: true }) : Promise.resolve())
      .then(() => realpath(root))
      .catch((err: unknown) => {
        realRoot = undefined
        throw err
      })
    return realRoot
  }

  /** Whether the directory is where it claims to be: no link among its parts. */
  const dirIsInside = async (parts: readonly string[], create = false): Promise<boolean | 'missing'> => {
    let real: string
    try {
      real = await rootPath(create)
    } catch (err) {
      if (!create && code(err) === 'ENOENT') return 'missing'
      throw err
    }
    try {
      return (await realpath(join(root, ...parts))) === join(real, ...parts)
    } catch (err) {
      if (code(err) === 'ENOENT' || code(err) === 'ENOTDIR') return 'missing'
      throw err
    }
  }

  /** Makes the directory, replacing any part that is a link or a file by a real directory. */
  const makeDir = async (parts: readonly string[]): Promise<void> => {
    if ((await dirIsInside(parts, true)) === true) return
    for (let i = 1; i <= parts.length; i++) {
      const path = join(root, ...parts.slice(0, i))
      const stat = await lstat(path).catch(() => undefined)
      if (stat?.isDirectory()) continue
      if (stat) await removeEntry(path)
      await mkdir(path).catch((err: unknown) => {
        if (code(err) !== 'EEXIST') throw err
      })
    }
    if ((await dirIsInside(parts)) !== true) throw new Error(`media cache directory ${join(...parts)} is not safe`)
  }

  return {
    async read(parts, name, valid) {
      const key = join(...parts, name)
      const remembered = memory.get(key)
      if (remembered) return remembered
      let inside: boolean | 'missing'
      try {
        inside = await dirIsInside(parts)
      } catch {
        return undefined
      }
      // A linked directory is never read through; the next write replaces it.
      if (inside !== true) return undefined
      const path = join(root, ...parts, name)
      let handle: FileHandle
      try {
        // O_NOFOLLOW: a link in the file's place fails (ELOOP) instead of being followed;
        // O_NONBLOCK: a FIFO planted there does not hang the open.
        handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK)
      } catch (err) {
        if (code(err) !== 'ENOENT') await removeEntry(path)
        return undefined
      }
      let bytes: Buffer | undefined
      try {
        const stat = await handle.stat()
        if (stat.isFile() && stat.size > 0 && stat.size <= MAX_FILE_BYTES) bytes = await handle.readFile()
      } catch {
        bytes = undefined
      } finally {
        await handle.close().catch(() => undefined)
      }
      if (bytes && valid(bytes)) {
        memory.set(key, bytes)
        return bytes
      }
      await removeEntry(path)
      return undefined
    },
    async write(parts, name, bytes) {
      await makeDir(parts)
      await writeFileAtomically(join(root, ...parts), name, bytes)
      memory.set(join(...parts, name), bytes)
    },
  }
}
