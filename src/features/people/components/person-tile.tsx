import { Link } from '@tanstack/react-router'
import { memo } from 'react'
import type { Person } from '../../../dialects/types'
import { thumbLoading } from '../../../grid/tiles'
import type { TileRenderArgs } from '../../../grid/grid-tile'
import { personName } from '../format'
import { PersonFace } from './person-face'

interface PersonTileProps extends TileRenderArgs<Person> {
  sourceId: string
}

/** A round face with the person's name under it; favourites carry a star, hidden people say so. */
export const PersonTile = memo(function PersonTile({ item: person, index, tileProps, sourceId }: PersonTileProps) {
  const name = personName(person)
  return (
    <Link
      {...tileProps}
      to="/$source/people/$personId"
      params={{ source: sourceId, personId: person.id }}
      data-person-id={person.id}
      className="group flex flex-col items-center gap-2 rounded-lg p-2 hover:bg-neutral-100 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:hover:bg-neutral-900"
    >
      <span className="relative w-full max-w-36">
        <PersonFace person={person} className={person.isHidden ? 'opacity-50' : ''} loading={thumbLoading(index)} />
        {person.isFavorite && (
          <span
            data-testid="favorite-mark"
            aria-hidden="true"
            className="absolute right-1 bottom-1 flex size-7 items-center justify-center rounded-full bg-amber-400 text-sm text-neutral-950 shadow ring-2 ring-white dark:ring-neutral-950"
          >
            ★
          </span>
        )}
      </span>
      <span
        data-person-name
        className={`w-full truncate text-center text-sm ${person.name ? 'font-medium' : 'text-neutral-600 italic dark:text-neutral-400'}`}
      >
        {name}
      </span>
      {/* The marks are drawn; these say them. */}
      {(person.isFavorite || person.isHidden) && (
        <span className="sr-only">
          {[person.isFavorite && ', favourite', person.isHidden && ', hidden'].filter(Boolean).join('')}
        </span>
      )}
      <span
        className={`-mt-1.5 text-xs text-neutral-600 dark:text-neutral-400 ${person.isHidden ? '' : 'invisible'}`}
        aria-hidden="true"
      >
        Hidden
      </span>
    </Link>
  )
})
