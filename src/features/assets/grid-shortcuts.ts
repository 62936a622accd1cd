import type { Shortcut } from '../../ui/shortcuts'

/** Keys of the asset grid, as the `?` overlay lists them. */
export const GRID_KEYS: readonly Shortcut[] = [
  { keys: [['Arrow keys']], description: 'Move between tiles' },
  { keys: [['Page Up'], ['Page Down']], description: 'Move a screen up or down' },
  { keys: [['Home'], ['End']], description: 'First or last tile of the row' },
  {
    keys: [
      ['Ctrl', 'Home'],
      ['Ctrl', 'End'],
    ],
    description: 'First or last asset of the list',
  },
  { keys: [['Enter']], description: 'Open the focused asset' },
  { keys: [['/']], description: 'Search' },
  { keys: [['?']], description: 'Show keyboard shortcuts' },
]

/** Keys of multi-select in the grid. */
export const SELECTION_KEYS: readonly Shortcut[] = [
  {
    keys: [
      ['Ctrl', 'click'],
      ['⌘', 'click'],
    ],
    description: 'Select or unselect one asset',
  },
  { keys: [['Shift', 'click']], description: 'Select the range from the last selected asset' },
  { keys: [['X']], description: 'Select or unselect the focused asset' },
  { keys: [['Shift', 'arrow keys']], description: 'Extend the selection' },
  { keys: [['Esc']], description: 'Clear the selection' },
]
