import { Link } from '@tanstack/react-router'
import { useDocumentTitle } from '../ui/use-document-title'

export function NotFound() {
  useDocumentTitle(['Not found'])
  return (
    <div className="mx-auto max-w-lg p-8 text-center">
      <h1 className="text-lg font-semibold">Nothing here</h1>
      <p className="mt-2 text-neutral-600 dark:text-neutral-400">
        This address does not match a source or a view. It may have been mistyped, or the source was removed.
      </p>
      <Link to="/" className="btn mt-4">
        Go to the library
      </Link>
    </div>
  )
}
