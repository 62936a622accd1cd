import { createRandom, type Random } from '../random'
import type { ArtSubject } from './art'

// Procedural stand-ins for what is not a photo: document pages, video frames,
// audio waveforms, link cards, collections, repositories, 3D objects, skyboxes and textures.
// Subjects are named by their type (Vipanya's asset_type or Scenario's type); anything else is
// left to the studio art. Drawn in a 1000-unit-wide space, like art.ts.

type Drawing = 'page' | 'video' | 'audio' | 'link' | 'collection' | 'git' | 'object3d' | 'skybox' | 'texture'

function drawingFor(type: string): Drawing | undefined {
  if (type === 'pdf' || type === 'document' || type === '3d-texture-mtl') return 'page'
  if (type === 'link') return 'link'
  if (type === 'collection') return 'collection'
  if (type === 'git') return 'git'
  if (/video/.test(type)) return 'video'
  if (/audio/.test(type)) return 'audio'
  if (type.startsWith('skybox')) return 'skybox'
  if (type === 'img23d' || type === 'txt23d' || type.startsWith('3d23d') || type === 'uploaded-3d') return 'object3d'
  if (type.startsWith('texture') || type.startsWith('3d-texture') || type === 'upscale-texture') return 'texture'
  return undefined
}

const hsl = (h: number, s: number, l: number): string =>
  `hsl(${Math.round(((h % 360) + 360) % 360)} ${Math.round(s)}% ${Math.round(l)}%)`

function page(r: Random, h: number, hue: number, type: string): string {
  const parts = [`<rect width="1000" height="${h}" fill="${hsl(hue, 18, 88)}"/>`]
  const x = 120
  const y = h * 0.08
  const w = 760
  const ph = h * 0.84
  const fold = 90
  parts.push(
    `<path d="M${x} ${y} H${x + w - fold} L${x + w} ${y + fold} V${y + ph} H${x} Z" fill="#fff" stroke="${hsl(hue, 20, 70)}" stroke-width="4"/>`,
    `<path d="M${x + w - fold} ${y} V${y + fold} H${x + w}" fill="${hsl(hue, 15, 90)}" stroke="${hsl(hue, 20, 70)}" stroke-width="4"/>`,
    `<rect x="${x + 60}" y="${y + 70}" width="${w * 0.55}" height="34" rx="6" fill="${hsl(hue, 45, 35)}"/>`,
  )
  let lineY = y + 150
  while (lineY < y + ph - 120) {
    const len = r.chance(0.15) ? 0.4 + r.next() * 0.3 : 0.85 + r.next() * 0.1
    parts.push(
      `<rect x="${x + 60}" y="${lineY}" width="${(w - 120) * len}" height="14" rx="7" fill="${hsl(hue, 8, 80)}"/>`,
    )
    lineY += r.chance(0.12) ? 58 : 32
  }
  const badge = type === 'pdf' ? 'PDF' : type === 'document' ? 'DOC' : 'MTL'
  parts.push(
    `<rect x="${x + w - 230}" y="${y + ph - 110}" width="170" height="72" rx="12" fill="${type === 'pdf' ? '#c62828' : hsl(hue, 55, 40)}"/>`,
    `<text x="${x + w - 145}" y="${y + ph - 60}" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-weight="bold" font-size="40" fill="#fff">${badge}</text>`,
  )
  return parts.join('')
}

function landscape(r: Random, h: number, hue: number): string {
  const parts = [
    `<rect width="1000" height="${h}" fill="${hsl(hue, 45, 62)}"/>`,
    `<circle cx="${200 + r.next() * 600}" cy="${h * 0.28}" r="${h * 0.09}" fill="${hsl(hue + 40, 80, 85)}"/>`,
  ]
  for (let layer = 0; layer < 3; layer++) {
    const base = h * (0.55 + layer * 0.13)
    let d = `M0 ${h} L0 ${base}`
    for (let x = 0; x <= 1000; x += 125) d += ` L${x} ${base - r.next() * h * 0.14}`
    parts.push(`<path d="${d} L1000 ${h} Z" fill="${hsl(hue + 120 + layer * 12, 30, 42 - layer * 10)}"/>`)
  }
  return parts.join('')
}

/**
 * A film frame. No play mark: the app draws its own over what it can play, so a poster never
 * shows one that does nothing.
 */
function video(r: Random, h: number, hue: number): string {
  const holes = Array.from({ length: 12 }, (_, i) => i * 86 + 14)
    .map(
      (x) =>
        `<rect x="${x}" y="12" width="50" height="26" rx="5" fill="#fff" opacity="0.5"/><rect x="${x}" y="${h - 38}" width="50" height="26" rx="5" fill="#fff" opacity="0.5"/>`,
    )
    .join('')
  return (
    landscape(r, h, hue) +
    `<rect width="1000" height="50" fill="#111"/><rect y="${h - 50}" width="1000" height="50" fill="#111"/>` +
    holes
  )
}

function audio(r: Random, h: number, hue: number): string {
  const parts = [`<rect width="1000" height="${h}" fill="${hsl(hue, 40, 20)}"/>`]
  const bars = 48
  for (let i = 0; i < bars; i++) {
    const amp = (0.1 + Math.abs(Math.sin(i * 0.45 + r.next())) * 0.7) * h * 0.5
    parts.push(
      `<rect x="${60 + i * 18.5}" y="${h / 2 - amp / 2}" width="11" height="${amp}" rx="5" fill="${hsl(hue + i * 3, 70, 65)}"/>`,
    )
  }
  return parts.join('')
}

function link(r: Random, h: number, hue: number): string {
  return (
    `<rect width="1000" height="${h}" fill="${hsl(hue, 25, 90)}"/>` +
    `<rect x="80" y="${h * 0.12}" width="840" height="${h * 0.76}" rx="24" fill="#fff" stroke="${hsl(hue, 20, 70)}" stroke-width="4"/>` +
    `<rect x="80" y="${h * 0.12}" width="840" height="70" rx="24" fill="${hsl(hue, 30, 80)}"/>` +
    `<rect x="200" y="${h * 0.12 + 18}" width="600" height="34" rx="17" fill="#fff"/>` +
    [0, 1, 2]
      .map(
        (i) =>
          `<circle cx="${120 + i * 26}" cy="${h * 0.12 + 35}" r="8" fill="${['#e57373', '#ffd54f', '#81c784'][i]}"/>`,
      )
      .join('') +
    `<circle cx="500" cy="${h * 0.55}" r="${h * 0.16}" fill="none" stroke="${hsl(hue, 55, 45)}" stroke-width="14"/>` +
    `<ellipse cx="500" cy="${h * 0.55}" rx="${h * 0.07}" ry="${h * 0.16}" fill="none" stroke="${hsl(hue, 55, 45)}" stroke-width="10"/>` +
    `<path d="M${500 - h * 0.16} ${h * 0.55} H${500 + h * 0.16}" stroke="${hsl(hue, 55, 45)}" stroke-width="10"/>` +
    `<rect x="${200 + r.next() * 100}" y="${h * 0.78}" width="400" height="18" rx="9" fill="${hsl(hue, 10, 80)}"/>`
  )
}

function collection(r: Random, h: number, hue: number): string {
  const parts = [`<rect width="1000" height="${h}" fill="${hsl(hue, 20, 86)}"/>`]
  for (let i = 3; i >= 0; i--) {
    const off = i * 40
    parts.push(
      `<rect x="${220 + off}" y="${h * 0.18 - off * 0.6}" width="480" height="${h * 0.62}" rx="20" fill="${hsl(hue + i * 35 + r.next() * 20, 45, 55 + i * 6)}" stroke="#fff" stroke-width="8"/>`,
    )
  }
  return parts.join('')
}

function git(r: Random, h: number, hue: number): string {
  const parts = [`<rect width="1000" height="${h}" fill="${hsl(hue, 15, 16)}"/>`]
  const main = h * 0.5
  const branch = h * 0.3
  parts.push(`<path d="M120 ${main} H880" stroke="${hsl(hue, 60, 60)}" stroke-width="14"/>`)
  parts.push(
    `<path d="M300 ${main} C380 ${main} 380 ${branch} 460 ${branch} H620 C700 ${branch} 700 ${main} 780 ${main}" fill="none" stroke="${hsl(hue + 120, 60, 60)}" stroke-width="14"/>`,
  )
  for (const x of [120, 300, 500, 650, 780, 880])
    parts.push(`<circle cx="${x}" cy="${main}" r="26" fill="${hsl(hue, 60, 70)}"/>`)
  for (const x of [460, 540, 620])
    parts.push(`<circle cx="${x}" cy="${branch}" r="22" fill="${hsl(hue + 120, 60, 70)}"/>`)
  parts.push(
    `<text x="120" y="${h * 0.82}" font-family="DejaVu Sans Mono, monospace" font-size="44" fill="${hsl(hue, 20, 70)}">$ git log --graph ${r.int(3, 99)}</text>`,
  )
  return parts.join('')
}

function object3d(r: Random, h: number, hue: number): string {
  const cx = 500
  const cy = h * 0.55
  const s = Math.min(h * 0.3, 260) * (0.8 + r.next() * 0.3)
  const top = `M${cx} ${cy - s} L${cx + s} ${cy - s / 2} L${cx} ${cy} L${cx - s} ${cy - s / 2} Z`
  const left = `M${cx - s} ${cy - s / 2} L${cx} ${cy} L${cx} ${cy + s} L${cx - s} ${cy + s / 2} Z`
  const right = `M${cx + s} ${cy - s / 2} L${cx} ${cy} L${cx} ${cy + s} L${cx + s} ${cy + s / 2} Z`
  return (
    `<rect width="1000" height="${h}" fill="${hsl(hue, 20, 22)}"/>` +
    `<ellipse cx="${cx}" cy="${cy + s * 1.05}" rx="${s * 1.1}" ry="${s * 0.25}" fill="#000" opacity="0.35"/>` +
    `<path d="${top}" fill="${hsl(hue + 30, 55, 70)}"/><path d="${left}" fill="${hsl(hue + 30, 55, 50)}"/><path d="${right}" fill="${hsl(hue + 30, 55, 38)}"/>`
  )
}

function skybox(r: Random, h: number, hue: number): string {
  return (
    `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${hsl(hue, 60, 30)}"/><stop offset="0.6" stop-color="${hsl(hue + 30, 70, 70)}"/><stop offset="1" stop-color="${hsl(hue + 50, 60, 85)}"/></linearGradient></defs>` +
    `<rect width="1000" height="${h}" fill="url(#sky)"/>` +
    Array.from(
      { length: 7 },
      () =>
        `<ellipse cx="${r.next() * 1000}" cy="${h * (0.15 + r.next() * 0.4)}" rx="${60 + r.next() * 120}" ry="${15 + r.next() * 25}" fill="#fff" opacity="0.6"/>`,
    ).join('') +
    `<path d="M0 ${h * 0.8} Q250 ${h * 0.72} 500 ${h * 0.8} T1000 ${h * 0.8} V${h} H0 Z" fill="${hsl(hue + 150, 25, 30)}"/>`
  )
}

function texture(r: Random, h: number, hue: number): string {
  const size = 50 + r.int(0, 3) * 25
  const parts = [`<rect width="1000" height="${h}" fill="${hsl(hue, 30, 45)}"/>`]
  for (let y = 0; y < h; y += size) {
    for (let x = (y / size) % 2 ? -size / 2 : 0; x < 1000; x += size) {
      parts.push(
        `<rect x="${x + 3}" y="${y + 3}" width="${size - 6}" height="${size - 6}" rx="6" fill="${hsl(hue + r.next() * 20, 25 + r.next() * 20, 35 + r.next() * 25)}"/>`,
      )
    }
  }
  return parts.join('')
}

/** An SVG for a non-photo subject, or undefined when the studio art should draw it. */
export function renderLibraryArtSvg(subject: ArtSubject, pixelWidth: number, pixelHeight: number): string | undefined {
  const drawing = drawingFor(subject.filename)
  if (!drawing) return undefined
  const r = createRandom(`library-art:${subject.publicId}`)
  const hue = r.next() * 360
  const h = Math.round((1000 * subject.height) / subject.width)
  const body = { page, video, audio, link, collection, git, object3d, skybox, texture }[drawing](
    r,
    h,
    hue,
    subject.filename,
  )
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${pixelWidth}" height="${pixelHeight}" viewBox="0 0 1000 ${h}" preserveAspectRatio="none">` +
    body +
    `</svg>`
  )
}
