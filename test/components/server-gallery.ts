import type { PiktidGalleryImage, PiktidGalleryPage, PiktidGalleryProject } from '../../src/shared/piktid-gallery'
import type { TestServer } from './render-app'

// The PiktID gallery as the reference server holds it: what the project tests read their
// expected projects, images and verdicts from.

/** The key the app knows an image by (`job_id:image_index:group_index`). */
export const keyOf = (image: PiktidGalleryImage) => `${image.job_id}:${image.image_index}:${image.group_index}`

/** The fields a review write names its image by. */
export const refOf = (image: PiktidGalleryImage) => ({
  job_id: image.job_id,
  image_index: image.image_index,
  group_index: image.group_index,
})

/** Has an output, so can be judged. */
export const judgeable = (image: PiktidGalleryImage) => image.output.full_size !== null

/** Has an output and neither a verdict nor a review status: what the review's queue still shows. */
export const unreviewed = (image: PiktidGalleryImage) =>
  judgeable(image) && image.feedback === null && image.review_status === null

/** The gallery's page as the app asks for it (ten projects, the API's default image cap). */
export function galleryPage(server: TestServer, query = ''): Promise<PiktidGalleryPage> {
  return server.read<PiktidGalleryPage>('piktid', `/gallery/by-project?per_page=10&${query}`)
}

/** The first project of the source's user, in the gallery's order, whose images (all of them) pass `fits`. */
export async function projectWhere(
  server: TestServer,
  fits: (images: PiktidGalleryImage[]) => boolean,
): Promise<PiktidGalleryProject> {
  for (let page = 1; ; page++) {
    const body = await server.read<PiktidGalleryPage>(
      'piktid',
      `/gallery/by-project?per_page=100&page=${page}&max_images_per_project=200`,
    )
    const found = body.projects.find((p) => fits(p.images))
    if (found) return found
    if (!body.pagination.has_next) throw new Error('The demo gallery has no project that fits')
  }
}

/** A project's images as the server holds them now, in the project page's order, by key. */
export async function imagesOf(server: TestServer, projectId: number): Promise<Map<string, PiktidGalleryImage>> {
  const body = await server.read<PiktidGalleryPage>(
    'piktid',
    `/gallery/by-project?project_id=${projectId}&max_images_per_project=200`,
  )
  return new Map((body.projects[0]?.images ?? []).map((i) => [keyOf(i), i]))
}
