import { Link } from '@tanstack/react-router'
import type { Asset, RawSearch } from '../../../dialects/types'
import { formatDayTime } from '../../../ui/dates'
import { assetFile } from '../asset-file'
import { exifRows } from '../exif'
import { formatBytes, formatCount, formatDuration, formatNumber } from '../format'
import { KIND_LABELS } from './typed-tile'

interface AssetDetailsProps {
  asset: Asset
  /** Where "Show assets made from this" leads, for APIs that can list an asset's children. */
  childrenLink?: { sourceId: string; search: RawSearch } | undefined
}

export function AssetDetails({ asset, childrenLink }: AssetDetailsProps) {
  const d = asset.details
  const exif = asset.exif ? exifRows(asset.exif) : []
  const people = (asset.people ?? []).map((p) => p.name ?? 'Unnamed person')
  // A link's address is its Link row; "Open original" is for a file.
  const file = assetFile(asset)
  return (
    <aside
      aria-label="Asset details"
      className="max-h-[40vh] shrink-0 overflow-y-auto border-t border-neutral-800 p-4 text-sm lg:max-h-none lg:w-80 lg:border-t-0 lg:border-l"
    >
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2">
        <Row term={d ? 'Title' : 'Filename'}>
          <bdi data-testid="details-title">{asset.name}</bdi>
        </Row>
        {asset.kind && asset.kind !== 'image' && <Row term="Kind">{KIND_LABELS[asset.kind]}</Row>}
        {d?.type && <Row term="Type">{d.type}</Row>}
        <Row term="Created">{formatDayTime(asset.createdAt)}</Row>
        {d?.updatedAt && d.updatedAt !== asset.createdAt && <Row term="Updated">{formatDayTime(d.updatedAt)}</Row>}
        {asset.createdBy && <Row term={d ? 'Author' : 'Uploaded by'}>{asset.createdBy}</Row>}
        {asset.visibility && <Row term="Visibility">{asset.visibility}</Row>}
        {asset.width && asset.height && (
          <Row term="Dimensions">
            {asset.width} × {asset.height}
          </Row>
        )}
        {d?.pageCount !== undefined && <Row term="Pages">{formatNumber(d.pageCount)}</Row>}
        {d?.wordCount !== undefined && <Row term="Words">{formatNumber(d.wordCount)}</Row>}
        {d?.durationSeconds !== undefined && <Row term="Duration">{formatDuration(d.durationSeconds)}</Row>}
        {d?.sizeBytes !== undefined && <Row term="Size">{formatBytes(d.sizeBytes)}</Row>}
        {d?.mimeType && <Row term="File type">{d.mimeType}</Row>}
        {d?.downloadCount !== undefined && <Row term="Downloads">{formatCount(d.downloadCount, 'download')}</Row>}
        {d?.repoName && <Row term="Repository">{d.repoName}</Row>}
        {d?.externalUrl && (
          <Row term="Link">
            <a
              href={d.externalUrl}
              target="_blank"
              rel="noopener noreferrer"
              className="break-all text-indigo-300 underline hover:no-underline"
            >
              {d.externalUrl}
            </a>
          </Row>
        )}
        {d?.modelId && <Row term="Model">{d.modelId}</Row>}
        {d?.inferenceId && <Row term="Inference">{d.inferenceId}</Row>}
        {d?.parentId && <Row term="Made from">{d.parentId}</Row>}
        {d?.rootId && d.rootId !== d.parentId && <Row term="Chain starts at">{d.rootId}</Row>}
        {(!d || asset.tags.length > 0) && <Row term="Tags">{asset.tags.length ? asset.tags.join(', ') : 'none'}</Row>}
        {asset.project && (
          <Row term="Project">
            {asset.project.name} <span className="text-neutral-400">({asset.project.key})</span>
          </Row>
        )}
        {d?.prompt && (
          <Row term="Prompt">
            <span dir="auto">{d.prompt}</span>
          </Row>
        )}
        {!d && asset.note && <Row term="Styling note">{asset.note}</Row>}
      </dl>
      {exif.length > 0 && (
        <section className="mt-4" aria-labelledby="asset-exif">
          <h3 id="asset-exif" className="mb-1 font-semibold">
            Photo
          </h3>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2" data-testid="exif">
            {exif.map((row) => (
              <Row key={row.term} term={row.term}>
                {row.value}
              </Row>
            ))}
          </dl>
        </section>
      )}
      {people.length > 0 && (
        <section className="mt-4">
          <h3 className="mb-1 font-semibold">People</h3>
          <p>{people.join(', ')}</p>
        </section>
      )}
      {d?.description && (
        <section className="mt-4">
          <h3 className="mb-1 font-semibold">Description</h3>
          <p dir="auto" className="break-words whitespace-pre-line" data-testid="details-description">
            {d.description}
          </p>
        </section>
      )}
      {asset.detections.length > 0 && (
        <section className="mt-4">
          <h3 className="mb-1 font-semibold">Detected</h3>
          <ul className="space-y-1">
            {asset.detections.map((det, i) => (
              <li key={`${det.label}-${i}`} className="flex justify-between gap-2">
                <span>{det.label}</span>
                <span className="text-neutral-400">{Math.round(det.confidence * 100)}%</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="mt-4 flex flex-col items-start gap-2">
        {childrenLink && (
          <Link
            to="/$source/assets"
            params={{ source: childrenLink.sourceId }}
            search={childrenLink.search}
            className="text-indigo-300 underline hover:no-underline"
          >
            Show assets made from this
          </Link>
        )}
        {file && (
          <a
            href={file.url}
            target="_blank"
            rel="noopener noreferrer"
            className="text-indigo-300 underline hover:no-underline"
          >
            Open original
          </a>
        )}
      </div>
    </aside>
  )
}

function Row({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="text-neutral-400">{term}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </>
  )
}
