import { Link, Outlet } from '@tanstack/react-router'
import { SourceIdentity, SourceNav, SourceSwitcher, SourceTroubleNotice, useFollowSourceEdits } from './source-switcher'

export function AppShell() {
  useFollowSourceEdits()
  return (
    <div className="flex h-full flex-col">
      <a
        href="#main"
        className="sr-only z-50 rounded bg-indigo-600 px-3 py-2 text-white focus:not-sr-only focus:absolute focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <header className="flex shrink-0 flex-wrap items-center gap-x-3 gap-y-2 border-b border-neutral-200 px-3 py-2 sm:px-4 dark:border-neutral-800">
        <Link to="/" className="flex items-center gap-2 font-semibold tracking-tight">
          <img src="/favicon.svg" alt="" width={24} height={24} />
          <span className="max-sm:sr-only">Vitrine</span>
        </Link>
        <SourceNav />
        <div className="ml-auto flex min-w-0 items-center gap-2 sm:gap-3">
          <SourceSwitcher />
          <SourceIdentity />
          <Link to="/sources" className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
            Sources
          </Link>
        </div>
      </header>
      <SourceTroubleNotice />
      <div id="main" className="flex min-h-0 flex-1 flex-col">
        <Outlet />
      </div>
    </div>
  )
}
