import { Link } from '@tanstack/react-router'
import { useQuery } from '@tanstack/react-query'
import type { RawSearch, SourceConfig } from '../../../dialects/types'
import { stringifySearch } from '../../../search-params'
import type { ProjectInfo } from '../../../dialects/project-types'
import { formatCount, formatNumber } from '../format'
import { capPartitions } from '../partitions'
import { projectQueries, projectsApiOf } from '../queries'

/**
 * Says that the API's image cap cuts this project's list (an API that reads no offset), and
 * offers the filters that cut the project into parts the cap lets through whole.
 */
export function CapNote({
  source,
  project,
  search,
}: {
  source: SourceConfig
  project: ProjectInfo
  /** The page's search: a part that is what it shows is not offered. */
  search: RawSearch
}) {
  const api = projectsApiOf(source)
  const cap = api.maxImagesPerProject
  const counts = useQuery(projectQueries.partitions(source, project))
  const here = stringifySearch(search)
  const filtered = here !== ''
  // A link to what is shown already (the default order is one part) would show nothing new.
  const elsewhere = (filters: Record<string, unknown>) => stringifySearch(api.projectFilters.toSearch(filters)) !== here
  const parts = capPartitions(counts.data, cap).flatMap((part) => {
    const links = part.links.filter(({ filters }) => elsewhere(filters))
    return links.length > 0 ? [{ ...part, links, whole: part.links.length === 1 }] : []
  })
  const link = (filters: Record<string, unknown>, label: string, name = label) => (
    <Link
      aria-label={name}
      to="/$source/projects/$projectId"
      params={{ source: source.id, projectId: project.id }}
      search={api.projectFilters.toSearch(filters)}
      className="text-indigo-700 underline dark:text-indigo-300"
    >
      {label}
    </Link>
  )
  return (
    <div className="text-sm text-neutral-700 dark:text-neutral-300" data-testid="cap-note">
      <p>
        {filtered
          ? `More of this project’s ${formatCount(project.totalImages, 'image')} may match, but this API returns only ${formatNumber(cap)}.`
          : `This project has ${formatCount(project.totalImages, 'image')}, but this API returns only ${formatNumber(cap)} of them.`}{' '}
        Parts of at most {formatNumber(cap)}
        {counts.isPending ? ' (counting…)' : ''}:
      </p>
      <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1" aria-label="Parts of this project">
        {parts.map(({ name, count, links, whole }) => {
          const title = count === null ? name : `${name} (${formatNumber(count)})`
          const [only] = links
          return (
            <li key={name}>
              {whole && only ? (
                link(only.filters, title)
              ) : (
                <>
                  {title}:{' '}
                  {links.map(({ label, filters }, n) => (
                    <span key={label}>
                      {n > 0 && ' · '}
                      {link(filters, label, `${title}, ${label}`)}
                    </span>
                  ))}
                </>
              )}
            </li>
          )
        })}
      </ul>
    </div>
  )
}
