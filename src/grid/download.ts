export interface DownloadFile {
  url: string
  name: string
}

/** Most files one "Download selected" fetches; browsers ask before many downloads anyway. */
export const DOWNLOAD_CAP = 50
/** Browsers drop downloads started in the same instant; a short gap lets each one through. */
const GAP_MS = 400

/**
 * Downloads files one after another through `<a download>`, with no archive to build. Reports
 * progress; stops when `signal` aborts.
 */
export async function downloadSequentially(
  files: readonly DownloadFile[],
  signal: AbortSignal,
  progress: (done: number) => void,
): Promise<void> {
  for (const [i, file] of files.entries()) {
    if (signal.aborted) return
    const link = document.createElement('a')
    link.href = file.url
    link.download = file.name
    link.rel = 'noopener'
    document.body.append(link)
    link.click()
    link.remove()
    progress(i + 1)
    if (i < files.length - 1) await new Promise((resolve) => setTimeout(resolve, GAP_MS))
  }
}
