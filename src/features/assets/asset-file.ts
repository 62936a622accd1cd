import { safeHttpUrl } from '../../dialects/safe-url'
import type { Asset } from '../../dialects/types'
import type { DownloadFile } from '../../grid/download'

/** A name ending in an extension of one to five letters or digits (`IMG_1234.HEIC`, `guide.pdf`). */
const HAS_EXTENSION = /\.[a-z0-9]{1,5}$/i

/**
 * The file an asset downloads as, or undefined when it has none: an image its original, a typed
 * asset (video, audio, PDF, …) its own file; a link, hosted video, repository or collection has
 * none, so nothing is ever saved from its address (another site's page, or this app's own).
 * The name is the asset's, with the file's extension when it has none.
 */
export function assetFile(asset: Asset): DownloadFile | undefined {
  const typed = asset.kind !== undefined && asset.kind !== 'image'
  const url = safeHttpUrl(typed ? asset.details?.downloadUrl : asset.originalUrl, globalThis.location?.href)
  if (!url) return undefined
  const ext = /\.([a-z0-9]{1,5})$/i.exec(new URL(url).pathname)?.[1]
  const base = asset.name.trim() || 'download'
  return { url, name: ext && !HAS_EXTENSION.test(base) ? `${base}.${ext}` : base }
}

/** Where an asset with no file lives (a link, hosted video or repository): opened in a new tab. */
export function assetLink(asset: Asset): string | undefined {
  return assetFile(asset) ? undefined : safeHttpUrl(asset.details?.externalUrl)
}
