import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { ZipWriter } from '../../src/server/archive/zip-writer'
import type { ArchiveRequest } from '../../src/shared/archive'
import type { PiktidAsset } from '../../src/shared/piktid'
import { findCheckbox, piktidList, renderApp, sharedServer, type Intercept } from './render-app'

// The selection bar's download: several files as one archive streamed by the server, with its
// progress counted from the ZIP's own entries, and a Cancel that aborts the request.

interface ArchiveCall {
  body: ArchiveRequest
  /** The status the reference server gave the request. */
  status: number
  stream: ReadableStreamDefaultController<Uint8Array>
}

/**
 * Sends POST /api/archive to the reference server, which checks it and starts the archive; its
 * status and headers come back with a body each test feeds by hand instead of the server's
 * (which is dropped), so a test decides how the ZIP's bytes arrive. `refusal` answers in the
 * server's place.
 */
function archiveIntercept(calls: ArchiveCall[], refusal?: Response): Intercept {
  return async (request, pass) => {
    if (new URL(request.url).pathname !== '/api/archive') return pass()
    if (refusal) return refusal
    const body = (await request.clone().json()) as ArchiveRequest
    const real = await pass()
    await real.body?.cancel()
    let stream!: ReadableStreamDefaultController<Uint8Array>
    const fed = new ReadableStream<Uint8Array>({ start: (c) => void (stream = c) })
    calls.push({ body, status: real.status, stream })
    return new Response(fed, { status: real.status, headers: real.headers })
  }
}

const saved: { href: string; download: string }[] = []
beforeEach(() => {
  saved.length = 0
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ href: this.href, download: this.download })
  })
  vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:archive'), revokeObjectURL: vi.fn() }))
})

const server = sharedServer()
let assets: PiktidAsset[] = []
beforeAll(async () => {
  assets = (await piktidList(server)).assets
})

function renderAssets({ refusal }: { refusal?: Response } = {}) {
  const calls: ArchiveCall[] = []
  renderApp('/piktid/assets', { intercept: archiveIntercept(calls, refusal) })
  return calls
}

/** The signal of the archive request the page made. */
function archiveSignal(): AbortSignal {
  const call = vi.mocked(fetch).mock.calls.find(([input]) => String(input) === '/api/archive')
  return call![1]!.signal!
}

const fileOf = (n: number) => ({ url: assets[n]!.url, name: assets[n]!.filename })

async function select(user: ReturnType<typeof userEvent.setup>, tiles: number[]) {
  for (const n of tiles) await user.click(await findCheckbox(assets[n]!))
  expect(screen.getByTestId('selected-count')).toHaveTextContent(`${tiles.length} selected`)
  return within(screen.getByRole('toolbar', { name: 'Selection' }))
}

/** A ZIP as the server writes it, cut into its entries' bytes and the closing directory. */
function archiveBytes(entries: [string, string][]) {
  const zip = new ZipWriter(new Date('2026-12-01T12:00:00'))
  const parts = entries.map(([name, text]) => {
    const [header, data] = zip.entry(name, new TextEncoder().encode(text))
    const bytes = new Uint8Array(header.length + data.length)
    bytes.set(header)
    bytes.set(data, header.length)
    return bytes
  })
  return { parts, end: zip.finish() }
}

describe('downloading a selection', () => {
  it('asks for one archive of the selected originals, shows files done, and cancels it', async () => {
    const user = userEvent.setup()
    const calls = renderAssets()
    const bar = await select(user, [1, 2, 3])
    await user.click(bar.getByRole('button', { name: 'Download selected' }))

    await waitFor(() => expect(calls).toHaveLength(1))
    const call = calls[0]!
    expect(call.status).toBe(200)
    expect(call.body.name).toBe('PiktID demo 3 assets')
    expect(call.body.files).toEqual([1, 2, 3].map(fileOf))
    const progress = await bar.findByRole('progressbar', { name: 'Download progress' })
    expect(progress).toHaveAttribute('aria-valuemax', '3')
    expect(progress).toHaveAttribute('aria-valuenow', '0')
    expect(bar.getByRole('button', { name: 'Download selected' })).toBeDisabled()

    const { parts } = archiveBytes([
      [fileOf(1).name, 'one'.repeat(400)],
      [fileOf(2).name, 'two'],
    ])
    // The first entry arrives in two pieces: it counts once all of it is there.
    call.stream.enqueue(parts[0]!.subarray(0, 20))
    call.stream.enqueue(parts[0]!.subarray(20))
    await waitFor(() => expect(bar.getByTestId('download-progress')).toHaveTextContent('1 of 3 files · 1.2 KB'))
    expect(progress).toHaveAttribute('aria-valuenow', '1')
    expect(progress).toHaveAttribute('aria-valuetext', '1 of 3 files')

    await user.click(bar.getByRole('button', { name: 'Cancel' }))
    expect(archiveSignal().aborted).toBe(true)
    expect(await bar.findByText('Download cancelled.')).toBeInTheDocument()
    expect(bar.queryByRole('progressbar')).not.toBeInTheDocument()
    expect(bar.queryByRole('button', { name: 'Cancel' })).not.toBeInTheDocument()
    expect(bar.getByRole('button', { name: 'Download selected' })).toBeEnabled()
    expect(saved).toEqual([])
    expect(URL.createObjectURL).not.toHaveBeenCalled()
  })

  it('saves the finished archive under the server’s name and says what was left out', async () => {
    const user = userEvent.setup()
    const calls = renderAssets()
    const bar = await select(user, [4, 5, 6])
    await user.click(bar.getByRole('button', { name: 'Download selected' }))
    await waitFor(() => expect(calls).toHaveLength(1))
    expect(calls[0]!.status).toBe(200)
    const { parts, end } = archiveBytes([
      [fileOf(4).name, 'four'],
      [fileOf(6).name, 'six'],
      ['_errors.txt', '1 of 3 files was left out'],
    ])
    for (const part of [...parts, end]) calls[0]!.stream.enqueue(part)
    calls[0]!.stream.close()

    expect(
      await bar.findByText(
        'Downloaded 2 files as PiktID demo 3 assets.zip. 1 file could not be fetched; _errors.txt in the archive says why.',
      ),
    ).toBeInTheDocument()
    expect(saved).toEqual([{ href: 'blob:archive', download: 'PiktID demo 3 assets.zip' }])
    const blob = vi.mocked(URL.createObjectURL).mock.calls[0]![0] as Blob
    expect(blob.type).toBe('application/zip')
    expect(blob.size).toBe([...parts, end].reduce((sum, p) => sum + p.length, 0))
  })

  it('downloads one selected file straight from its link, with no archive', async () => {
    const user = userEvent.setup()
    const calls = renderAssets()
    const bar = await select(user, [7])
    await user.click(bar.getByRole('button', { name: 'Download selected' }))
    expect(await bar.findByText(`Downloading ${fileOf(7).name}.`)).toBeInTheDocument()
    expect(saved).toEqual([{ href: `${location.origin}${fileOf(7).url}`, download: fileOf(7).name }])
    expect(calls).toHaveLength(0)
  })

  it('says why when the server refuses the archive', async () => {
    const user = userEvent.setup()
    renderAssets({
      refusal: new Response(
        JSON.stringify({ error: 'too_many_archives', message: 'Other archives are being made right now.' }),
        { status: 429, headers: { 'content-type': 'application/json' } },
      ),
    })
    const bar = await select(user, [1, 2])
    await user.click(bar.getByRole('button', { name: 'Download selected' }))
    expect(await bar.findByText('Other archives are being made right now.')).toBeInTheDocument()
    expect(saved).toEqual([])
  })
})
