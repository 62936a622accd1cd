import type { Asset } from '../../../dialects/types'
import { formatDayTime } from '../../../ui/dates'

export function AssetDetails({ asset }: { asset: Asset }) {
  return (
    <aside
      aria-label="Asset details"
      className="max-h-[40vh] shrink-0 overflow-y-auto border-t border-neutral-800 p-4 text-sm lg:max-h-none lg:w-80 lg:border-t-0 lg:border-l"
    >
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2">
        <Row term="Filename">{asset.name}</Row>
        <Row term="Created">{formatDayTime(asset.createdAt)}</Row>
        <Row term="Uploaded by">{asset.createdBy}</Row>
        {asset.visibility && <Row term="Visibility">{asset.visibility}</Row>}
        {asset.width && asset.height && (
          <Row term="Dimensions">
            {asset.width} × {asset.height}
          </Row>
        )}
        <Row term="Tags">{asset.tags.length ? asset.tags.join(', ') : 'none'}</Row>
        {asset.project && (
          <Row term="Project">
            {asset.project.name} <span className="text-neutral-400">({asset.project.key})</span>
          </Row>
        )}
        {asset.note && <Row term="Styling note">{asset.note}</Row>}
      </dl>
      {asset.detections.length > 0 && (
        <section className="mt-4">
          <h3 className="mb-1 font-semibold">Detected</h3>
          <ul className="space-y-1">
            {asset.detections.map((d, i) => (
              <li key={`${d.label}-${i}`} className="flex justify-between gap-2">
                <span>{d.label}</span>
                <span className="text-neutral-400">{Math.round(d.confidence * 100)}%</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <a
        href={asset.originalUrl}
        target="_blank"
        rel="noreferrer"
        className="mt-4 inline-block text-indigo-300 underline hover:no-underline"
      >
        Open original
      </a>
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
