import {
  closeSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  fsyncSync,
} from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'

// One process owns a data folder at a time: two servers (or a server and `seed --replace`) on
// the same folder would each build or cache their own view of the catalog, and the second's
// build replaces the file the first has acknowledged writes into.
//
// The lock is a file created with O_EXCL (`wx`) naming its holder: pid, the process's start
// time and the host. A lock whose holder is gone (pid not alive, or alive but started at
// another time, i.e. a reused pid: common in containers, where the server is always pid 1) is
// stale and taken over; the kernel releases nothing for us after a kill -9, so this is how a
// crashed server's folder becomes usable again.

const LOCK_FILE = 'vitrine.lock'
/** A lock file still empty this long after it was created was left by a crash mid-write. */
const UNWRITTEN_LOCK_GRACE_MS = 5_000

export interface LockHolder {
  pid: number
  /** The process's start as the kernel records it (Linux: clock ticks since boot), if known. */
  startTicks: string | null
  /** When the holder started, for people reading the message. */
  since: string
  hostname: string
  /**
   * The folder's device and inode: a lock copied along with the folder (`cp -r data data-b`)
   * names another folder and holds nothing here.
   */
  folder: string | null
}

/** The data folder is held by another process; the message names it in one line. */
export class DataFolderLockedError extends Error {
  constructor(
    readonly lockPath: string,
    readonly holder: LockHolder | null,
  ) {
    super(
      holder
        ? `The data folder ${lockPath.slice(0, -LOCK_FILE.length - 1)} is in use by process ${holder.pid}` +
            `${holder.hostname === hostname() ? '' : ` on host ${holder.hostname}`} since ${holder.since} ` +
            `(lock file ${lockPath}; stop that process, or delete the file if it is no longer running).`
        : `The data folder ${lockPath.slice(0, -LOCK_FILE.length - 1)} is being locked by another process starting ` +
            `right now (lock file ${lockPath}).`,
    )
    this.name = 'DataFolderLockedError'
  }
}

export interface DataLock {
  readonly path: string
  /** Deletes the lock file if it is still ours; safe to call more than once. */
  release(): void
}

export function lockPath(dataDir: string): string {
  return join(dataDir, LOCK_FILE)
}

/** The kernel's start time of `pid`, which tells a live holder from a process reusing its pid. */
function processStartTicks(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Field 2 (the command) is in parentheses and may hold spaces; field 22 is the start time.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return fields[19] ?? null
  } catch {
    return null
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function folderId(dataDir: string): string {
  const info = statSync(dataDir)
  return `${info.dev}:${info.ino}`
}

function me(dataDir: string): LockHolder {
  return {
    pid: process.pid,
    startTicks: processStartTicks(process.pid),
    since: new Date(Date.now() - process.uptime() * 1000).toISOString(),
    hostname: hostname(),
    folder: folderId(dataDir),
  }
}

function parseHolder(text: string): LockHolder | null {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>
    if (typeof value.pid !== 'number' || typeof value.hostname !== 'string') return null
    return {
      pid: value.pid,
      startTicks: typeof value.startTicks === 'string' ? value.startTicks : null,
      since: typeof value.since === 'string' ? value.since : 'an unknown time',
      hostname: value.hostname,
      folder: typeof value.folder === 'string' ? value.folder : null,
    }
  } catch {
    return null
  }
}

/**
 * Whether the process named in the lock still holds this folder. A holder on another host is
 * assumed to (its processes cannot be seen from here).
 */
function holderIsLive(holder: LockHolder, folder: string): boolean {
  if (holder.hostname !== hostname()) return true
  // Device numbers are only comparable on one host (an NFS folder has another on each).
  if (holder.folder !== null && holder.folder !== folder) return false
  if (!isAlive(holder.pid)) return false
  if (holder.startTicks === null) return true
  const ticks = processStartTicks(holder.pid)
  return ticks === null || ticks === holder.startTicks
}

/**
 * Takes the data folder's lock or throws DataFolderLockedError naming the holder. The folder
 * must exist. Errors other than "held" (EACCES, EROFS, ENOENT…) are thrown as they are.
 */
export function lockDataFolder(dataDir: string): DataLock {
  const path = lockPath(dataDir)
  const self = me(dataDir)
  const content = `${JSON.stringify(self)}\n`
  for (let attempt = 0; attempt < 5; attempt++) {
    let fd: number
    try {
      fd = openSync(path, 'wx', 0o644)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      takeOverIfStale(path, self.folder ?? '')
      continue
    }
    try {
      writeSync(fd, content)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    return ownLock(path, content)
  }
  throw new DataFolderLockedError(path, readHolder(path))
}

function readHolder(path: string): LockHolder | null {
  try {
    return parseHolder(readFileSync(path, 'utf8'))
  } catch {
    return null
  }
}

/** Throws if the lock at `path` is live; removes it if stale. Returns to retry either way. */
function takeOverIfStale(path: string, folder: string): void {
  let text: string
  let age: number
  try {
    text = readFileSync(path, 'utf8')
    age = Date.now() - statSync(path).mtimeMs
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return // released meanwhile: retry
    throw err
  }
  const holder = parseHolder(text)
  if (holder === null) {
    // Created but not yet written by a process starting right now, or left empty by a crash.
    if (age < UNWRITTEN_LOCK_GRACE_MS) throw new DataFolderLockedError(path, null)
  } else if (holderIsLive(holder, folder)) {
    throw new DataFolderLockedError(path, holder)
  }
  // Stale. Two processes may judge it so at once: each moves it to its own name first, and only
  // the one that moved the very lock it judged deletes it (the other finds nothing to move).
  const aside = `${path}.stale-${process.pid}`
  try {
    renameSync(path, aside)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return
    throw err
  }
  let moved: string | undefined
  try {
    moved = readFileSync(aside, 'utf8')
  } catch {
    return // gone: nothing to put back
  }
  if (moved !== text) {
    // We moved a lock someone took in between: put it back, unless yet another has the place
    // (link, unlike rename, never replaces a file).
    try {
      linkSync(aside, path)
    } catch {
      // the place is taken again; that holder's lock stands
    }
  }
  try {
    unlinkSync(aside)
  } catch {
    // already gone
  }
}

function ownLock(path: string, content: string): DataLock {
  let released = false
  const release = (): void => {
    if (released) return
    released = true
    process.off('exit', release)
    try {
      // Only our own lock: after a takeover by someone who judged us dead, the file is theirs.
      if (readFileSync(path, 'utf8') === content) unlinkSync(path)
    } catch {
      // already gone
    }
  }
  // A process that exits without closing its server (process.exit, an uncaught error) still
  // leaves the folder free; a kill -9 leaves a stale lock that the next start takes over.
  process.on('exit', release)
  return { path, release }
}

/** The data folder cannot be used at all (missing and not creatable, not a folder, …): one line. */
export class DataFolderError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'DataFolderError'
  }
}
