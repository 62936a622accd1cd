import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { mapVipanyaAsset } from '../../src/dialects/vipanya/mapper'
import type { Asset } from '../../src/dialects/types'
import { assetFile, assetLink } from '../../src/features/assets/asset-file'
import { TypedPreview } from '../../src/features/assets/components/typed-preview'
import { TypedTileFace } from '../../src/features/assets/components/typed-tile'
import type { GridSelection } from '../../src/grid/use-grid-selection'
import type { ListWindowHandle } from '../../src/grid/use-list-window'
import { DownloadSelected } from '../../src/grid/selection-bar'
import type { VipanyaAsset } from '../../src/shared/vipanya'
import { vipanyaPdf } from '../fixtures/vipanya'

const BASE = 'http://host.test'
const vipanya = (overrides: Partial<VipanyaAsset>) => mapVipanyaAsset(vipanyaPdf(overrides), BASE)

const video = vipanya({
  id: 'v1',
  title: 'Product demo: Roadmap',
  asset_type: 'video',
  file_path: '/media/file-webm/v1.webm?e=1&s=x',
  mime_type: 'video/webm',
  thumbnail_path: '/media/thumb-small/v1.webp',
  duration_seconds: 4,
})
const audio = vipanya({
  id: 'a1',
  title: 'Podcast 12: Brand Book',
  asset_type: 'audio',
  file_path: '/media/file-mp3/a1.mp3?e=1&s=x',
  mime_type: 'audio/mpeg',
  duration_seconds: 4,
})
const link = vipanya({
  id: 'l1',
  title: 'Reading: Style Guide',
  asset_type: 'link',
  file_path: null,
  mime_type: null,
  external_url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP',
})
const repo = vipanya({
  id: 'g1',
  title: 'Repository studio/icon-set',
  asset_type: 'git',
  file_path: null,
  mime_type: null,
  external_url: 'https://github.com/studio/icon-set',
})
const hosted = vipanya({
  id: 'e1',
  title: 'Keynote',
  asset_type: 'external_video',
  file_path: null,
  mime_type: null,
  external_url: 'https://youtu.be/dQw4w9WgXcQ',
  video_embed: 'https://youtube.com/embed/dQw4w9WgXcQ',
})
const unplayable = vipanya({
  id: 'e2',
  title: 'Explainer',
  asset_type: 'external_video',
  file_path: null,
  mime_type: null,
  external_url: 'https://video.example.org/watch/3',
})

describe('typed assets in the viewer', () => {
  it('plays a video file with native controls, loading only its metadata, and downloads it under its name', () => {
    render(<TypedPreview asset={video} />)
    const player = screen.getByLabelText('Product demo: Roadmap')
    expect(player.tagName).toBe('VIDEO')
    expect(player).toHaveAttribute('src', 'http://host.test/media/file-webm/v1.webm?e=1&s=x')
    expect(player).toHaveAttribute('controls')
    expect(player).toHaveAttribute('preload', 'metadata')
    expect(player).toHaveAttribute('poster', 'http://host.test/media/thumb-small/v1.webp')
    const download = screen.getByRole('link', { name: 'Download video' })
    expect(download).toHaveAttribute('href', 'http://host.test/media/file-webm/v1.webm?e=1&s=x')
    expect(download).toHaveAttribute('download', 'Product demo: Roadmap.webm')
    expect(screen.queryByRole('link', { name: /^Open / })).toBeNull()
  })

  it('plays an audio file with native controls', () => {
    render(<TypedPreview asset={audio} />)
    const player = screen.getByLabelText('Podcast 12: Brand Book')
    expect(player.tagName).toBe('AUDIO')
    expect(player).toHaveAttribute('controls')
    expect(player).toHaveAttribute('preload', 'metadata')
    expect(screen.getByRole('link', { name: 'Download audio' })).toHaveAttribute(
      'download',
      'Podcast 12: Brand Book.mp3',
    )
  })

  it('opens links, repositories and unembeddable videos in a new tab, and offers them no download', () => {
    for (const [asset, name, href] of [
      [link, 'Open developer.mozilla.org (opens in a new tab)', 'https://developer.mozilla.org/en-US/docs/Web/HTTP'],
      [repo, 'Open studio/icon-set (opens in a new tab)', 'https://github.com/studio/icon-set'],
      [unplayable, 'Open video.example.org (opens in a new tab)', 'https://video.example.org/watch/3'],
    ] as const) {
      const { unmount, container } = render(<TypedPreview asset={asset} />)
      const open = screen.getByRole('link', { name })
      expect(open).toHaveAttribute('href', href)
      expect(open).toHaveAttribute('target', '_blank')
      expect(open).toHaveAttribute('rel', 'noopener noreferrer')
      expect(container.querySelector('a[download]')).toBeNull()
      unmount()
    }
  })

  it('never links to an address that is not http(s)', () => {
    const hostile = vipanya({ asset_type: 'link', file_path: null, external_url: 'javascript:alert(1)' })
    const { container } = render(<TypedPreview asset={hostile} />)
    expect(container.querySelector('a')).toBeNull()
    expect(assetFile(hostile)).toBeUndefined()
    expect(assetLink(hostile)).toBeUndefined()
  })
})

describe('typed tiles', () => {
  const face = (asset: Asset) =>
    render(<TypedTileFace asset={asset} loaded onThumbLoad={() => {}} loading={{ loading: 'lazy' }} />)

  it('shows the play mark only on what the viewer can play', () => {
    for (const [asset, playable] of [
      [video, true],
      [audio, true],
      [hosted, true],
      [unplayable, false],
      [link, false],
      [vipanya({}), false],
    ] as const) {
      const { unmount } = face(asset)
      expect(screen.queryByTestId('play-badge') !== null, asset.name).toBe(playable)
      unmount()
    }
  })
})

describe('what Download means for each kind', () => {
  it('is the file for files and images, and nothing for links, hosted videos and repositories', () => {
    expect(assetFile(video)).toEqual({
      url: 'http://host.test/media/file-webm/v1.webm?e=1&s=x',
      name: 'Product demo: Roadmap.webm',
    })
    // A name that has an extension keeps it.
    const image = { ...vipanya({ asset_type: 'image' }), kind: undefined, name: 'look.jpg' }
    expect(assetFile({ ...image, originalUrl: 'http://host.test/media/original/x.jpg' })?.name).toBe('look.jpg')
    for (const asset of [link, repo, hosted, unplayable, vipanya({ asset_type: 'collection', file_path: null })]) {
      expect(assetFile(asset), asset.name).toBeUndefined()
    }
    expect(assetLink(video)).toBeUndefined()
    expect(assetLink(hosted)).toBe('https://youtu.be/dQw4w9WgXcQ')
  })
})

describe('Download selected', () => {
  afterEach(() => vi.restoreAllMocks())

  /** A selection of every item of `items`, over a list window that has them all loaded. */
  function mountDownload(items: Asset[]) {
    const list = {
      collect: (from: number, to: number) =>
        Promise.resolve(items.slice(from, to + 1).map((item, i) => ({ index: from + i, item }))),
      keyOf: (item: Asset) => item.id,
    } as unknown as ListWindowHandle<Asset>
    const selection = {
      count: items.length,
      spans: () => [[0, items.length - 1]],
      isSelected: () => true,
    } as unknown as GridSelection
    render(<DownloadSelected list={list} selection={selection} fileOf={assetFile} archiveName={() => 'Selection'} />)
  }

  it('saves the one file there is and leaves out the items that have none, saying how many', async () => {
    const clicked: { href: string; download: string }[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download })
    })
    mountDownload([link, video, repo])
    await userEvent.click(screen.getByRole('button', { name: 'Download selected' }))
    expect(
      await screen.findByText(
        'Downloading Product demo: Roadmap.webm. 2 items have no file (links, repositories) and were left out.',
      ),
    ).toBeInTheDocument()
    expect(clicked).toEqual([
      { href: 'http://host.test/media/file-webm/v1.webm?e=1&s=x', download: 'Product demo: Roadmap.webm' },
    ])
  })

  it('downloads nothing when no selected item has a file', async () => {
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    mountDownload([link, hosted])
    await userEvent.click(screen.getByRole('button', { name: 'Download selected' }))
    expect(
      await screen.findByText('Nothing to download. 2 items have no file (links, repositories) and were left out.'),
    ).toBeInTheDocument()
    expect(click).not.toHaveBeenCalled()
  })
})
