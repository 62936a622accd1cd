import { useEffect } from 'react'

const APP_NAME = 'Vitrine'

// The most recently mounted view names the tab: the viewer over the grid, then the grid again.
const stack: { title: string }[] = []

function apply() {
  const top = stack[stack.length - 1]
  document.title = top ? top.title : APP_NAME
}

/** The page title for a view, e.g. `['look-0412-front.jpg', 'PiktID demo']` → `look-0412-front.jpg · PiktID demo · Vitrine`. */
function formatTitle(parts: readonly (string | null | undefined)[]): string {
  return [...parts.filter((p): p is string => Boolean(p)), APP_NAME].join(' · ')
}

/**
 * Sets the document title while the calling view is mounted; when it unmounts, the view under
 * it (if any) names the tab again.
 */
export function useDocumentTitle(parts: readonly (string | null | undefined)[]): void {
  const title = formatTitle(parts)
  useEffect(() => {
    const entry = { title }
    stack.push(entry)
    apply()
    return () => {
      stack.splice(stack.indexOf(entry), 1)
      apply()
    }
  }, [title])
}
