// A tile's stand-in until its thumbnail arrives: the colour of the drawing's backdrop, read from
// the drawing itself. Every demo drawing paints its whole canvas first (a flat colour or a
// gradient) and draws its subject over it, so that first fill is the colour most of the image
// has. Reading it from the SVG string keeps the preview exact for whatever the drawing code
// draws, without rasterising anything.

type Rgb = readonly [number, number, number]

function hslToRgb(h: number, s: number, l: number): Rgb {
  const sat = s / 100
  const light = l / 100
  const k = (n: number) => (n + h / 30) % 12
  const a = sat * Math.min(light, 1 - light)
  const f = (n: number) => light - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1))
  return [f(0) * 255, f(8) * 255, f(4) * 255]
}

/** A colour as the drawings write it: `hsl(h s% l%)`, `#rgb` or `#rrggbb`. */
function parseColor(text: string): Rgb | undefined {
  const hsl = /^hsl\((-?[\d.]+)[ ,]+([\d.]+)%[ ,]+([\d.]+)%\)$/.exec(text.trim())
  if (hsl) return hslToRgb(((Number(hsl[1]) % 360) + 360) % 360, Number(hsl[2]), Number(hsl[3]))
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(text.trim())?.[1]
  if (!hex) return undefined
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as unknown as Rgb
}

const toHex = ([r, g, b]: Rgb): string =>
  `#${[r, g, b]
    .map((v) =>
      Math.round(Math.max(0, Math.min(255, v)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`

/** The mean of a gradient's stops, by the id a fill names. */
function gradientColor(svg: string, id: string): Rgb | undefined {
  const start = svg.indexOf(`id="${id}"`)
  const end = svg.indexOf('Gradient>', start)
  if (start < 0 || end < 0) return undefined
  const stops = [...svg.slice(start, end).matchAll(/stop-color="([^"]+)"/g)]
    .map((m) => parseColor(m[1] ?? ''))
    .filter((c): c is Rgb => c !== undefined)
  if (stops.length === 0) return undefined
  return [0, 1, 2].map((i) => stops.reduce((sum, c) => sum + c[i]!, 0) / stops.length) as unknown as Rgb
}

/**
 * The colour of an SVG drawing's first painted shape (its backdrop), as `#rrggbb`; a gradient
 * gives the mean of its stops. Undefined when the drawing starts with nothing this can read.
 */
export function backdropColor(svg: string): string | undefined {
  const body = svg.replace(/<defs>[\s\S]*?<\/defs>/g, '')
  const fill = /<(?:rect|path)\b[^>]*\bfill="([^"]+)"/.exec(body)?.[1]
  if (!fill) return undefined
  const ref = /^url\(#([\w-]+)\)$/.exec(fill)?.[1]
  const rgb = ref ? gradientColor(svg, ref) : parseColor(fill)
  return rgb && toHex(rgb)
}

/**
 * The listing field that carries a preview colour, named in the dialect's own style; left out
 * when there is none, so answers without one look exactly like the seeds.
 */
export function previewField<K extends string>(name: K, color: string | undefined): Partial<Record<K, string>> {
  return color === undefined ? {} : ({ [name]: color } as Record<K, string>)
}
