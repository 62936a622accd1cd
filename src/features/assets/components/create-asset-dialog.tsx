import { useEffect, useId, useRef, useState } from 'react'
import { ApiError } from '../../../dialects/http'
import type { Asset, CreateAssetCapability } from '../../../dialects/types'
import { VIPANYA_TYPE_LABELS } from '../../../dialects/vipanya/filters'
import { VIPANYA_ASSET_TYPES, VIPANYA_URL_TYPES, type VipanyaAssetType } from '../../../shared/vipanya'
import { Modal, ModalTitle } from '../../../ui/dialog'
import { useDocumentTitle } from '../../../ui/use-document-title'
import { URL_FIELD } from '../../../ui/url-field'

type Field = 'title' | 'description' | 'asset_type' | 'external_url' | 'is_public'
const FIELDS: readonly Field[] = ['title', 'description', 'asset_type', 'external_url', 'is_public']

interface CreateAssetDialogProps {
  capability: CreateAssetCapability
  sourceName: string
  onClose: () => void
  onCreated: (asset: Asset) => void
}

/** The words for a refusal: the read-only key's 403 plainly, else the API's own message. */
function refusalMessage(error: unknown): string {
  if (error instanceof ApiError && error.status === 403) {
    return 'This key can only read assets, so it cannot create them. Use an API key with the write:assets scope.'
  }
  if (error instanceof ApiError) return error.message
  return 'The asset could not be created. Try again.'
}

/**
 * Vipanya's create form (seed 003's fields). The body is checked with the API's own rules
 * before it is sent; a refusal the server still gives lands on the field it names.
 */
export function CreateAssetDialog({ capability, sourceName, onClose, onCreated }: CreateAssetDialogProps) {
  const id = useId()
  const [title, setTitle] = useState('')
  const [description, setDescription] = useState('')
  const [type, setType] = useState<VipanyaAssetType>('link')
  const [url, setUrl] = useState('')
  const [isPublic, setIsPublic] = useState(false)
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [pending, setPending] = useState(false)
  const controller = useRef<AbortController | null>(null)
  const form = useRef<HTMLFormElement>(null)
  const needsUrl = (VIPANYA_URL_TYPES as readonly string[]).includes(type)
  useDocumentTitle(['New asset', sourceName])
  useEffect(() => () => controller.current?.abort(), [])
  // The dialog takes focus first (see Modal); the title field is where typing starts.
  useEffect(() => {
    const frame = requestAnimationFrame(() =>
      form.current?.querySelector<HTMLElement>(`#${CSS.escape(`${id}-title`)}`)?.focus(),
    )
    return () => cancelAnimationFrame(frame)
  }, [id])

  const focusField = (field: Field) =>
    requestAnimationFrame(() => form.current?.querySelector<HTMLElement>(`[data-field="${field}"]`)?.focus())

  const showError = (field: string, message: string) => {
    const known = FIELDS.find((f) => f === field)
    if (known) {
      setErrors({ [known]: message })
      focusField(known)
    } else {
      setErrors({})
      setFormError(message)
    }
  }

  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    if (pending) return
    setFormError(null)
    const input = {
      title,
      description: description.trim() === '' ? undefined : description,
      asset_type: type,
      external_url: needsUrl ? url : undefined,
      is_public: isPublic,
    }
    const checked = capability.validate(input)
    if (!checked.ok) return showError(checked.field, checked.message)
    setErrors({})
    setPending(true)
    const abort = new AbortController()
    controller.current = abort
    try {
      const created = await capability.create(input, abort.signal)
      onCreated(created)
    } catch (error) {
      if (abort.signal.aborted) return
      if (error instanceof ApiError && error.status === 400 && error.field) showError(error.field, error.message)
      else setFormError(refusalMessage(error))
    } finally {
      if (!abort.signal.aborted) setPending(false)
    }
  }

  const fieldProps = (field: Field) => ({
    id: `${id}-${field}`,
    'data-field': field,
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby': errors[field] ? `${id}-${field}-error` : undefined,
  })
  const fieldError = (field: Field) =>
    errors[field] ? (
      <p id={`${id}-${field}-error`} className="mt-1 text-sm text-red-700 dark:text-red-300" data-error-for={field}>
        {errors[field]}
      </p>
    ) : null

  return (
    <Modal
      onClose={onClose}
      aria-describedby={`${id}-intro`}
      className="fixed inset-0 z-40 flex items-start justify-center overflow-y-auto bg-black/60 p-3 outline-none sm:items-center sm:p-6"
    >
      <div className="w-full max-w-lg rounded-lg bg-white p-5 text-neutral-900 shadow-xl dark:bg-neutral-900 dark:text-neutral-100">
        <ModalTitle className="text-lg font-semibold">New asset</ModalTitle>
        <p id={`${id}-intro`} className="mt-1 text-sm text-neutral-600 dark:text-neutral-400">
          Adds an asset to {sourceName}. Files are uploaded elsewhere; links and hosted videos need their address.
        </p>
        <form ref={form} noValidate className="mt-4 flex flex-col gap-4" onSubmit={(e) => void submit(e)}>
          <div>
            <label htmlFor={`${id}-title`} className="label">
              Title (required)
            </label>
            <input
              {...fieldProps('title')}
              className="field"
              value={title}
              autoComplete="off"
              onChange={(e) => setTitle(e.target.value)}
            />
            {fieldError('title')}
          </div>
          <div>
            <label htmlFor={`${id}-asset_type`} className="label">
              Asset type
            </label>
            <select
              {...fieldProps('asset_type')}
              className="field"
              value={type}
              onChange={(e) => setType(e.target.value as VipanyaAssetType)}
            >
              {VIPANYA_ASSET_TYPES.map((t) => (
                <option key={t} value={t}>
                  {VIPANYA_TYPE_LABELS[t]}
                </option>
              ))}
            </select>
            {fieldError('asset_type')}
          </div>
          {needsUrl && (
            <div>
              <label htmlFor={`${id}-external_url`} className="label">
                {type === 'link' ? 'Link address' : 'Video address (YouTube or Vimeo plays in the viewer)'}
              </label>
              <input
                {...fieldProps('external_url')}
                {...URL_FIELD}
                placeholder="https://"
                value={url}
                onChange={(e) => setUrl(e.target.value)}
              />
              {fieldError('external_url')}
            </div>
          )}
          <div>
            <label htmlFor={`${id}-description`} className="label">
              Description
            </label>
            <textarea
              {...fieldProps('description')}
              className="field min-h-24"
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
            {fieldError('description')}
          </div>
          <div>
            <label className="flex items-center gap-2 text-sm">
              <input
                {...fieldProps('is_public')}
                type="checkbox"
                className="h-4 w-4 accent-indigo-600"
                checked={isPublic}
                onChange={(e) => setIsPublic(e.target.checked)}
              />
              Public (anyone with the library’s address can see it)
            </label>
            {fieldError('is_public')}
          </div>
          {formError && (
            <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
              {formError}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <button type="button" className="btn" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="btn btn-primary" disabled={pending}>
              {pending ? 'Creating…' : 'Create asset'}
            </button>
          </div>
        </form>
      </div>
    </Modal>
  )
}
