import { gridKeys } from '../../grid/grid-shortcuts'

/** Keys of the people grid (the shared grid's, with people for tiles), as the `?` overlay lists them. */
export const PEOPLE_KEYS = gridKeys({ noun: 'person', tile: 'person', tiles: 'people', search: 'Search by name' })
