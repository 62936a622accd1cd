import { DENSITY_KEYS } from '../../grid/grid-shortcuts'
import type { Shortcut } from '../../ui/shortcuts'

/** Keys of the people grid, as the `?` overlay lists them. */
export const PEOPLE_KEYS: readonly Shortcut[] = [
  { keys: [['Arrow keys']], description: 'Move between people' },
  { keys: [['Page Up'], ['Page Down']], description: 'Move a screen up or down' },
  { keys: [['Home'], ['End']], description: 'First or last person of the row' },
  {
    keys: [
      ['Ctrl', 'Home'],
      ['Ctrl', 'End'],
    ],
    description: 'First or last person of the list',
  },
  { keys: [['Enter']], description: 'Open the focused person' },
  ...DENSITY_KEYS,
  { keys: [['/']], description: 'Search by name' },
  { keys: [['?']], description: 'Show keyboard shortcuts' },
]
