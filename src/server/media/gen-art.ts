import { createRandom } from '../random'
import type { GalleryJobType } from '../db/schema-gallery'
import {
  backdrop,
  backdropScene,
  escapeXml,
  modelFigure,
  paletteFor,
  patternDef,
  productFlatlay,
  type Palette,
} from './art'

// Procedural inputs and outputs of PiktID generation jobs. Each picture is a pure function of
// the image's job and indices, and the output is drawn from the same seeds as its inputs, so
// it visibly derives from them:
// - flat_2_model: input 1 a garment flat-lay, input 2 the model to dress, input 3 an accessory
//   flat-lay; the output is that model wearing that garment (accessory colour on the shoes/bag).
// - model_swap: input 1 a model photo, input 2 the new model, input 3 a background; the output
//   keeps the photo's garment and pose with the new model (on the new background if given).

export interface GenerationSubject {
  jobId: string
  jobType: GalleryJobType
  imageIndex: number
  groupIndex: number
  version: number
  inputCount: number
  originalFilename: string
  /** The output's pixel size, as the catalog keeps it (the job's format). */
  outputWidth: number
  outputHeight: number
}

/** `input` n (0-based) or the generated `output`. */
export type GenerationRole = { kind: 'input'; index: number } | { kind: 'output' }

/** Width / height of a picture: flat-lays are square, people portrait (2:3), outputs the job's size. */
export function generationAspect(subject: GenerationSubject, role: GenerationRole): number {
  if (role.kind === 'output') return subject.outputWidth / subject.outputHeight
  if (subject.jobType === 'flat_2_model' && role.index !== 1) return 1
  if (subject.jobType === 'model_swap' && role.index === 2) return 3 / 2
  return 2 / 3
}

interface Seeds {
  garment: string
  accessory: string
  sourcePerson: string
  targetPerson: string
  sourceScene: string
  targetScene: string
  pose: string
}

function seedsOf(s: GenerationSubject): Seeds {
  const image = `${s.jobId}:${s.imageIndex}`
  return {
    garment: `${image}:garment`,
    accessory: `${image}:accessory`,
    sourcePerson: `${image}:source-person`,
    targetPerson: `${s.jobId}:model`,
    sourceScene: `${image}:source-scene`,
    targetScene: `${s.jobId}:scene`,
    // A swap keeps the source photo's pose; flat-to-model poses each variant differently.
    pose: s.jobType === 'model_swap' ? `${image}:pose` : `${image}:${s.groupIndex}:pose`,
  }
}

/** A palette whose backdrop, garment and person come from three independent seeds. */
function composedPalette(scene: string, garment: string, person: string, accent?: string): Palette {
  const back = paletteFor(createRandom(`scene:${scene}`))
  const cloth = paletteFor(createRandom(`garment:${garment}`))
  const who = paletteFor(createRandom(`person:${person}`))
  const extra = accent ? paletteFor(createRandom(`garment:${accent}`)).garment : cloth.accent
  return {
    backTop: back.backTop,
    backBottom: back.backBottom,
    floor: back.floor,
    garment: cloth.garment,
    garmentDark: cloth.garmentDark,
    accent: extra,
    skin: who.skin,
    hair: who.hair,
  }
}

function svgDocument(
  width: number,
  height: number,
  h: number,
  p: Palette,
  defs: string,
  body: string,
  caption: string,
) {
  const fontSize = 26
  const label = escapeXml(caption)
  const labelWidth = Math.min(960, label.length * fontSize * 0.6 + 28)
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 1000 ${h}" preserveAspectRatio="none">` +
    `<defs><linearGradient id="bg" x1="0" y1="0" x2="0.3" y2="1"><stop offset="0" stop-color="${p.backTop}"/><stop offset="1" stop-color="${p.backBottom}"/></linearGradient>${defs}</defs>` +
    body +
    `<rect x="16" y="${h - fontSize - 34}" width="${labelWidth}" height="${fontSize + 18}" rx="8" fill="#000" opacity="0.45"/>` +
    `<text x="30" y="${h - 32}" font-family="DejaVu Sans, sans-serif" font-size="${fontSize}" fill="#fff">${label}</text>` +
    `</svg>`
  )
}

/** A garment is a top (0) or a dress (2): shapes the flat-lay and the worn outfit both draw. */
function garmentKind(seed: string): 0 | 2 {
  return createRandom(`kind:${seed}`).chance(0.5) ? 0 : 2
}

/** The outfit a figure wears for a garment: a dress, or the top over dark trousers. */
function outfitFor(seed: string): number {
  return garmentKind(seed) === 2 ? 0 : 2
}

function flatLay(seed: string, h: number): { p: Palette; defs: string; body: string } {
  // A flat-lay lies on a pale, plain surface: the garment is the subject.
  const p = composedPalette(`${seed}:table`, seed, seed)
  const surface = { ...p, backTop: '#f4f1ec', backBottom: '#e4ded5' }
  const pattern = patternDef(createRandom(`pattern:${seed}`), surface)
  return {
    p: surface,
    defs: pattern.defs,
    body:
      `<rect width="1000" height="${h}" fill="url(#bg)"/>` +
      productFlatlay(createRandom(`shape:${seed}`), surface, h, pattern.fill, {
        kind: garmentKind(seed),
      }),
  }
}

function personPhoto(
  scene: string,
  garment: string | null,
  person: string,
  pose: string,
  h: number,
  options: { accent?: string | undefined; scenery?: boolean } = {},
) {
  const p = composedPalette(scene, garment ?? `${person}:plain`, person, options.accent)
  const pattern = garment ? patternDef(createRandom(`pattern:${garment}`), p) : { defs: '', fill: '#8d8d8d' }
  const floorAt = h * 0.76
  const plain = garment ? p : { ...p, garment: '#8d8d8d', garmentDark: '#5e5e5e' }
  return {
    p,
    defs: pattern.defs,
    body:
      backdrop(p, h, floorAt) +
      (options.scenery ? backdropScene(createRandom(`backdrop:${scene}`), p, h) : '') +
      modelFigure(createRandom(`pose:${pose}`), plain, h, pattern.fill, garment ? { garment: outfitFor(garment) } : {}),
  }
}

/** The SVG of one input or the output of a generated image; pure in its arguments. */
export function renderGenerationSvg(
  subject: GenerationSubject,
  role: GenerationRole,
  pixelWidth: number,
  pixelHeight: number,
): string {
  const aspect = generationAspect(subject, role)
  const h = Math.round(1000 / aspect)
  const seeds = seedsOf(subject)
  let drawing: { p: Palette; defs: string; body: string }
  let caption: string
  if (role.kind === 'output') {
    const accessory = subject.jobType === 'flat_2_model' && subject.inputCount >= 3 ? seeds.accessory : undefined
    const scene = subject.jobType === 'model_swap' && subject.inputCount < 3 ? seeds.sourceScene : seeds.targetScene
    drawing = personPhoto(scene, seeds.garment, seeds.targetPerson, seeds.pose, h, {
      accent: accessory,
      scenery: subject.jobType === 'model_swap' && subject.inputCount >= 3,
    })
    caption = `generated · variant ${subject.groupIndex + 1} · v${subject.version}`
  } else {
    const n = role.index
    if (subject.jobType === 'flat_2_model') {
      if (n === 0) drawing = flatLay(seeds.garment, h)
      else if (n === 1)
        drawing = personPhoto(`${seeds.targetPerson}:studio`, null, seeds.targetPerson, `${seeds.targetPerson}:ref`, h)
      else drawing = flatLay(seeds.accessory, h)
    } else if (n === 0) {
      drawing = personPhoto(seeds.sourceScene, seeds.garment, seeds.sourcePerson, seeds.pose, h)
    } else if (n === 1) {
      drawing = personPhoto(`${seeds.targetPerson}:studio`, null, seeds.targetPerson, `${seeds.targetPerson}:ref`, h)
    } else {
      const p = composedPalette(seeds.targetScene, seeds.garment, seeds.targetPerson)
      drawing = {
        p,
        defs: '',
        body: backdrop(p, h, h * 0.76) + backdropScene(createRandom(`backdrop:${seeds.targetScene}`), p, h),
      }
    }
    caption = n === 0 ? subject.originalFilename : `input ${n + 1}`
  }
  return svgDocument(pixelWidth, pixelHeight, h, drawing.p, drawing.defs, drawing.body, caption)
}
