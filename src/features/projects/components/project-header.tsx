import { Link } from '@tanstack/react-router'
import type { ReactNode } from 'react'
import type { ProjectInfo } from '../../../dialects/project-types'
import { formatDay } from '../../../ui/dates'
import { formatNumber } from '../format'

/** Completed, failed and still-to-come shares of a project's images, as a bar and in words. */
export function ProjectProgress({ project }: { project: ProjectInfo }) {
  const { totalImages: total, completedImages: done, failedImages: failed } = project
  const pct = (n: number) => (total > 0 ? (n / total) * 100 : 0)
  const words = `${formatNumber(done)} completed, ${formatNumber(failed)} failed, of ${formatNumber(total)}`
  return (
    <div className="flex min-w-40 items-center gap-2">
      <div
        aria-hidden="true"
        className="flex h-2 w-28 overflow-hidden rounded-full bg-neutral-300 sm:w-40 dark:bg-neutral-700"
      >
        <span className="bg-emerald-600 dark:bg-emerald-400" style={{ width: `${pct(done)}%` }} />
        <span className="bg-red-600 dark:bg-red-400" style={{ width: `${pct(failed)}%` }} />
      </div>
      <span className="text-xs whitespace-nowrap text-neutral-700 dark:text-neutral-300" data-testid="project-progress">
        {words}
      </span>
    </div>
  )
}

/**
 * A project's sticky header in the gallery; its name leads to the project's own page. `select`
 * is the grid's checkbox for the project's images.
 */
/** A project's key, and when and by whom it was made, beside its name. */
export function ProjectMeta({ project }: { project: ProjectInfo }) {
  return (
    <>
      <span className="rounded bg-neutral-100 px-1.5 font-mono text-xs text-neutral-800 dark:bg-neutral-800 dark:text-neutral-200">
        {project.key}
      </span>
      <span className="text-xs text-neutral-700 dark:text-neutral-300">
        {formatDay(project.createdAt)} by {project.createdBy}
      </span>
    </>
  )
}

export function ProjectHeader({
  project,
  sourceId,
  select,
}: {
  project: ProjectInfo
  sourceId: string
  select?: ReactNode
}) {
  return (
    <div
      data-project-id={project.id}
      className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-neutral-200 bg-white/95 px-3 py-2 backdrop-blur dark:border-neutral-800 dark:bg-neutral-950/95"
    >
      <h2 className="min-w-0 text-sm font-semibold">
        <Link
          to="/$source/projects/$projectId"
          params={{ source: sourceId, projectId: project.id }}
          className="underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          {project.name}
        </Link>
      </h2>
      <ProjectMeta project={project} />
      {select}
      <div className="ml-auto">
        <ProjectProgress project={project} />
      </div>
    </div>
  )
}
