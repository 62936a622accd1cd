import { useId, useRef, useState, type ChangeEvent, type FormEvent } from 'react'
import { CREDENTIAL_FIELDS, DIALECTS, isDialect, type Credentials } from '../../../shared/source-rules'
import { validateSourceDraft } from '../../../sources/draft'
import type { SaveResult, Source, SourceDraft, SourceField, SourceFieldErrors } from '../../../sources/types'
import { CREDENTIAL_LABELS, DIALECT_INFO } from '../dialect-info'
import { useSourceCheck } from '../use-source-check'
import { URL_FIELD } from '../../../ui/url-field'
import { CheckResult } from './check-result'

interface SourceFormProps {
  /** The source being edited; a new one when absent. */
  editing?: Source
  /** Every source, for the unique-name rule. */
  existing: readonly Source[]
  onSave: (draft: SourceDraft) => SaveResult
  onCancel: () => void
}

const FIELD_ORDER: readonly SourceField[] = ['name', 'dialect', 'baseUrl', 'apiKey', 'apiSecret', 'token']

function draftFrom(source: Source | undefined): SourceDraft {
  return source
    ? { name: source.name, dialect: source.dialect, baseUrl: source.baseUrl, credentials: { ...source.credentials } }
    : { name: '', dialect: 'piktid', baseUrl: '', credentials: {} }
}

/**
 * Adds or edits a source kept in this browser. Each field says what is wrong with it;
 * credentials are masked until revealed and never leave the form but in request headers.
 */
export function SourceForm({ editing, existing, onSave, onCancel }: SourceFormProps) {
  const [draft, setDraft] = useState<SourceDraft>(() => draftFrom(editing))
  const [errors, setErrors] = useState<SourceFieldErrors>({})
  const [submitted, setSubmitted] = useState(false)
  const check = useSourceCheck()
  const form = useRef<HTMLFormElement>(null)
  const ids = useId()
  const idOf = (field: SourceField) => `${ids}-${field}`
  const dialect = isDialect(draft.dialect) ? draft.dialect : 'piktid'

  const change = (next: SourceDraft) => {
    setDraft(next)
    check.reset()
    // After a first attempt, messages follow the typing so they clear as fields are fixed.
    if (submitted) setErrors(validateSourceDraft(next, existing, editing?.id))
  }
  const setCredential = (field: keyof Credentials, value: string) =>
    change({ ...draft, credentials: { ...draft.credentials, [field]: value } })

  const showErrors = (found: SourceFieldErrors) => {
    setErrors(found)
    const first = FIELD_ORDER.find((field) => found[field])
    if (first) form.current?.querySelector<HTMLElement>(`#${CSS.escape(idOf(first))}`)?.focus()
  }

  const submit = (e: FormEvent) => {
    e.preventDefault()
    setSubmitted(true)
    const result = onSave(draft)
    if (!result.ok) showErrors(result.errors)
  }

  const test = () => {
    setSubmitted(true)
    const found = validateSourceDraft(draft, existing, editing?.id)
    if (Object.keys(found).length > 0) return showErrors(found)
    setErrors({})
    void check.run({
      id: editing?.id ?? 'draft',
      name: draft.name.trim(),
      dialect,
      baseUrl: draft.baseUrl.trim().replace(/\/+$/, ''),
      credentials: draft.credentials,
    })
  }

  /** What a `Field` needs of a field: its name, its id and its message. */
  const wiring = (field: SourceField) => ({ field, idOf, error: errors[field] })
  const fieldProps = (field: SourceField) => ({
    id: idOf(field),
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby': [errors[field] && `${idOf(field)}-error`, `${idOf(field)}-hint`].filter(Boolean).join(' '),
  })

  /** A control for one of the draft's own text fields: its wiring, its value and its change. */
  const control = (field: 'name' | 'dialect' | 'baseUrl') => ({
    ...fieldProps(field),
    value: draft[field],
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => change({ ...draft, [field]: e.target.value }),
  })

  return (
    <form ref={form} onSubmit={submit} noValidate className="flex flex-col gap-4">
      <Field label="Name" {...wiring('name')} hint="Shown in the source switcher.">
        <input {...control('name')} className="field" autoComplete="off" />
      </Field>
      <Field label="API" {...wiring('dialect')} hint="Which vendor’s API the source speaks.">
        <select {...control('dialect')} className="field">
          {DIALECTS.map((d) => (
            <option key={d} value={d}>
              {DIALECT_INFO[d].label}
            </option>
          ))}
        </select>
      </Field>
      <Field
        label="Base URL"
        {...wiring('baseUrl')}
        hint={`The address requests start from, such as ${DIALECT_INFO[dialect].example}.`}
      >
        <input {...control('baseUrl')} {...URL_FIELD} spellCheck={false} />
      </Field>
      <fieldset className="flex flex-col gap-4">
        <legend className="mb-2 text-sm font-semibold">Credentials</legend>
        {dialect === 'scenario' && (
          <p className="-mt-2 text-sm text-neutral-600 dark:text-neutral-400">
            An API key and its secret, or a bearer token.
          </p>
        )}
        {CREDENTIAL_FIELDS[dialect].map((field) => (
          <Field
            key={field}
            label={
              dialect === 'scenario' && field === 'token' ? 'Bearer token (instead of a key)' : CREDENTIAL_LABELS[field]
            }
            {...wiring(field)}
            hint="Kept in this browser only; sent only to this source."
          >
            <SecretInput
              {...fieldProps(field)}
              value={draft.credentials[field] ?? ''}
              onChange={(value) => setCredential(field, value)}
              revealLabel={CREDENTIAL_LABELS[field]}
            />
          </Field>
        ))}
      </fieldset>
      <CheckResult state={check.state} />
      <div className="flex flex-wrap justify-end gap-2">
        <button type="button" className="btn mr-auto" onClick={test} disabled={check.state.status === 'running'}>
          Test
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary">
          {editing ? 'Save changes' : 'Add source'}
        </button>
      </div>
    </form>
  )
}

interface FieldProps {
  label: string
  field: SourceField
  idOf: (field: SourceField) => string
  error: string | undefined
  hint: string
  children: React.ReactNode
}

function Field({ label, field, idOf, error, hint, children }: FieldProps) {
  return (
    <div>
      <label htmlFor={idOf(field)} className="label">
        {label}
      </label>
      {children}
      {error && (
        <p id={`${idOf(field)}-error`} className="mt-1 text-sm font-medium text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      <p id={`${idOf(field)}-hint`} className="mt-1 text-xs text-neutral-600 dark:text-neutral-400">
        {hint}
      </p>
    </div>
  )
}

interface SecretInputProps {
  id: string
  value: string
  onChange: (value: string) => void
  revealLabel: string
  'aria-invalid'?: boolean | undefined
  'aria-describedby'?: string
}

/** A masked credential with a button that shows it; it is masked again when the form closes. */
function SecretInput({ value, onChange, revealLabel, ...rest }: SecretInputProps) {
  const [shown, setShown] = useState(false)
  return (
    <div className="flex gap-2">
      <input
        {...rest}
        className="field font-mono"
        type={shown ? 'text' : 'password'}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete="off"
        spellCheck={false}
        autoCapitalize="off"
      />
      <button
        type="button"
        className="btn shrink-0"
        aria-label={`${shown ? 'Hide' : 'Show'} ${revealLabel.toLowerCase()}`}
        onClick={() => setShown((s) => !s)}
      >
        {shown ? 'Hide' : 'Show'}
      </button>
    </div>
  )
}
