import { useShortcuts, type Shortcut } from '../ui/shortcuts'

/** The tile size keys every grid answers to while focus is in it (see `useDensityGestures`). */
export const DENSITY_KEYS: readonly Shortcut[] = [
  {
    keys: [
      ['Ctrl', '+'],
      ['Ctrl', '−'],
    ],
    description: 'Larger or smaller tiles (also Ctrl + wheel, or a pinch)',
  },
  { keys: [['Ctrl', '0']], description: 'Tiles back to their usual size' },
]

/** Keys of a grid of `noun`s ("asset", "image"), as the `?` overlay lists them. */
function gridKeys(noun: string, search: boolean): Shortcut[] {
  const keys: Shortcut[] = [
    { keys: [['Arrow keys']], description: 'Move between tiles' },
    { keys: [['Page Up'], ['Page Down']], description: 'Move a screen up or down' },
    { keys: [['Home'], ['End']], description: 'First or last tile of the row' },
    {
      keys: [
        ['Ctrl', 'Home'],
        ['Ctrl', 'End'],
      ],
      description: `First or last ${noun} of the list`,
    },
    { keys: [['Enter']], description: `Open the focused ${noun}` },
    ...DENSITY_KEYS,
    { keys: [['/']], description: 'Search' },
    { keys: [['?']], description: 'Show keyboard shortcuts' },
  ]
  return search ? keys : keys.filter((k) => !k.keys.some((combo) => combo.includes('/')))
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
  useShortcuts('Grid', gridKeys(noun, search))
  useShortcuts('Selection', selectionKeys(noun))
}
