import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Asset } from '../../src/dialects/types'
import { assetFile } from '../../src/features/assets/asset-file'
import { archivePathOf } from '../../src/grid/download'
import { ZipEntries } from '../../src/grid/zip-entries'
import { ZipWriter } from '../../src/server/archive/zip-writer'

// The client's side of an archive: which file an asset downloads as, which links the server may
// fetch, and counting a ZIP's entries from its bytes however they are cut.

afterEach(() => vi.unstubAllGlobals())

function zipOf(entries: [string, number][]): Uint8Array {
  const zip = new ZipWriter(new Date())
  const parts = entries.flatMap(([name, size]) => zip.entry(name, new Uint8Array(size).fill(0x50)))
  parts.push(zip.finish())
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

describe('counting entries as bytes arrive', () => {
  // Contents full of "P" and a name that spells a local header's signature: only sizes count.
  const entries: [string, number][] = [
    ['a.jpg', 300],
    ['PK\u0003\u0004.jpg', 0],
    ['é (2).webp', 1],
    ['_errors.txt', 40],
  ]
  const bytes = zipOf(entries)

  it('finds each entry once all of it is there, whatever the chunk size', () => {
    for (const size of [1, 2, 3, 7, 29, 30, 31, 64, 333, bytes.length]) {
      const counter = new ZipEntries()
      const seen: number[] = []
      for (let at = 0; at < bytes.length; at += size) {
        counter.push(bytes.subarray(at, at + size))
        seen.push(counter.names.length)
      }
      expect(counter.names, `chunks of ${size}`).toEqual(entries.map(([name]) => name))
      expect(seen).toEqual([...seen].sort((a, b) => a - b))
    }
  })

  it('does not count an entry whose bytes are still on their way', () => {
    const counter = new ZipEntries()
    counter.push(bytes.subarray(0, 30 + 'a.jpg'.length + 299))
    expect(counter.names).toEqual([])
    counter.push(bytes.subarray(30 + 'a.jpg'.length + 299, 30 + 'a.jpg'.length + 300))
    expect(counter.names).toEqual(['a.jpg'])
  })
})

describe('what goes into an archive', () => {
  const base: Asset = {
    id: 'x',
    name: 'Launch',
    thumbnailUrl: null,
    previewUrl: null,
    originalUrl: '/media/original/x.jpg?e=1&s=a',
    width: null,
    height: null,
    createdAt: '2026-01-01T00:00:00Z',
    createdBy: '',
    tags: [],
    visibility: null,
    note: null,
    detections: [],
    project: null,
  }

  it('takes an image’s original and another kind’s own file; a link or repository has none', () => {
    vi.stubGlobal('location', new URL('http://localhost:4173/piktid/assets'))
    // Resolved against the page, and named with the file's extension.
    expect(assetFile(base)).toEqual({ url: `http://localhost:4173${base.originalUrl}`, name: 'Launch.jpg' })
    const pdf = { ...base, kind: 'pdf', details: { downloadUrl: '/media/file-pdf/y.pdf?e=1&s=b' } } as const
    expect(assetFile(pdf)).toEqual({ url: 'http://localhost:4173/media/file-pdf/y.pdf?e=1&s=b', name: 'Launch.pdf' })
    const link = {
      ...base,
      kind: 'link',
      originalUrl: 'https://example.com/',
      details: { externalUrl: 'https://example.com/' },
    } as const
    expect(assetFile(link)).toBeUndefined()
    expect(assetFile({ ...base, kind: 'git', originalUrl: 'https://github.com/a/b' })).toBeUndefined()
    expect(assetFile({ ...base, originalUrl: '' })).toBeUndefined()
  })

  it('names this server’s media and proxy links by path, and nothing from another origin', () => {
    vi.stubGlobal('location', new URL('http://localhost:4173/piktid/assets'))
    expect(archivePathOf('/media/original/x.jpg?e=1&s=a')).toBe('/media/original/x.jpg?e=1&s=a')
    expect(archivePathOf('http://localhost:4173/api/proxy/studio/_media?u=a&s=b')).toBe(
      '/api/proxy/studio/_media?u=a&s=b',
    )
    expect(archivePathOf('http://localhost:4180/media/original/x.jpg')).toBeUndefined()
    expect(archivePathOf('https://cdn.example.com/x.jpg')).toBeUndefined()
    expect(archivePathOf('/api/piktid/assets')).toBeUndefined()
  })
})
