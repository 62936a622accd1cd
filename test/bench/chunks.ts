// What is in each chunk of the built app: `node --import tsx test/bench/chunks.ts [--all]`.
// Builds into a temporary folder and prints, per chunk, its gzip size (level 6, as the first-view
// figure counts it), whether the entry loads it statically, and its largest parts (a package, or
// a source file) by rendered size before minifying. Chunks under 1 KB gzip are left out unless
// `--all` is given.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Plugin } from 'vite'

const root = path.resolve(import.meta.dirname, '../..')
const showAll = process.argv.includes('--all')

interface ChunkFacts {
  file: string
  gzipBytes: number
  isEntry: boolean
  imports: string[]
  /** Rendered bytes per package or source file, largest first. */
  parts: [string, number][]
}

function partOf(id: string): string {
  const pkg = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(id)
  if (pkg?.[1]) return pkg[1]
  return path.relative(root, id.replace(/\?.*$/, ''))
}

function chunkReport(into: ChunkFacts[]): Plugin {
  return {
    name: 'chunk-report',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue
        const parts = new Map<string, number>()
        for (const [id, module] of Object.entries(chunk.modules)) {
          parts.set(partOf(id), (parts.get(partOf(id)) ?? 0) + module.renderedLength)
        }
        into.push({
          file: chunk.fileName,
          gzipBytes: gzipSync(chunk.code).length,
          isEntry: chunk.isEntry,
          imports: chunk.imports,
          parts: [...parts].sort((a, b) => b[1] - a[1]),
        })
      }
    },
  }
}

async function main() {
  const work = await mkdtemp(path.join(tmpdir(), 'vitrine-chunks-'))
  const chunks: ChunkFacts[] = []
  try {
    const { build } = await import('vite')
    await build({
      root,
      logLevel: 'warn',
      build: { outDir: path.join(work, 'dist'), emptyOutDir: true },
      plugins: [chunkReport(chunks)],
    })
  } finally {
    await rm(work, { recursive: true, force: true })
  }
  const byFile = new Map(chunks.map((c) => [c.file, c]))
  const startup = new Set<string>()
  const visit = (file: string) => {
    if (startup.has(file)) return
    startup.add(file)
    for (const next of byFile.get(file)?.imports ?? []) visit(next)
  }
  for (const chunk of chunks) if (chunk.isEntry) visit(chunk.file)
  const kb = (bytes: number) => (bytes / 1024).toFixed(1)
  const startupBytes = [...startup].reduce((sum, file) => sum + (byFile.get(file)?.gzipBytes ?? 0), 0)
  console.log(`Loaded with the entry (statically): ${kb(startupBytes)} KB gzip in ${startup.size} chunks\n`)
  for (const chunk of chunks.sort((a, b) => b.gzipBytes - a.gzipBytes)) {
    if (!showAll && chunk.gzipBytes < 1024) continue
    console.log(`${kb(chunk.gzipBytes).padStart(6)} KB  ${chunk.file}${startup.has(chunk.file) ? '  (startup)' : ''}`)
    for (const [part, bytes] of chunk.parts.slice(0, 8)) console.log(`          ${kb(bytes).padStart(6)}  ${part}`)
  }
}

await main()
