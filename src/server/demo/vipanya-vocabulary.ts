import type { VipanyaAssetType } from '../../shared/vipanya'
import type { VipanyaSampleFormat } from '../media/vipanya-files'
import type { Weighted } from '../random'

// What the Vipanya library is made of: type and owner weights, title and description words,
// file formats and sizes, and the links, repositories and video hosts its rows point to.

export const TYPE_WEIGHTS: Weighted<VipanyaAssetType> = [
  ['pdf', 24],
  ['document', 15],
  ['image', 20],
  ['video', 9],
  ['external_video', 9],
  ['audio', 7],
  ['link', 8],
  ['collection', 4],
  ['git', 4],
]

export const OWNER_WEIGHTS: Weighted<string> = [
  ['platform', 20],
  ['alice', 35],
  ['bob', 25],
  ['carol', 20],
]

export const TOPICS = [
  'Product Guide',
  'Brand Book',
  'Onboarding Handbook',
  'Quarterly Report',
  'Security Policy',
  'Release Notes',
  'Style Guide',
  'Pricing Sheet',
  'Case Study',
  'Roadmap',
  'Sales Playbook',
  'Research Summary',
  'Field Manual',
  'Workshop Notes',
  'Annual Review',
  'Support FAQ',
  'Design System',
  'Architecture Overview',
  'Hiring Plan',
  'Event Recap',
] as const

export const QUALIFIERS = [
  '2023',
  '2024',
  '2025',
  'Q1',
  'Q2',
  'Q3',
  'Q4',
  'EMEA',
  'APAC',
  'Americas',
  'Internal',
  'Partner',
  'Draft',
  'v2',
  'v3',
  'Summary',
  'Full',
] as const

export const LEADS = [
  'Everything a new teammate needs to know about',
  'A practical overview of',
  'Figures, charts and commentary on',
  'Step-by-step walkthrough of',
  'Notes and decisions from',
  'Reference material covering',
  'A short introduction to',
  'The official source of truth for',
] as const

export const SUBJECT_AREAS = [
  'our products and services',
  'customer onboarding',
  'the design language',
  'platform security',
  'regional sales',
  'the developer platform',
  'support processes',
  'the brand identity',
  'infrastructure costs',
  'the partner programme',
] as const

export const DOCUMENT_FORMATS = [
  ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', true],
  ['pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation', true],
  ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', false],
  ['odt', 'application/vnd.oasis.opendocument.text', true],
  ['md', 'text/markdown', true],
  ['txt', 'text/plain', true],
] as const

export const IMAGE_FORMATS = [
  ['jpg', 'image/jpeg'],
  ['png', 'image/png'],
  ['webp', 'image/webp'],
] as const

export const IMAGE_SIZES = [
  [1920, 1080],
  [1080, 1080],
  [1200, 630],
  [3000, 2000],
  [2048, 1536],
  [800, 1200],
  [4032, 3024],
] as const

/** Formats of the shipped clips (vipanya-files.ts) video and audio assets play. */
export const VIDEO_FORMATS = ['mp4', 'webm'] as const satisfies readonly VipanyaSampleFormat[]
export const AUDIO_FORMATS = ['mp3', 'm4a', 'wav', 'ogg'] as const satisfies readonly VipanyaSampleFormat[]

export const LINK_HOSTS = [
  'https://developer.mozilla.org/en-US/docs/Web/HTTP',
  'https://www.w3.org/WAI/standards-guidelines/wcag/',
  'https://en.wikipedia.org/wiki/Digital_asset_management',
  'https://docs.github.com/en/rest',
  'https://www.figma.com/community',
  'https://blog.example.com/posts/launch-week',
  'https://news.ycombinator.com/item?id=4200',
  'https://www.notion.so/templates',
] as const

export const GIT_REPOS = [
  'vitrine/design-tokens',
  'vitrine/brand-assets',
  'studio/press-kit',
  'north/field-guides',
  'platform/api-examples',
  'studio/icon-set',
  'platform/docs-site',
  'north/trail-maps',
] as const

export const VIDEO_HOSTS: readonly ((id: string, n: number) => string)[] = [
  (id) => `https://www.youtube.com/watch?v=${id}`,
  (id) => `https://youtu.be/${id}`,
  (_id, n) => `https://vimeo.com/${100_000_000 + n}`,
  (id) => `https://www.youtube.com/watch?v=${id}&t=42s`,
  (_id, n) => `https://video.example.org/watch/${n}`,
]
