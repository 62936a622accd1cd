import { videoEmbedFor, type VipanyaAssetType } from '../../shared/vipanya'
import type { VipanyaRow } from '../db/schema-vipanya'
import {
  VIPANYA_FILE_KINDS,
  VIPANYA_SAMPLES,
  vipanyaSampleBytes,
  type VipanyaSampleFormat,
} from '../media/vipanya-files'
import type { Random } from '../random'
import {
  AUDIO_FORMATS,
  DOCUMENT_FORMATS,
  GIT_REPOS,
  IMAGE_FORMATS,
  IMAGE_SIZES,
  LEADS,
  LINK_HOSTS,
  QUALIFIERS,
  SUBJECT_AREAS,
  TOPICS,
  VIDEO_FORMATS,
  VIDEO_HOSTS,
} from './vipanya-vocabulary'

// One Vipanya library row by its type: title, description and the file, size, page count, clip or
// link that type has. The fill (vipanya.ts) adds the ids, owner, slug, counters and dates.

/** The file fields of a video or audio row that plays the shipped clip of `format`: its real size, type, length and frame. */
function clipFields(format: VipanyaSampleFormat) {
  const clip = VIPANYA_SAMPLES[format]
  return {
    file_path: format,
    file_size: vipanyaSampleBytes(format).length,
    mime_type: VIPANYA_FILE_KINDS[clip.kind].contentType,
    width: clip.width,
    height: clip.height,
    duration_seconds: clip.durationSeconds,
  }
}

function youtubeId(r: Random): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
  let id = ''
  for (let i = 0; i < 11; i++) id += alphabet[r.int(0, alphabet.length - 1)]
  return id
}

/** What the generator decides for one row; the rest (ids, owner, slug, counters, dates) is filled around it. */
type LibraryRow = Omit<
  VipanyaRow,
  'id' | 'uuid' | 'owner_id' | 'slug' | 'download_count' | 'is_public' | 'is_published' | 'created_at' | 'updated_at'
>

/** The row the generator makes for an asset of `type`; `n` numbers the hosted videos. */
export function libraryRow(r: Random, type: VipanyaAssetType, n: number): LibraryRow {
  const describe = (): string => `${r.pick(LEADS)} ${r.pick(SUBJECT_AREAS)}.`
  const titled = (topic: string): string => `${topic} ${r.pick(QUALIFIERS)}`

  const empty = {
    file_path: null,
    file_size: null,
    mime_type: null,
    has_thumbnail: 1,
    page_count: null,
    word_count: null,
    width: null,
    height: null,
    duration_seconds: null,
    external_url: null,
    video_embed: null,
  }
  switch (type) {
    case 'pdf': {
      const pages = Math.max(1, Math.round(r.next() ** 2 * 320) + 1)
      return {
        ...empty,
        title: titled(r.pick(TOPICS)),
        description: describe(),
        asset_type: type,
        file_path: 'pdf',
        file_size: pages * r.int(30_000, 160_000),
        mime_type: 'application/pdf',
        page_count: pages,
        word_count: pages * r.int(120, 420),
      }
    }
    case 'document': {
      const [ext, mime, paged] = r.pick(DOCUMENT_FORMATS)
      const pages = r.int(1, 60)
      return {
        ...empty,
        title: titled(r.pick(TOPICS)),
        description: describe(),
        asset_type: type,
        file_path: ext,
        file_size: pages * r.int(8_000, 90_000),
        mime_type: mime,
        page_count: paged ? pages : null,
        word_count: paged ? pages * r.int(150, 450) : null,
      }
    }
    case 'image': {
      const [ext, mime] = r.pick(IMAGE_FORMATS)
      const [width, height] = r.pick(IMAGE_SIZES)
      return {
        ...empty,
        title: `${r.pick(['Team photo', 'Hero banner', 'Office', 'Product shot', 'Event', 'Logo lockup', 'Social card'])} ${r.pick(QUALIFIERS)}`,
        description: describe(),
        asset_type: type,
        file_path: ext,
        file_size: Math.round(width * height * (ext === 'png' ? 1.4 : 0.35) * (0.7 + r.next() * 0.6)),
        mime_type: mime,
        width,
        height,
      }
    }
    case 'video': {
      const format = r.pick(VIDEO_FORMATS)
      return {
        ...empty,
        title: `${r.pick(['Webinar', 'Product demo', 'All-hands', 'Tutorial', 'Customer interview', 'Teaser'])}: ${r.pick(TOPICS)}`,
        description: describe(),
        asset_type: type,
        ...clipFields(format),
      }
    }
    case 'external_video': {
      const url = r.pick(VIDEO_HOSTS)(youtubeId(r), n)
      return {
        ...empty,
        title: `${r.pick(['Keynote', 'Launch video', 'Conference talk', 'Explainer', 'Behind the scenes'])}: ${r.pick(TOPICS)}`,
        description: describe(),
        asset_type: type,
        external_url: url,
        video_embed: videoEmbedFor(url) ?? null,
      }
    }
    case 'audio': {
      const format = r.pick(AUDIO_FORMATS)
      return {
        ...empty,
        title: `${r.pick(['Podcast', 'Interview', 'Jingle', 'Voice memo', 'Briefing'])} ${r.int(1, 120)}: ${r.pick(TOPICS)}`,
        description: describe(),
        asset_type: type,
        ...clipFields(format),
      }
    }
    case 'link':
      return {
        ...empty,
        title: `${r.pick(['Reading', 'Reference', 'Bookmark', 'Useful link'])}: ${r.pick(TOPICS)}`,
        description: describe(),
        asset_type: type,
        has_thumbnail: r.chance(0.5) ? 1 : 0,
        external_url: r.pick(LINK_HOSTS),
      }
    case 'collection':
      return {
        ...empty,
        title: `${r.pick(['Collection', 'Kit', 'Bundle', 'Pack'])}: ${r.pick(TOPICS)} ${r.pick(QUALIFIERS)}`,
        description: describe(),
        asset_type: type,
      }
    case 'git': {
      const repo = r.pick(GIT_REPOS)
      return {
        ...empty,
        title: `Repository ${repo}`,
        description: describe(),
        asset_type: type,
        external_url: `https://github.com/${repo}`,
      }
    }
  }
}
