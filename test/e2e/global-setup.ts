import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { startServer } from '../../src/server/server'

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
    /** The built app and the catalog the shared server uses, for a test that runs its own server. */
    distDir: string
    dataDir: string
  }
}

const root = path.resolve(import.meta.dirname, '../..')

/** Builds the SPA into a temporary folder and serves it with a fresh demo catalog. */
export default async function setup(project: TestProject) {
  const work = await mkdtemp(path.join(tmpdir(), 'vitrine-e2e-'))
  const distDir = path.join(work, 'dist')
  const { build } = await import('vite')
  await build({ root, logLevel: 'warn', build: { outDir: distDir, emptyOutDir: true } })
  const dataDir = path.join(work, 'data')
  const server = await startServer({ port: 0, dataDir, demoAssets: 3000, distDir })
  project.provide('baseUrl', server.url)
  project.provide('distDir', distDir)
  project.provide('dataDir', dataDir)
  return async () => {
    await server.close()
    await rm(work, { recursive: true, force: true })
  }
}
