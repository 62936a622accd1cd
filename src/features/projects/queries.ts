import { queryOptions } from '@tanstack/react-query'
import { notFound } from '@tanstack/react-router'
import { ApiError, isRetryable } from '../../dialects/http'
import { adapterFor, sourceQueryKey } from '../../dialects/sources'
import type { SourceConfig } from '../../dialects/types'
import type { ProjectImage, ProjectsApi } from '../../dialects/project-types'
import type { WindowPage, WindowSpec } from '../../grid/list-window'

/** Images kept in memory while scrolling the gallery; pages of projects farther away are dropped. */
const PROJECT_IMAGE_BUDGET = 1500

/** The source's projects capability; a source without one has no projects pages. */
export function projectsApiOf(source: SourceConfig): ProjectsApi {
  const api = adapterFor(source).projects
  if (!api) throw notFound()
  return api
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
  /** One project's images (up to the API's cap), as one page. */
  project: (
    source: SourceConfig,
    projectId: string,
    filters: Record<string, unknown>,
  ): WindowSpec<ProjectImage, number> => {
    const api = projectsApiOf(source)
    return {
      queryKey: [...projectQueries.all(source), 'project', projectId, filters],
      initialPageParam: 1,
      fetchPage: async (_page, signal) => {
        const result = await api.getProject(projectId, filters, signal)
        const items = result?.images ?? []
        return { items, total: items.length, nextPageParam: undefined, prevPageParam: undefined }
      },
      keyOf: (image) => image.key,
      pageSize: api.maxImagesPerProject,
      budget: api.maxImagesPerProject,
      retryable: isRetryable,
    }
  },
  /** The project itself (name, counts), whatever the filters leave of its images. */
  info: (source: SourceConfig, projectId: string) =>
    queryOptions({
      queryKey: [...projectQueries.all(source), 'info', projectId],
      queryFn: async ({ signal }) => {
        const result = await projectsApiOf(source).getProject(projectId, { max_images_per_project: 1 }, signal)
        if (!result) throw new ApiError('Not found: this project does not exist, or it is not shared with you.', 404)
        return result.project
      },
    }),
}
