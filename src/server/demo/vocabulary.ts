// Word lists for the demo catalog: a fashion studio's shoots, products and moodboards. (Data:
// lists of words look alike to a duplicate finder, and are kept as lists on purpose.)

export const SEASONS = ['SS24', 'AW24', 'Resort 25', 'SS25', 'Pre-Fall 25', 'AW25'] as const

export const PROJECT_THEMES = [
  ['Linen', 'LIN'],
  ['Outerwear', 'OUT'],
  ['Denim', 'DNM'],
  ['Knitwear', 'KNT'],
  ['Swim', 'SWM'],
  ['Tailoring', 'TLR'],
  ['Eveningwear', 'EVE'],
  ['Athleisure', 'ATH'],
  ['Accessories', 'ACC'],
  ['Footwear', 'FTW'],
  ['Bridal', 'BRD'],
  ['Capsule', 'CAP'],
  ['Heritage', 'HER'],
  ['Utility', 'UTL'],
] as const

export const PROJECT_KINDS = [
  'Lookbook',
  'Campaign',
  'E-com',
  'Editorial',
  'Catalogue',
  'Social Drop',
  'Press Kit',
] as const

export const MODEL_VIEWS = ['front', 'back', 'side', 'detail', 'full', 'closeup', 'walk', 'seated'] as const
export const MODEL_NAMES = ['ines', 'maya', 'tomas', 'aiko', 'leon', 'sara', 'noor', 'felix', 'zoe', 'kwame'] as const
export const PRODUCT_SHOTS = ['flatlay', 'ghost', 'packshot', 'detail', 'hanger', 'folded', 'back'] as const
export const BACKDROPS = [
  'studio-grey',
  'studio-white',
  'paper-sweep-cream',
  'loft-window',
  'concrete-wall',
  'beach-dune',
  'garden-arch',
  'terrazzo',
  'velvet-curtain',
  'city-rooftop',
] as const
export const FABRICS = ['linen', 'wool', 'silk', 'denim', 'cotton', 'cashmere', 'leather', 'tweed'] as const
export const COLOURS = ['ecru', 'sage', 'rust', 'navy', 'charcoal', 'blush', 'ochre', 'ivory', 'teal', 'plum'] as const
export const MOOD_THEMES = ['coastal', 'brutalist', 'seventies', 'monochrome', 'botanical', 'nocturne'] as const

export const STYLING_NOTES = [
  'Tuck the front hem only; let the back fall loose.',
  'Roll sleeves twice, keep the cuff visible.',
  'Steam the collar again before the next take.',
  'Swap the belt for the tan one from rail B.',
  'Hair behind the shoulders so the neckline reads.',
  'Pin the waist 2 cm at the back for a cleaner line.',
  'Use the gold hoops, no necklace.',
  'Shoes: white court, size 39 from the sample box.',
  'Open the jacket, hands in pockets for the full shot.',
  'Lint-roll the shoulders, the black shows everything.',
  'Match the sock colour to the trouser.',
  'Crop at mid-thigh for e-com, keep full length for the lookbook.',
] as const

export const DETECTION_LABELS = {
  model: ['person', 'dress', 'top', 'trousers', 'jacket', 'skirt', 'shoes', 'bag', 'hat'],
  product: ['dress', 'top', 'trousers', 'jacket', 'skirt', 'shoes', 'bag', 'scarf'],
} as const

// Aspect ratios as stored pixel dimensions.
export const DIMENSIONS = {
  portrait23: [
    [2000, 3000],
    [3648, 5472],
    [1200, 1800],
  ],
  portrait34: [
    [1536, 2048],
    [3000, 4000],
    [1080, 1440],
  ],
  square: [
    [2048, 2048],
    [1500, 1500],
    [1080, 1080],
  ],
  landscape: [
    [3000, 2000],
    [1920, 1080],
    [4032, 3024],
  ],
} as const
