import { Link, useParams } from '@tanstack/react-router'
import { adapterFor, findSource } from '../dialects/sources'

const linkClass =
  'rounded px-2 py-1 text-sm text-neutral-700 hover:bg-neutral-100 dark:text-neutral-300 dark:hover:bg-neutral-800'
const activeClass = 'bg-neutral-100 font-medium text-neutral-950 dark:bg-neutral-800 dark:text-white'

/** The views the current source has: its assets, and its people when it is a photo library. */
export function SourceNav() {
  const sourceId = useParams({ strict: false, select: (p) => p.source })
  const source = sourceId === undefined ? undefined : findSource(sourceId)
  if (!source || !adapterFor(source).people) return null
  return (
    <nav aria-label="Views" className="flex items-center gap-1">
      <Link
        to="/$source/assets"
        params={{ source: source.id }}
        className={linkClass}
        activeProps={{ className: activeClass, 'aria-current': 'page' }}
      >
        Photos
      </Link>
      <Link
        to="/$source/people"
        params={{ source: source.id }}
        className={linkClass}
        activeProps={{ className: activeClass, 'aria-current': 'page' }}
      >
        People
      </Link>
    </nav>
  )
}
