import { useQuery } from '@tanstack/react-query'
import { Link, getRouteApi } from '@tanstack/react-router'
import type { ReactNode } from 'react'
import type { Person } from '../../../dialects/types'
import { ErrorPanel } from '../../../ui/error-panel'
import { formatDay } from '../../../ui/dates'
import { useDocumentTitle } from '../../../ui/use-document-title'
import { personName, photoCountText } from '../format'
import { peopleQueries } from '../queries'
import { PersonFace } from './person-face'

const route = getRouteApi('/$source/people/$personId')

/** What the header needs of the person's photo list to count it. */
interface PhotoListCount {
  count: number
  exact: boolean
  initialLoading: boolean
}

interface PersonPageProps {
  /** The person's photos in the shared grid, given the header to show above them. */
  photos: (header: (list: PhotoListCount) => ReactNode) => ReactNode
}

/** One person: their face, name, birth date and photo count, then their photos. */
export function PersonPage({ photos }: PersonPageProps) {
  const { source } = route.useRouteContext()
  const { personId } = route.useParams()
  const navigate = route.useNavigate()
  const person = useQuery(peopleQueries.detail(source, personId))
  useDocumentTitle([
    person.data ? personName(person.data) : person.isError ? 'Person unavailable' : undefined,
    'People',
    source.name,
  ])

  if (person.isError) {
    return (
      <div className="flex flex-1 flex-col">
        <h1 className="sr-only">Person unavailable · {source.name}</h1>
        <section id="results" aria-label="Person">
          <ErrorPanel
            error={person.error}
            onRetry={() => void person.refetch()}
            onBack={{
              label: 'Back to people',
              onClick: () => void navigate({ to: '/$source/people', params: { source: source.id } }),
            }}
          />
        </section>
      </div>
    )
  }
  const name = person.data ? personName(person.data) : 'Loading…'
  return (
    <section id="results" aria-label={`Photos of ${name}`} className="flex min-h-0 flex-1 flex-col">
      {photos((list) => (
        <PersonHeader
          person={person.data}
          photos={list}
          back={
            <Link
              to="/$source/people"
              params={{ source: source.id }}
              className="text-sm text-indigo-700 underline hover:no-underline dark:text-indigo-300"
            >
              ← People
            </Link>
          }
        />
      ))}
    </section>
  )
}

interface PersonHeaderProps {
  person: Person | undefined
  photos: PhotoListCount
  /** The way back to everyone. */
  back?: ReactNode
}

/** The person's face, name, birth date and how many photos they are in. */
export function PersonHeader({ person, photos, back }: PersonHeaderProps) {
  const count = person ? photoCountText(person, photos) : null
  return (
    <header className="flex items-center gap-3 border-b border-neutral-200 px-3 py-3 sm:gap-4 sm:px-4 dark:border-neutral-800">
      <div className="size-16 shrink-0 sm:size-20">
        {person ? (
          <PersonFace person={person} />
        ) : (
          <span className="block size-full animate-pulse rounded-full bg-neutral-200 motion-reduce:animate-none dark:bg-neutral-800" />
        )}
      </div>
      <div className="min-w-0 flex-1">
        {back}
        <h1
          className={`truncate text-xl font-semibold ${person && !person.name ? 'text-neutral-600 italic dark:text-neutral-400' : ''}`}
        >
          {person ? personName(person) : 'Loading…'}
        </h1>
        <p className="flex flex-wrap gap-x-3 text-sm text-neutral-700 dark:text-neutral-300">
          {person?.birthDate && <span>Born {formatDay(person.birthDate)}</span>}
          <span data-testid="person-photo-count">{count ?? 'Counting photos…'}</span>
          {person?.isFavorite && <span>★ Favourite</span>}
          {person?.isHidden && <span>Hidden</span>}
        </p>
      </div>
    </header>
  )
}
