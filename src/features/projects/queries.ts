import { queryOptions } from '@tanstack/react-query'
import { notFound } from '@tanstack/react-router'
import { ApiError, isRetryable } from '../../dialects/http'
import { adapterFor, sourceQueryKey } from '../../dialects/sources'
import type { SourceConfig } from '../../dialects/types'
import type { ProjectImage, ProjectInfo, ProjectsApi } from '../../dialects/project-types'
import type { WindowPage, WindowSpec } from '../../grid/list-window'
import type { ListWindowHandle } from '../../grid/use-list-window'
import { partitionCounts } from './partitions'

/** Images kept in memory while scrolling the gallery; pages of projects farther away are dropped. */
const PROJECT_IMAGE_BUDGET = 1500
/** Pages of one project's images kept in memory; farther ones are dropped and read again. */
const PROJECT_PAGES_HELD = 3

/** The source's projects capability; a source without one has no projects pages. */
export function projectsApiOf(source: SourceConfig): ProjectsApi {
  const api = adapterFor(source).projects
  if (!api) throw notFound()
  return api
}

/** A project, and whether its API reads past the image cap (see `ProjectRun.matching`). */
export interface ProjectOverview extends ProjectInfo {
  readsPastCap: boolean
}

/** A gallery page as the window caches it, with the API's count of matching projects. */
export type GalleryPage = WindowPage<ProjectImage, number> & { totalProjects: number }

export const projectQueries = {
  all: (source: SourceConfig) => sourceQueryKey('projects', source),
  /** The gallery: pages of projects, flattened to their images, grouped by project. */
  gallery: (
    source: SourceConfig,
    filters: Record<string, unknown>,
  ): WindowSpec<ProjectImage, number> & {
    fetchPage: (page: number, signal: AbortSignal) => Promise<GalleryPage>
  } => {
    const api = projectsApiOf(source)
    return {
      queryKey: [...projectQueries.all(source), 'gallery', filters],
      initialPageParam: 1,
      fetchPage: async (page, signal) => {
        const result = await api.listProjectImages(filters, page, signal)
        return {
          items: result.items,
          total: null,
          nextPageParam: result.nextPage,
          prevPageParam: result.prevPage,
          totalProjects: result.totalProjects,
        }
      },
      keyOf: (image) => image.key,
      groupOf: (image) => image.project.id,
      pageSize: api.projectsPerPage * 6,
      budget: PROJECT_IMAGE_BUDGET,
      retryable: isRetryable,
    }
  },
  /**
   * One project's images matching the filters, in pages of the API's cap read by offset (the
   * param). Where the API reads offsets (`readsPastCap`, see ProjectOverview) any page can be
   * fetched at once, so the scrubber and Ctrl+End reach the last image; elsewhere the first page
   * is the whole list (up to the cap), and no offset is ever sent.
   */
  project: (
    source: SourceConfig,
    projectId: string,
    filters: Record<string, unknown>,
    readsPastCap = false,
  ): WindowSpec<ProjectImage, number> => {
    const api = projectsApiOf(source)
    const size = api.maxImagesPerProject
    return {
      queryKey: [...projectQueries.all(source), 'project', projectId, filters],
      initialPageParam: 0,
      fetchPage: async (offset, signal) => {
        const run = await api.getProject(projectId, filters, signal, { offset, limit: size })
        const items = run?.images ?? []
        // Without offsets, whatever was asked the API answered its first images.
        if (run?.matching == null)
          return { items, offset: 0, total: items.length, nextPageParam: undefined, prevPageParam: undefined }
        const next = offset + size
        return {
          items,
          offset,
          total: run.matching,
          nextPageParam: next < run.matching ? next : undefined,
          prevPageParam: offset > 0 ? Math.max(0, offset - size) : undefined,
        }
      },
      ...(readsPastCap && {
        paramForIndex: (index: number) => Math.floor(index / size) * size,
        sampleAt: async (index: number, signal: AbortSignal) => {
          const run = await api.getProject(projectId, filters, signal, { offset: index, limit: 1 })
          return run?.matching == null ? undefined : run.images[0]
        },
      }),
      keyOf: (image) => image.key,
      pageSize: size,
      budget: readsPastCap ? size * PROJECT_PAGES_HELD : size,
      retryable: isRetryable,
    }
  },
  /**
   * Where the image `key` sits among the project's images matching the filters: the pages the
   * window holds first, then the others by offset, one at a time until it turns up (no API
   * tells an image's place). Null when no page has it.
   */
  locate: (list: ListWindowHandle<ProjectImage>, spec: WindowSpec<ProjectImage, number>, key: string) =>
    queryOptions({
      queryKey: [...spec.queryKey, 'locate', key],
      queryFn: async ({ signal }) => {
        const held = list.indexOf(key)
        if (held >= 0) return held
        for (let from = 0; from < list.count; from += spec.pageSize) {
          const to = Math.min(list.count, from + spec.pageSize) - 1
          if (from >= list.start && to < list.end) continue
          const found = (await list.collect(from, to, signal)).find(({ item }) => item.key === key)
          if (found) return found.index
        }
        return null
      },
      staleTime: 0,
      gcTime: 0,
      retry: (failures: number, error: unknown) => failures < 2 && isRetryable(error),
    }),
  /**
   * How many images of a project have each status and each feedback, for an API that reads no
   * offset: what the project's counts tell, the rest probed a capped request each.
   */
  partitions: (source: SourceConfig, project: ProjectInfo) =>
    queryOptions({
      queryKey: [...projectQueries.all(source), 'partitions', project.id],
      queryFn: ({ signal }) => {
        const api = projectsApiOf(source)
        const cap = api.maxImagesPerProject
        const probe = async (filters: Record<string, unknown>) =>
          (await api.getProject(project.id, filters, signal, { limit: cap }))?.images.length ?? 0
        return partitionCounts(project, probe, cap)
      },
    }),
  /** The project itself (name, counts), whatever the filters leave of its images. */
  info: (source: SourceConfig, projectId: string) =>
    queryOptions({
      queryKey: [...projectQueries.all(source), 'info', projectId],
      queryFn: async ({ signal }): Promise<ProjectOverview> => {
        const run = await projectsApiOf(source).getProject(projectId, {}, signal, { limit: 1 })
        if (!run) throw new ApiError('Not found: this project does not exist, or it is not shared with you.', 404)
        return { ...run.project, readsPastCap: run.matching !== null }
      },
    }),
}
