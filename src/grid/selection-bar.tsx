import { useEffect, useRef, useState, type ReactNode } from 'react'
import { ARCHIVE_MAX_FILES } from '../shared/archive'
import { formatBytes } from '../ui/format-bytes'
import type { ArchiveProgress, DownloadFile } from './download'
import type { GridSelection } from './use-grid-selection'
import type { ListWindowHandle } from './use-list-window'

interface SelectionBarProps {
  selection: GridSelection
  /** A view's own bulk actions (like/dislike, …) go here. */
  children?: ReactNode
}

const count = new Intl.NumberFormat('en')

/** The count of selected items and what can be done with them; shown while anything is selected. */
export function SelectionBar({ selection, children }: SelectionBarProps) {
  if (selection.count === 0) return null
  return (
    <div
      role="toolbar"
      aria-label="Selection"
      className="flex flex-wrap items-center gap-2 rounded-md bg-indigo-50 px-2 py-1.5 text-sm dark:bg-indigo-950"
    >
      <p role="status" className="font-medium text-indigo-900 dark:text-indigo-100" data-testid="selected-count">
        {Number.isFinite(selection.count) ? `${count.format(selection.count)} selected` : 'All selected'}
      </p>
      {children}
      <button type="button" className="btn ml-auto" onClick={selection.clear} aria-keyshortcuts="Escape">
        Clear
      </button>
    </div>
  )
}

interface DownloadSelectedProps<TItem> {
  list: ListWindowHandle<TItem>
  selection: GridSelection
  /** The file an item downloads as; undefined for an item with none (a link, a repository). */
  fileOf: (item: TItem) => DownloadFile | undefined
  /** The archive's name for `count` files, without `.zip`. */
  archiveName: (count: number) => string
}

type Phase =
  | { at: 'idle'; message: string | null }
  | { at: 'preparing' }
  | { at: 'archiving'; total: number; progress: ArchiveProgress }

/** How often the byte count is drawn at most while one file streams in. */
const PROGRESS_INTERVAL_MS = 100

function plural(n: number, one: string, many: string): string {
  return `${count.format(n)} ${n === 1 ? one : many}`
}

/**
 * Downloads the selected items, loading pages the selection reaches: one file straight from its
 * link, several as one ZIP the server makes, with its progress and a Cancel that stops the
 * server too. Items without a file are left out and counted.
 */
const TOO_MANY = `Downloads hold at most ${count.format(ARCHIVE_MAX_FILES)} files at a time; select fewer.`

export function DownloadSelected<TItem>({ list, selection, fileOf, archiveName }: DownloadSelectedProps<TItem>) {
  const [phase, setPhase] = useState<Phase>({ at: 'idle', message: null })
  const running = useRef<AbortController | null>(null)
  useEffect(() => () => running.current?.abort(), [])

  // "All selected" on a list of unknown length is counted while collecting instead.
  const tooMany = Number.isFinite(selection.count) && selection.count > ARCHIVE_MAX_FILES
  const start = async () => {
    if (tooMany || running.current) return
    const controller = new AbortController()
    running.current = controller
    const notes: string[] = []
    const done = (message: string) => setPhase({ at: 'idle', message: [message, ...notes].join(' ') })
    try {
      setPhase({ at: 'preparing' })
      // The download and archive code loads with the first download, not with the grid.
      const { archivePathOf, fetchArchive, saveAs } = await import('./download')
      const files: DownloadFile[] = []
      let noFile = 0
      let seen = 0
      for (const [from, to] of selection.spans()) {
        // Read no further than one item past the cap.
        const entries = await list.collect(from, Math.min(to, from + ARCHIVE_MAX_FILES + 1 - seen), controller.signal)
        for (const { index, item } of entries) {
          if (!selection.isSelected(index, list.keyOf(item))) continue
          seen++
          const file = fileOf(item)
          if (file) files.push(file)
          else noFile++
        }
        if (seen > ARCHIVE_MAX_FILES) return done(TOO_MANY)
      }
      if (noFile > 0) {
        notes.push(
          `${plural(noFile, 'item has', 'items have')} no file (links, repositories) and ${noFile === 1 ? 'was' : 'were'} left out.`,
        )
      }
      const only = files.length === 1 ? files[0] : undefined
      if (only) {
        saveAs(only.url, only.name)
        return done(`Downloading ${only.name}.`)
      }
      const archivable: DownloadFile[] = []
      for (const file of files) {
        const path = archivePathOf(file.url)
        if (path) archivable.push({ url: path, name: file.name })
      }
      const elsewhere = files.length - archivable.length
      if (elsewhere > 0) {
        notes.push(`${plural(elsewhere, 'file is', 'files are')} on another server and cannot go into an archive.`)
      }
      if (archivable.length === 0) return done('Nothing to download.')

      const total = archivable.length
      setPhase({ at: 'archiving', total, progress: { files: 0, bytes: 0 } })
      let drawn = { at: 0, files: 0 }
      const archive = await fetchArchive({ name: archiveName(total), files: archivable }, controller.signal, (p) => {
        // Every file done is drawn; bytes within a file at most every PROGRESS_INTERVAL_MS.
        const now = performance.now()
        if (p.files === drawn.files && now - drawn.at < PROGRESS_INTERVAL_MS) return
        drawn = { at: now, files: p.files }
        setPhase({ at: 'archiving', total, progress: p })
      })
      const href = URL.createObjectURL(archive.blob)
      saveAs(href, archive.name)
      // The browser has taken the file once the download starts; the memory can go after that.
      setTimeout(() => URL.revokeObjectURL(href), 60_000)
      const missing = total - archive.files
      if (missing > 0) {
        notes.unshift(`${plural(missing, 'file', 'files')} could not be fetched; _errors.txt in the archive says why.`)
      }
      done(`Downloaded ${plural(archive.files, 'file', 'files')} as ${archive.name}.`)
    } catch (error) {
      if (controller.signal.aborted) done('Download cancelled.')
      else done(error instanceof Error ? error.message : 'The download failed.')
    } finally {
      running.current = null
    }
  }

  const busy = phase.at !== 'idle'
  let note: ReactNode = null
  if (tooMany) note = TOO_MANY
  else if (phase.at === 'preparing') note = 'Preparing…'
  else if (phase.at === 'archiving') note = `Downloading ${plural(phase.total, 'file', 'files')} as one archive…`
  else note = phase.message

  return (
    <>
      <button
        type="button"
        className="btn"
        onClick={() => void start()}
        disabled={tooMany || busy}
        aria-describedby="download-note"
      >
        Download selected
      </button>
      {phase.at === 'archiving' && (
        <span className="flex items-center gap-2 text-xs text-neutral-700 dark:text-neutral-300">
          {/* note: a drawn bar, since Chromium ignores accent-color on <progress>. */}
          <span
            role="progressbar"
            aria-label="Download progress"
            aria-valuemin={0}
            aria-valuemax={phase.total}
            aria-valuenow={phase.progress.files}
            aria-valuetext={`${phase.progress.files} of ${phase.total} files`}
            className="block h-2 w-24 overflow-hidden rounded-full bg-indigo-200 dark:bg-indigo-900"
          >
            <span
              className="block h-full bg-indigo-600 dark:bg-indigo-400"
              style={{ width: `${(100 * phase.progress.files) / phase.total}%` }}
            />
          </span>
          <span data-testid="download-progress">
            {count.format(phase.progress.files)} of {count.format(phase.total)} files ·{' '}
            {formatBytes(phase.progress.bytes)}
          </span>
        </span>
      )}
      {busy && (
        <button type="button" className="btn" onClick={() => running.current?.abort()}>
          Cancel
        </button>
      )}
      <span id="download-note" role="status" className="text-xs text-neutral-700 dark:text-neutral-300">
        {note}
      </span>
    </>
  )
}
