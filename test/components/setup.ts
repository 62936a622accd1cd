import '@testing-library/jest-dom/vitest'
import { cleanup, configure } from '@testing-library/react'
import { afterEach, vi } from 'vitest'

// A whole app mounts in these tests; on a busy 2-core machine a page can take more than the
// default 1 s to land, which is slowness, not a bug. Assertions still wait for exact values.
configure({ asyncUtilTimeout: 5000 })

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

// jsdom lays nothing out; the grids observe sizes they will never get.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
}

// jsdom has no media queries; the app asks for one to choose the filter drawer.
globalThis.matchMedia ??= ((query: string) => ({
  matches: false,
  media: query,
  onchange: null,
  addEventListener() {},
  removeEventListener() {},
  addListener() {},
  removeListener() {},
  dispatchEvent: () => false,
})) as unknown as typeof globalThis.matchMedia

// jsdom has no pointer capture; a drag (the gesture library's) captures its pointer.
Element.prototype.setPointerCapture ??= function setPointerCapture() {}
Element.prototype.releasePointerCapture ??= function releasePointerCapture() {}
Element.prototype.hasPointerCapture ??= () => false

// jsdom does not scroll; focusing a tile asks for it.
Element.prototype.scrollIntoView ??= function scrollIntoView() {}

// jsdom does not scroll the window; the router restores scroll positions on every navigation.
// note: a no-op rather than jsdom's "Not implemented" message, logged hundreds of times a run.
window.scrollTo = () => {}
