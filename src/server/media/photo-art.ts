import { createRandom, hash32, type Random } from '../random'

// Procedural stand-ins for the photo libraries' pictures. Drawn in the photo's own pixel space
// (the viewBox is width × height), so every face sits exactly on its `photo_faces` box whatever
// size the image is rendered at. A person looks the same in every photo: their skin, hair and
// clothes come from their id.

export interface PhotoFace {
  /** Row id of the face, for the look of faces that are not anyone yet. */
  id: number
  personId: number | null
  x: number
  y: number
  w: number
  h: number
}

export interface PhotoSubject {
  publicId: string
  fileName: string
  mimeType: string
  width: number
  height: number
  faces: readonly PhotoFace[]
}

const SKIN = ['#f6d2b8', '#eab892', '#d39b72', '#b47a53', '#8d5a3b', '#6a412a', '#4a2c1d'] as const
const HAIR = ['#15100c', '#2d1d13', '#5a3a22', '#8a5a32', '#c9a46a', '#e4d2a8', '#9a3a1c', '#8d8d8d'] as const
const CLOTHES = [
  '#2f4858',
  '#86bbd8',
  '#f6ae2d',
  '#f26419',
  '#33658a',
  '#55a630',
  '#9d4edd',
  '#e63946',
  '#264653',
] as const

const hsl = (h: number, s: number, l: number): string =>
  `hsl(${Math.round(((h % 360) + 360) % 360)} ${Math.round(s)}% ${Math.round(l)}%)`

const escapeXml = (text: string): string => text.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`)

const n = (v: number): string => (Math.round(v * 10) / 10).toString()

interface Look {
  skin: string
  hair: string
  clothes: string
  hairStyle: number
  glasses: boolean
}

function lookFor(face: PhotoFace): Look {
  const r = createRandom(face.personId !== null ? `person:${face.personId}` : `face:${face.id}`)
  return {
    skin: r.pick(SKIN),
    hair: r.pick(HAIR),
    clothes: r.pick(CLOTHES),
    hairStyle: r.int(0, 3),
    glasses: r.chance(0.25),
  }
}

function background(r: Random, width: number, height: number): string {
  const hue = r.next() * 360
  const outdoor = r.chance(0.6)
  const parts: string[] = []
  if (outdoor) {
    parts.push(
      `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${hsl(200 + r.next() * 30, 60, 62 + r.next() * 15)}"/><stop offset="1" stop-color="${hsl(30 + r.next() * 30, 70, 80)}"/></linearGradient></defs>`,
      `<rect width="${width}" height="${height}" fill="url(#sky)"/>`,
    )
    const horizon = height * (0.5 + r.next() * 0.15)
    parts.push(
      `<path d="M0 ${n(horizon)} Q${n(width * 0.3)} ${n(horizon - height * 0.12)} ${n(width * 0.55)} ${n(horizon - height * 0.02)} T${width} ${n(horizon - height * 0.06)} L${width} ${height} L0 ${height} Z" fill="${hsl(hue * 0.2 + 90, 35, 38)}"/>`,
    )
    parts.push(
      `<circle cx="${n(width * (0.1 + r.next() * 0.8))}" cy="${n(height * 0.12)}" r="${n(Math.min(width, height) * 0.05)}" fill="#fff6d5" opacity="0.9"/>`,
    )
  } else {
    parts.push(`<rect width="${width}" height="${height}" fill="${hsl(hue, 25, 70)}"/>`)
    parts.push(
      `<rect y="${n(height * 0.7)}" width="${width}" height="${n(height * 0.3)}" fill="${hsl(hue + 30, 30, 45)}"/>`,
    )
    const frames = r.int(1, 3)
    for (let i = 0; i < frames; i++) {
      const fw = width * (0.12 + r.next() * 0.12)
      parts.push(
        `<rect x="${n(width * (0.05 + r.next() * 0.75))}" y="${n(height * (0.05 + r.next() * 0.1))}" width="${n(fw)}" height="${n(fw * 0.75)}" fill="${hsl(hue + 180, 40, 55)}" stroke="#3b2f2f" stroke-width="${n(fw * 0.04)}"/>`,
      )
    }
  }
  return parts.join('')
}

/** A head filling the box exactly (the box is the face: chin to hairline, ear to ear). */
function person(face: PhotoFace, height: number): string {
  const look = lookFor(face)
  const { x, y, w, h } = face
  const cx = x + w / 2
  const cy = y + h / 2
  const parts: string[] = []
  // Shoulders and body below the face, clipped by the frame.
  const bodyTop = y + h * 1.05
  const bodyW = w * 2.4
  parts.push(
    `<path d="M${n(cx - bodyW / 2)} ${n(Math.min(height, bodyTop + h * 1.6))} Q${n(cx - bodyW / 2)} ${n(bodyTop + h * 0.15)} ${n(cx - w * 0.35)} ${n(bodyTop)} L${n(cx + w * 0.35)} ${n(bodyTop)} Q${n(cx + bodyW / 2)} ${n(bodyTop + h * 0.15)} ${n(cx + bodyW / 2)} ${n(Math.min(height, bodyTop + h * 1.6))} Z" fill="${look.clothes}"/>`,
  )
  parts.push(
    `<rect x="${n(cx - w * 0.17)}" y="${n(y + h * 0.85)}" width="${n(w * 0.34)}" height="${n(h * 0.28)}" fill="${look.skin}"/>`,
  )
  // Hair behind the head for long styles.
  if (look.hairStyle === 2) {
    parts.push(
      `<rect x="${n(x - w * 0.06)}" y="${n(y + h * 0.1)}" width="${n(w * 1.12)}" height="${n(h * 0.95)}" rx="${n(w * 0.3)}" fill="${look.hair}"/>`,
    )
  }
  parts.push(`<ellipse cx="${n(cx)}" cy="${n(cy)}" rx="${n(w / 2)}" ry="${n(h / 2)}" fill="${look.skin}"/>`)
  // Hair on top.
  if (look.hairStyle !== 3) {
    parts.push(
      `<path d="M${n(x)} ${n(y + h * 0.38)} A${n(w / 2)} ${n(h * 0.42)} 0 0 1 ${n(x + w)} ${n(y + h * 0.38)} Q${n(cx)} ${n(y + h * 0.16)} ${n(x)} ${n(y + h * 0.38)} Z" fill="${look.hair}"/>`,
    )
  }
  // Eyes, brows, nose and a smile.
  const eyeY = y + h * 0.47
  const eyeDx = w * 0.19
  const eyeR = w * 0.055
  for (const side of [-1, 1]) {
    parts.push(
      `<ellipse cx="${n(cx + side * eyeDx)}" cy="${n(eyeY)}" rx="${n(eyeR * 1.3)}" ry="${n(eyeR)}" fill="#fff"/>`,
    )
    parts.push(`<circle cx="${n(cx + side * eyeDx)}" cy="${n(eyeY)}" r="${n(eyeR * 0.7)}" fill="#2a1d14"/>`)
    parts.push(
      `<path d="M${n(cx + side * eyeDx - eyeR * 1.6)} ${n(eyeY - eyeR * 2.1)} Q${n(cx + side * eyeDx)} ${n(eyeY - eyeR * 3)} ${n(cx + side * eyeDx + eyeR * 1.6)} ${n(eyeY - eyeR * 2.1)}" fill="none" stroke="${look.hair}" stroke-width="${n(eyeR * 0.7)}" stroke-linecap="round"/>`,
    )
    if (look.glasses) {
      parts.push(
        `<circle cx="${n(cx + side * eyeDx)}" cy="${n(eyeY)}" r="${n(eyeR * 2.4)}" fill="none" stroke="#222" stroke-width="${n(eyeR * 0.5)}"/>`,
      )
    }
  }
  parts.push(
    `<path d="M${n(cx)} ${n(eyeY + h * 0.05)} L${n(cx - w * 0.05)} ${n(y + h * 0.66)} L${n(cx + w * 0.03)} ${n(y + h * 0.67)}" fill="none" stroke="#00000040" stroke-width="${n(eyeR * 0.5)}"/>`,
  )
  parts.push(
    `<path d="M${n(cx - w * 0.16)} ${n(y + h * 0.76)} Q${n(cx)} ${n(y + h * 0.86)} ${n(cx + w * 0.16)} ${n(y + h * 0.76)}" fill="none" stroke="#8a2c2c" stroke-width="${n(eyeR * 0.7)}" stroke-linecap="round"/>`,
  )
  return parts.join('')
}

function screenshot(r: Random, width: number, height: number): string {
  const parts = [`<rect width="${width}" height="${height}" fill="#f2f2f7"/>`]
  parts.push(`<rect width="${width}" height="${n(height * 0.08)}" fill="#ffffff"/>`)
  let y = height * 0.11
  while (y < height * 0.9) {
    const mine = r.chance(0.5)
    const bw = width * (0.35 + r.next() * 0.35)
    const bh = height * (0.035 + r.next() * 0.05)
    parts.push(
      `<rect x="${n(mine ? width - bw - width * 0.05 : width * 0.05)}" y="${n(y)}" width="${n(bw)}" height="${n(bh)}" rx="${n(bh * 0.35)}" fill="${mine ? '#0a84ff' : '#e5e5ea'}"/>`,
    )
    y += bh + height * 0.02
  }
  return parts.join('')
}

/** An SVG of `pixelWidth` × `pixelHeight` depicting the photo; pure in its inputs. */
export function renderPhotoSvg(subject: PhotoSubject, pixelWidth: number, pixelHeight: number): string {
  const { width, height } = subject
  const r = createRandom(`photo:${subject.publicId}:${hash32(subject.fileName)}`)
  let body: string
  if (subject.mimeType === 'image/png') {
    body = screenshot(r, width, height)
  } else {
    body = background(r, width, height)
    // Draw the people farthest from the camera (smallest faces) first.
    const faces = [...subject.faces].sort((a, b) => a.w - b.w)
    for (const face of faces) body += person(face, height)
  }
  const fontSize = Math.round(Math.min(width, height) * 0.026)
  const label = escapeXml(subject.fileName)
  const labelWidth = Math.min(width * 0.96, label.length * fontSize * 0.6 + fontSize)
  const caption =
    `<rect x="${n(fontSize * 0.6)}" y="${n(height - fontSize * 2.2)}" width="${n(labelWidth)}" height="${n(fontSize * 1.7)}" rx="${n(fontSize * 0.3)}" fill="#000" opacity="0.45"/>` +
    `<text x="${n(fontSize * 1.1)}" y="${n(height - fontSize * 0.95)}" font-family="DejaVu Sans, sans-serif" font-size="${fontSize}" fill="#fff">${label}</text>`
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${pixelWidth}" height="${pixelHeight}" viewBox="0 0 ${width} ${height}" preserveAspectRatio="none">` +
    body +
    caption +
    `</svg>`
  )
}
