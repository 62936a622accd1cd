import { createRandom, type Random } from '../random'

// Procedural stand-ins for studio photos. Everything is drawn in a 1000-unit-wide space and
// scaled by the SVG viewBox, so one composition renders identically at every size.

export interface ArtSubject {
  publicId: string
  filename: string
  width: number
  height: number
  tags: number
}

type Scene = 'model' | 'product' | 'backdrop' | 'moodboard'

function sceneFor(subject: ArtSubject): Scene {
  const name = subject.filename.toLowerCase()
  if (name.startsWith('sku-')) return 'product'
  if (name.startsWith('bg-')) return 'backdrop'
  if (name.startsWith('look-') || name.includes('-look-') || name.startsWith('editorial-')) return 'model'
  if (subject.tags & 1) return 'model'
  if (subject.tags & 2) return 'product'
  if (subject.tags & 4) return 'backdrop'
  return 'moodboard'
}

const hsl = (h: number, s: number, l: number): string =>
  `hsl(${Math.round(((h % 360) + 360) % 360)} ${Math.round(s)}% ${Math.round(l)}%)`

export const escapeXml = (text: string): string => text.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`)

export interface Palette {
  backTop: string
  backBottom: string
  floor: string
  garment: string
  garmentDark: string
  accent: string
  skin: string
  hair: string
}

export function paletteFor(r: Random): Palette {
  const h = r.next() * 360
  const backLight = 55 + r.next() * 30
  const garmentHue = h + 110 + r.next() * 140
  const skinTones = ['#f1c6a7', '#e0a980', '#c68863', '#a0694a', '#7a4a33', '#5b3626']
  const hairTones = ['#1c1410', '#3b2619', '#6b4a2b', '#b08850', '#d9c29a', '#8a2f1d']
  return {
    backTop: hsl(h, 20 + r.next() * 40, backLight),
    backBottom: hsl(h + 18, 25 + r.next() * 40, backLight - 12 - r.next() * 10),
    floor: hsl(h + 8, 15 + r.next() * 20, backLight - 20),
    garment: hsl(garmentHue, 35 + r.next() * 45, 28 + r.next() * 36),
    garmentDark: hsl(garmentHue, 40, 18 + r.next() * 10),
    accent: hsl(h + 200 + r.next() * 60, 55 + r.next() * 30, 45 + r.next() * 20),
    skin: r.pick(skinTones),
    hair: r.pick(hairTones),
  }
}

export function patternDef(r: Random, p: Palette): { defs: string; fill: string } {
  const kind = r.int(0, 3)
  if (kind === 0) return { defs: '', fill: p.garment }
  const size = 14 + r.int(0, 26)
  const rot = r.int(0, 1) * 45
  const inner =
    kind === 1
      ? `<rect width="${size}" height="${size}" fill="${p.garment}"/><rect width="${size / 2.5}" height="${size}" fill="${p.garmentDark}"/>`
      : kind === 2
        ? `<rect width="${size}" height="${size}" fill="${p.garment}"/><circle cx="${size / 2}" cy="${size / 2}" r="${size / 5}" fill="${p.accent}"/>`
        : `<rect width="${size}" height="${size}" fill="${p.garment}"/><rect width="${size / 2}" height="${size / 2}" fill="${p.garmentDark}" opacity="0.55"/><rect x="${size / 2}" y="${size / 2}" width="${size / 2}" height="${size / 2}" fill="${p.garmentDark}" opacity="0.55"/>`
  return {
    defs: `<pattern id="pat" width="${size}" height="${size}" patternUnits="userSpaceOnUse" patternTransform="rotate(${rot})">${inner}</pattern>`,
    fill: 'url(#pat)',
  }
}

export function backdrop(p: Palette, h: number, floorAt: number): string {
  return (
    `<rect width="1000" height="${h}" fill="url(#bg)"/>` +
    `<path d="M0 ${floorAt} Q500 ${floorAt - 30} 1000 ${floorAt} L1000 ${h} L0 ${h} Z" fill="${p.floor}" opacity="0.55"/>`
  )
}

/** `garment` forces the outfit (0 dress, 1 coat, 2 top and trousers) without changing the pose. */
export function modelFigure(r: Random, p: Palette, h: number, fill: string, forced?: { garment?: number }): string {
  const figH = Math.min(h * 0.84, 1500)
  const u = figH / 100
  const cx = 500 + (r.next() - 0.5) * (1000 - figH * 0.5) * 0.6
  const top = h - figH - h * 0.05
  const headR = 6 * u
  const shoulderY = top + 16 * u
  const shoulderW = (10 + r.next() * 3) * u
  const hipY = top + 52 * u
  const hemY = top + (58 + r.next() * 25) * u
  const footY = top + 98 * u
  // SVG rotation is clockwise, so a positive angle swings the left arm's hand outwards.
  const armSwingL = 6 + r.next() * 22
  const armSwingR = -6 - r.next() * 22
  const drawnGarment = r.int(0, 2)
  const garment = forced?.garment ?? drawnGarment
  const legGap = (1.5 + r.next() * 3) * u
  const parts: string[] = []
  parts.push(`<ellipse cx="${cx}" cy="${footY + 1.5 * u}" rx="${18 * u}" ry="${2.5 * u}" fill="#000" opacity="0.18"/>`)
  // legs
  for (const side of [-1, 1]) {
    const x = cx + side * legGap
    parts.push(
      `<rect x="${x - 2.6 * u}" y="${hipY - 4 * u}" width="${5.2 * u}" height="${footY - hipY + 3 * u}" rx="${2.4 * u}" fill="${garment === 2 ? p.garmentDark : p.skin}"/>`,
    )
    parts.push(
      `<ellipse cx="${x + side * 1.5 * u}" cy="${footY + 0.5 * u}" rx="${4 * u}" ry="${1.6 * u}" fill="${p.accent}"/>`,
    )
  }
  // garment
  if (garment === 0) {
    const flare = (12 + r.next() * 14) * u
    parts.push(
      `<path d="M${cx - shoulderW} ${shoulderY} L${cx + shoulderW} ${shoulderY} L${cx + shoulderW * 0.7} ${top + 36 * u} L${cx + flare} ${hemY} L${cx - flare} ${hemY} L${cx - shoulderW * 0.7} ${top + 36 * u} Z" fill="${fill}" stroke="${p.garmentDark}" stroke-width="${0.4 * u}"/>`,
    )
  } else if (garment === 1) {
    const coatHem = Math.max(hemY, top + 70 * u)
    parts.push(
      `<path d="M${cx - shoulderW} ${shoulderY} L${cx + shoulderW} ${shoulderY} L${cx + shoulderW * 1.05} ${coatHem} L${cx - shoulderW * 1.05} ${coatHem} Z" fill="${fill}"/>`,
    )
    parts.push(
      `<path d="M${cx - 3 * u} ${shoulderY} L${cx} ${top + 34 * u} L${cx + 3 * u} ${shoulderY}" fill="none" stroke="${p.garmentDark}" stroke-width="${0.8 * u}"/>`,
    )
    parts.push(
      `<line x1="${cx}" y1="${top + 34 * u}" x2="${cx}" y2="${coatHem}" stroke="${p.garmentDark}" stroke-width="${0.5 * u}"/>`,
    )
    parts.push(
      `<rect x="${cx - shoulderW}" y="${top + 40 * u}" width="${shoulderW * 2}" height="${2.2 * u}" fill="${p.garmentDark}"/>`,
    )
  } else {
    parts.push(
      `<path d="M${cx - shoulderW} ${shoulderY} L${cx + shoulderW} ${shoulderY} L${cx + shoulderW * 0.8} ${top + 44 * u} L${cx - shoulderW * 0.8} ${top + 44 * u} Z" fill="${fill}"/>`,
    )
    parts.push(
      `<path d="M${cx - shoulderW * 0.85} ${top + 43 * u} L${cx + shoulderW * 0.85} ${top + 43 * u} L${cx + legGap + 3.4 * u} ${footY - 2 * u} L${cx + 0.4 * u} ${footY - 2 * u} L${cx} ${top + 58 * u} L${cx - 0.4 * u} ${footY - 2 * u} L${cx - legGap - 3.4 * u} ${footY - 2 * u} Z" fill="${p.garmentDark}"/>`,
    )
  }
  // arms
  for (const [side, swing] of [
    [-1, armSwingL],
    [1, armSwingR],
  ] as const) {
    const sx = cx + side * shoulderW * 0.92
    parts.push(
      `<g transform="rotate(${swing} ${sx} ${shoulderY + u})"><rect x="${sx - 2.2 * u}" y="${shoulderY}" width="${4.4 * u}" height="${36 * u}" rx="${2.2 * u}" fill="${p.skin}"/><rect x="${sx - 2.6 * u}" y="${shoulderY - u}" width="${5.2 * u}" height="${(garment === 1 ? 30 : 12) * u}" rx="${2.4 * u}" fill="${fill}"/></g>`,
    )
  }
  // neck and head
  parts.push(`<rect x="${cx - 1.8 * u}" y="${top + 9 * u}" width="${3.6 * u}" height="${8 * u}" fill="${p.skin}"/>`)
  parts.push(`<ellipse cx="${cx}" cy="${top + headR}" rx="${headR * 0.82}" ry="${headR}" fill="${p.skin}"/>`)
  const hairStyle = r.int(0, 2)
  if (hairStyle === 0) {
    parts.push(
      `<path d="M${cx - headR * 0.9} ${top + headR} A${headR * 0.9} ${headR} 0 0 1 ${cx + headR * 0.9} ${top + headR} L${cx + headR} ${top + headR * 2.6} L${cx + headR * 0.6} ${top + headR * 1.1} L${cx - headR * 0.6} ${top + headR * 1.1} L${cx - headR} ${top + headR * 2.6} Z" fill="${p.hair}"/>`,
    )
  } else if (hairStyle === 1) {
    parts.push(
      `<path d="M${cx - headR * 0.86} ${top + headR * 0.9} A${headR * 0.86} ${headR * 0.95} 0 0 1 ${cx + headR * 0.86} ${top + headR * 0.9} Z" fill="${p.hair}"/>`,
    )
  } else {
    parts.push(
      `<circle cx="${cx}" cy="${top - headR * 0.1}" r="${headR * 0.55}" fill="${p.hair}"/><path d="M${cx - headR * 0.85} ${top + headR * 0.8} A${headR * 0.85} ${headR * 0.9} 0 0 1 ${cx + headR * 0.85} ${top + headR * 0.8} Z" fill="${p.hair}"/>`,
    )
  }
  if (r.chance(0.35)) {
    const rad = (armSwingL * Math.PI) / 180
    const handX = cx - shoulderW * 0.92 - 36 * u * Math.sin(rad)
    const handY = shoulderY + 36 * u * Math.cos(rad)
    parts.push(
      `<path d="M${handX - 3 * u} ${handY + u} Q${handX} ${handY - 4 * u} ${handX + 3 * u} ${handY + u}" fill="none" stroke="${p.accent}" stroke-width="${0.8 * u}"/>`,
    )
    parts.push(
      `<rect x="${handX - 5 * u}" y="${handY + u}" width="${10 * u}" height="${8 * u}" rx="${1.2 * u}" fill="${p.accent}"/>`,
    )
  }
  return parts.join('')
}

/** `kind` forces the garment (0 top, 1 trousers, 2 dress) without changing the rest. */
export function productFlatlay(r: Random, p: Palette, h: number, fill: string, forced?: { kind?: number }): string {
  const cx = 500
  const cy = h / 2
  const s = Math.min(1000, h) / 100
  const rot = (r.next() - 0.5) * 24
  const drawnKind = r.int(0, 2)
  const kind = forced?.kind ?? drawnKind
  let shape: string
  if (kind === 0) {
    shape = `M${cx - 14 * s} ${cy - 32 * s} L${cx - 6 * s} ${cy - 36 * s} Q${cx} ${cy - 30 * s} ${cx + 6 * s} ${cy - 36 * s} L${cx + 14 * s} ${cy - 32 * s} L${cx + 34 * s} ${cy - 18 * s} L${cx + 26 * s} ${cy - 6 * s} L${cx + 17 * s} ${cy - 12 * s} L${cx + 17 * s} ${cy + 34 * s} L${cx - 17 * s} ${cy + 34 * s} L${cx - 17 * s} ${cy - 12 * s} L${cx - 26 * s} ${cy - 6 * s} L${cx - 34 * s} ${cy - 18 * s} Z`
  } else if (kind === 1) {
    shape = `M${cx - 16 * s} ${cy - 36 * s} L${cx + 16 * s} ${cy - 36 * s} L${cx + 22 * s} ${cy + 38 * s} L${cx + 3 * s} ${cy + 38 * s} L${cx} ${cy - 10 * s} L${cx - 3 * s} ${cy + 38 * s} L${cx - 22 * s} ${cy + 38 * s} Z`
  } else {
    shape = `M${cx - 10 * s} ${cy - 38 * s} L${cx + 10 * s} ${cy - 38 * s} L${cx + 13 * s} ${cy - 8 * s} L${cx + 30 * s} ${cy + 36 * s} L${cx - 30 * s} ${cy + 36 * s} L${cx - 13 * s} ${cy - 8 * s} Z`
  }
  const label = `<rect x="${cx + 8 * s}" y="${cy + 24 * s}" width="${8 * s}" height="${5 * s}" fill="#fff" opacity="0.85"/>`
  const shadow = `<path d="${shape}" fill="#000" opacity="0.16" transform="translate(${1.5 * s} ${2 * s})"/>`
  return `<g transform="rotate(${rot} ${cx} ${cy})">${shadow}<path d="${shape}" fill="${fill}" stroke="${p.garmentDark}" stroke-width="${0.5 * s}"/>${label}</g>`
}

export function backdropScene(r: Random, p: Palette, h: number): string {
  const parts: string[] = []
  const kind = r.int(0, 2)
  if (kind === 0) {
    const cols = r.int(2, 4)
    const wx = 120 + r.next() * 300
    const ww = 300 + r.next() * 200
    const wy = h * 0.12
    const wh = h * 0.5
    parts.push(`<rect x="${wx}" y="${wy}" width="${ww}" height="${wh}" fill="#fff" opacity="0.55"/>`)
    for (let i = 1; i < cols; i++) {
      parts.push(
        `<rect x="${wx + (ww / cols) * i - 4}" y="${wy}" width="8" height="${wh}" fill="${p.garmentDark}" opacity="0.6"/>`,
      )
    }
    parts.push(
      `<rect x="${wx}" y="${wy + wh / 2 - 4}" width="${ww}" height="8" fill="${p.garmentDark}" opacity="0.6"/>`,
    )
    parts.push(
      `<polygon points="${wx},${wy + wh} ${wx + ww},${wy + wh} ${wx + ww + 260},${h} ${wx - 80},${h}" fill="#fff" opacity="0.18"/>`,
    )
  } else if (kind === 1) {
    const n = r.int(2, 4)
    for (let i = 0; i < n; i++) {
      const aw = 1000 / n
      const x = i * aw + aw * 0.15
      const w = aw * 0.7
      const y = h * (0.2 + r.next() * 0.15)
      parts.push(
        `<path d="M${x} ${h * 0.78} L${x} ${y + w / 2} A${w / 2} ${w / 2} 0 0 1 ${x + w} ${y + w / 2} L${x + w} ${h * 0.78} Z" fill="${p.accent}" opacity="0.45"/>`,
      )
    }
  } else {
    for (let i = 0; i < 7; i++) {
      parts.push(
        `<circle cx="${r.next() * 1000}" cy="${r.next() * h * 0.7}" r="${60 + r.next() * 220}" fill="${i % 2 ? p.accent : p.garment}" opacity="${0.12 + r.next() * 0.2}"/>`,
      )
    }
  }
  return parts.join('')
}

function moodboard(r: Random, p: Palette, h: number): string {
  const parts: string[] = []
  const cols = r.int(2, 4)
  const rows = Math.max(2, Math.round((cols * h) / 1000))
  const gap = 24
  const cw = (1000 - gap * (cols + 1)) / cols
  const ch = (h - gap * (rows + 1)) / rows
  const base = r.next() * 360
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < cols; x++) {
      const hue = base + (x + y * cols) * (20 + r.next() * 30)
      const px = gap + x * (cw + gap)
      const py = gap + y * (ch + gap)
      parts.push(
        `<rect x="${px}" y="${py}" width="${cw}" height="${ch}" fill="${hsl(hue, 30 + r.next() * 50, 35 + r.next() * 40)}"/>`,
      )
      if (r.chance(0.5)) {
        parts.push(
          `<circle cx="${px + cw / 2}" cy="${py + ch / 2}" r="${Math.min(cw, ch) * (0.15 + r.next() * 0.25)}" fill="${p.backTop}" opacity="0.8"/>`,
        )
      }
    }
  }
  return parts.join('')
}

/** An SVG document of `pixelWidth` × `pixelHeight` depicting the asset; pure in its inputs. */
export function renderArtSvg(subject: ArtSubject, pixelWidth: number, pixelHeight: number): string {
  const r = createRandom(`art:${subject.publicId}`)
  const p = paletteFor(r)
  const h = Math.round((1000 * subject.height) / subject.width)
  const scene = sceneFor(subject)
  const pattern = patternDef(r, p)
  const floorAt = h * (0.68 + r.next() * 0.12)
  let body: string
  switch (scene) {
    case 'model':
      body = backdrop(p, h, floorAt) + modelFigure(r, p, h, pattern.fill)
      break
    case 'product':
      body = `<rect width="1000" height="${h}" fill="url(#bg)"/>` + productFlatlay(r, p, h, pattern.fill)
      break
    case 'backdrop':
      body = backdrop(p, h, floorAt) + backdropScene(r, p, h)
      break
    case 'moodboard':
      body = `<rect width="1000" height="${h}" fill="${p.backBottom}"/>` + moodboard(r, p, h)
      break
  }
  const fontSize = 26
  const label = escapeXml(subject.filename)
  const labelWidth = Math.min(960, label.length * fontSize * 0.6 + 28)
  const caption =
    `<rect x="16" y="${h - fontSize - 34}" width="${labelWidth}" height="${fontSize + 18}" rx="8" fill="#000" opacity="0.45"/>` +
    `<text x="30" y="${h - 32}" font-family="DejaVu Sans, sans-serif" font-size="${fontSize}" fill="#fff">${label}</text>`
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${pixelWidth}" height="${pixelHeight}" viewBox="0 0 1000 ${h}" preserveAspectRatio="none">` +
    `<defs><linearGradient id="bg" x1="0" y1="0" x2="0.3" y2="1"><stop offset="0" stop-color="${p.backTop}"/><stop offset="1" stop-color="${p.backBottom}"/></linearGradient>${pattern.defs}</defs>` +
    body +
    caption +
    `</svg>`
  )
}
