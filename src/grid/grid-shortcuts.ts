import { useShortcuts, type Shortcut } from '../ui/shortcuts'

/** The tile size keys every grid answers to while focus is in it (see `useDensityGestures`). */
const DENSITY_KEYS: readonly Shortcut[] = [
  {
    keys: [
      ['Ctrl', '+'],
      ['Ctrl', '−'],
    ],
    description: 'Larger or smaller tiles (also Ctrl + wheel, or a pinch)',
  },
  { keys: [['Ctrl', '0']], description: 'Tiles back to their usual size' },
]

/** How a grid's keys name what it shows; the tiles are "tiles" unless they are the items themselves. */
interface GridWords {
  /** One item: "asset", "person". */
  noun: string
  /** The tiles, one and many: "tile" and "tiles", or "person" and "people". */
  tile?: string
  tiles?: string
  /** What `/` does, or null in a view without a search box. */
  search?: string | null
}

/**
 * Keys of a grid, as the `?` overlay lists them; the shared grid's keys (`use-grid-navigation`),
 * so every grid (the people's too) lists them from here.
 */
export function gridKeys({ noun, tile = 'tile', tiles = 'tiles', search = 'Search' }: GridWords): Shortcut[] {
  return [
    { keys: [['Arrow keys']], description: `Move between ${tiles}` },
    { keys: [['Page Up'], ['Page Down']], description: 'Move a screen up or down' },
    { keys: [['Home'], ['End']], description: `First or last ${tile} of the row` },
    {
      keys: [
        ['Ctrl', 'Home'],
        ['Ctrl', 'End'],
      ],
      description: `First or last ${noun} of the list`,
    },
    { keys: [['Enter']], description: `Open the focused ${noun}` },
    ...DENSITY_KEYS,
    ...(search === null ? [] : [{ keys: [['/']], description: search }]),
  ]
}

/** Keys of multi-select in a grid. */
function selectionKeys(noun: string): Shortcut[] {
  return [
    {
      keys: [
        ['Ctrl', 'click'],
        ['⌘', 'click'],
      ],
      description: `Select or unselect one ${noun}`,
    },
    { keys: [['Shift', 'click']], description: `Select the range from the last selected ${noun}` },
    { keys: [['X']], description: `Select or unselect the focused ${noun}` },
    { keys: [['Shift', 'arrow keys']], description: 'Extend the selection' },
    {
      keys: [
        ['Ctrl', 'A'],
        ['⌘', 'A'],
      ],
      description: `Select every ${noun} in the list`,
    },
    { keys: [['Esc']], description: 'Clear the selection' },
  ]
}

/** Declares the shared grid's keys (and its selection keys) for the `?` overlay; every grid calls it. */
/** `search: false` for a view without a search box (a person's page). */
export function useGridShortcuts(noun: string, { search = true }: { search?: boolean } = {}): void {
  useShortcuts('Grid', gridKeys({ noun, search: search ? 'Search' : null }))
  useShortcuts('Selection', selectionKeys(noun))
}
