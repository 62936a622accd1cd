import { describe, expect, it } from 'vitest'
import { mapVipanyaAsset } from '../../src/dialects/vipanya/mapper'
import { isTyped } from '../../src/features/assets/asset-kind'
import { tileFacts } from '../../src/features/assets/components/typed-tile'
import { vipanyaPdf } from '../fixtures/vipanya'

const BASE = 'http://host.test'
const asset = (overrides: Parameters<typeof vipanyaPdf>[0]) => mapVipanyaAsset(vipanyaPdf(overrides), BASE)

describe('typed tile facts', () => {
  it('gives a PDF its page count and size', () => {
    expect(tileFacts(asset({}))).toEqual(['24 pages', '2 MB'])
  })

  it('gives a one-page document “1 page”', () => {
    expect(tileFacts(asset({ asset_type: 'document', page_count: 1, file_size: 1536 }))).toEqual(['1 page', '1.5 KB'])
  })

  it('gives a video its duration when known, and a hosted one its host otherwise', () => {
    expect(tileFacts(asset({ asset_type: 'video', duration_seconds: 3725, page_count: null }))).toEqual(['1:02:05'])
    expect(
      tileFacts(
        asset({
          asset_type: 'external_video',
          file_path: null,
          external_url: 'https://www.youtube.com/watch?v=abc',
          video_embed: 'https://youtube.com/embed/abc',
        }),
      ),
    ).toEqual(['youtube.com'])
  })

  it('gives a link its host and a git repository its name', () => {
    expect(
      tileFacts(asset({ asset_type: 'link', file_path: null, external_url: 'https://docs.example.com/a' })),
    ).toEqual(['docs.example.com'])
    expect(
      tileFacts(asset({ asset_type: 'git', file_path: null, external_url: 'https://github.com/studio/icon-set.git' })),
    ).toEqual(['studio/icon-set'])
  })

  it('treats images as plain tiles and everything else as typed', () => {
    expect(isTyped(asset({ asset_type: 'image' }))).toBe(false)
    expect(isTyped(asset({ asset_type: 'collection' }))).toBe(true)
  })
})
