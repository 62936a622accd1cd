import { useEffect, useRef, useState, type ReactNode } from 'react'
import { DOWNLOAD_CAP, downloadSequentially, type DownloadFile } from './download'
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

/** What a finished "Download selected" says: files saved, and items skipped for having none. */
function downloadSummary(downloaded: number, skipped: number): string {
  const items = (n: number) => `${count.format(n)} ${n === 1 ? 'item' : 'items'}`
  if (downloaded === 0) {
    return skipped === 1
      ? 'Nothing to download: the selected item has no file.'
      : `Nothing to download: none of the ${items(skipped)} selected has a file.`
  }
  const done = `Downloaded ${count.format(downloaded)} ${downloaded === 1 ? 'file' : 'files'}.`
  return skipped === 0 ? done : `${done} Skipped ${items(skipped)} with no file (a link, say).`
}

interface DownloadSelectedProps<TItem> {
  list: ListWindowHandle<TItem>
  selection: GridSelection
  /** The item's file; undefined for one that has none (a link), which is skipped and counted. */
  fileOf: (item: TItem) => DownloadFile | undefined
}

/**
 * Downloads the selected items' originals one by one, loading pages the selection reaches. Items
 * with no file are skipped, and the status says how many.
 */
export function DownloadSelected<TItem>({ list, selection, fileOf }: DownloadSelectedProps<TItem>) {
  const [status, setStatus] = useState<string | null>(null)
  const running = useRef<AbortController | null>(null)
  useEffect(() => () => running.current?.abort(), [])

  const tooMany = selection.count > DOWNLOAD_CAP
  const start = async () => {
    if (tooMany || running.current) return
    const controller = new AbortController()
    running.current = controller
    try {
      setStatus('Preparing…')
      const files: DownloadFile[] = []
      let skipped = 0
      for (const [from, to] of selection.spans()) {
        const entries = await list.collect(from, to, controller.signal)
        for (const { index, item } of entries) {
          if (!selection.isSelected(index, list.keyOf(item))) continue
          const file = fileOf(item)
          if (file) files.push(file)
          else skipped++
        }
      }
      await downloadSequentially(files, controller.signal, (done) =>
        setStatus(`Downloading ${count.format(done)} of ${count.format(files.length)}…`),
      )
      if (!controller.signal.aborted) setStatus(downloadSummary(files.length, skipped))
    } catch (error) {
      if (!controller.signal.aborted) setStatus(error instanceof Error ? error.message : 'The download failed.')
    } finally {
      running.current = null
    }
  }

  return (
    <>
      <button
        type="button"
        className="btn"
        onClick={() => void start()}
        disabled={tooMany}
        aria-describedby="download-note"
      >
        Download selected
      </button>
      <span id="download-note" role="status" className="text-xs text-neutral-700 dark:text-neutral-300">
        {tooMany ? `Downloads are limited to ${DOWNLOAD_CAP} files at a time; select fewer.` : status}
      </span>
    </>
  )
}
