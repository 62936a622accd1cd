import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DownloadSelected } from '../../src/grid/selection-bar'
import type { GridSelection } from '../../src/grid/use-grid-selection'
import type { ListWindowHandle } from '../../src/grid/use-list-window'
import { ARCHIVE_MAX_FILES, type ArchiveRequest } from '../../src/shared/archive'
import { routeFetch, sharedServer } from './render-app'

// "All selected" on a list whose length is unknown (a cursor API): the download counts the
// files while it collects them, instead of refusing an unknown count up front.

interface Item {
  id: string
}

/** A list of `length` items that only reveals them through `collect`, and an "all" selection. */
function openEnded(length: number) {
  const collected: [number, number][] = []
  const list = {
    keyOf: (item: Item) => item.id,
    collect: vi.fn(async (from: number, to: number) => {
      collected.push([from, to])
      const last = Math.min(to, length - 1)
      return Array.from({ length: Math.max(0, last - from + 1) }, (_, i) => ({
        index: from + i,
        item: { id: `a${from + i}` },
      }))
    }),
  } as unknown as ListWindowHandle<Item>
  const selection = {
    count: Number.POSITIVE_INFINITY,
    isSelected: () => true,
    spans: () => [[0, Number.POSITIVE_INFINITY]],
  } as unknown as GridSelection
  return { list, selection, collected }
}

function renderDownload(length: number) {
  const { list, selection, collected } = openEnded(length)
  const requests: ArchiveRequest[] = []
  const statuses: number[] = []
  routeFetch(sharedServer(), async (request, pass) => {
    requests.push((await request.json()) as ArchiveRequest)
    const response = await pass()
    statuses.push(response.status)
    return response
  })
  render(
    <DownloadSelected
      list={list}
      selection={selection}
      fileOf={(item: Item) => ({ url: `/media/original/${item.id}.jpg`, name: `${item.id}.jpg` })}
      archiveName={(n) => `${n} assets`}
    />,
  )
  return { requests, statuses, collected }
}

afterEach(() => vi.unstubAllGlobals())

describe('downloading "All selected" of a list of unknown length', () => {
  it('is offered, and asks for exactly the files the list holds', async () => {
    const { requests, statuses } = renderDownload(37)
    const button = screen.getByRole('button', { name: 'Download selected' })
    expect(button).toBeEnabled()
    await userEvent.click(button)
    await waitFor(() => expect(requests).toHaveLength(1))
    expect(requests[0]!.files).toHaveLength(37)
    expect(requests[0]!.files.at(-1)).toEqual({ url: '/media/original/a36.jpg', name: 'a36.jpg' })
    // The reference server takes the request (its files are made up: the archive lists them as
    // missing).
    await waitFor(() => expect(statuses).toEqual([200]))
  })

  it('says the cap once the list turns out longer, reading no further than just past it', async () => {
    const { requests, collected } = renderDownload(1_000_000)
    await userEvent.click(screen.getByRole('button', { name: 'Download selected' }))
    expect(await screen.findByText(/Downloads hold at most 5,000 files at a time; select fewer\./)).toBeInTheDocument()
    expect(requests).toEqual([])
    expect(collected).toEqual([[0, ARCHIVE_MAX_FILES + 1]])
  })
})
