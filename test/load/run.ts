// Load test (npm run load): a realistic mix against the reference server on loopback, with the
// cheap requests (by id, cached thumbnails) measured on their own connections while the mix runs,
// then a burst of cold originals from one caller. Prints a table, writes JSON with --out FILE,
// and exits non-zero naming every budget it missed. Bounded: every phase has a fixed duration or
// request count, and only 127.0.0.1 is ever contacted.
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { buildCatalog } from '../../src/server/demo/generate'

const { values: args } = parseArgs({
  options: {
    out: { type: 'string' },
    assets: { type: 'string', default: process.env.LOAD_ASSETS ?? '100000' },
    seconds: { type: 'string', default: process.env.LOAD_SECONDS ?? '30' },
    connections: { type: 'string', default: process.env.LOAD_CONNECTIONS ?? '50' },
    burst: { type: 'string', default: process.env.LOAD_BURST ?? '200' },
  },
})
const assets = Number(args.assets)
const seconds = Number(args.seconds)
const connections = Number(args.connections)
const burstSize = Number(args.burst)

const BUDGETS = {
  errors: 0,
  cheapP99Ms: 50,
  rssGrowth: 1.2,
  burstRssMb: 400,
  burstThumbP99Ms: 100,
}

const root = path.resolve(import.meta.dirname, '../..')
const AUTH = { authorization: 'Bearer demo-alice' }
const JSON_POST = { ...AUTH, 'content-type': 'application/json' }

/** Resident memory in MB: in all, and the part that is the process's own (heap, not mapped files). */
function rss(pid: number): { total: number; anon: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const mb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN) / 1024
  return { total: mb('VmRSS'), anon: mb('RssAnon') }
}

const rssMb = (pid: number): number => rss(pid).total

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The `NAME=value` settings in front of package.json's `start` script. */
function startScriptEnv(): Record<string, string> {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }
  const env: Record<string, string> = {}
  for (const word of pkg.scripts.start.split(/\s+/)) {
    const setting = /^([A-Z_]+)=(\S*)$/.exec(word)
    if (!setting) break
    env[setting[1] as string] = setting[2] as string
  }
  return env
}

async function startServerProcess(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'test/load/serve.ts')], {
    cwd: root,
    // As npm start runs it, with the environment its script sets (malloc settings that let image
    // renders give their memory back), read from package.json so the two cannot drift.
    env: { ...process.env, ...startScriptEnv(), VITRINE_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const lines = createInterface({ input: child.stdout! })
  for await (const line of lines) {
    if (line.startsWith('{')) return { child, url: (JSON.parse(line) as { url: string }).url }
  }
  throw new Error('the server exited before it listened')
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: AUTH })
  if (!res.ok) throw new Error(`GET ${url} → ${res.status}`)
  return (await res.json()) as T
}

/** Runs `task` over `items` with at most `limit` in flight. */
async function pool<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await task(items[next++] as T)
    }),
  )
}

interface Warm {
  assetIds: string[]
  thumbs: string[]
  originals: string[]
  images: { job_id: string; image_index: number; group_index: number }[]
  projectPages: number
}

/** Lists what the mix will ask for, and renders the thumbnails it will ask for cached. */
async function warmUp(base: string): Promise<Warm> {
  type Asset = { id: string; url: string; thumbnail_small: string | null }
  const assetIds: string[] = []
  const thumbs: string[] = []
  for (let page = 1; page <= 3; page += 1) {
    const body = await getJson<{ assets: Asset[] }>(`${base}/api/piktid/assets?per_page=100&page=${page}`)
    for (const a of body.assets) {
      assetIds.push(a.id)
      if (a.thumbnail_small) thumbs.push(a.thumbnail_small)
    }
  }
  // Originals nobody has asked for yet: deep in the list, for the cold burst.
  const originals: string[] = []
  for (let page = 40; originals.length < burstSize; page += 1) {
    const body = await getJson<{ assets: Asset[] }>(`${base}/api/piktid/assets?per_page=100&page=${page}`)
    if (body.assets.length === 0) break
    originals.push(...body.assets.map((a) => a.url))
  }
  type Gallery = {
    projects: { images: { job_id: string; image_index: number; group_index: number; status: string }[] }[]
    pagination?: { total_pages?: number }
  }
  const gallery = await getJson<Gallery>(`${base}/api/piktid/gallery/by-project?status=completed&page=1`)
  const images = gallery.projects
    .flatMap((p) => p.images)
    .map(({ job_id, image_index, group_index }) => ({ job_id, image_index, group_index }))
  await pool(thumbs, 2, async (url) => {
    const res = await fetch(base + url)
    await res.arrayBuffer()
    if (!res.ok) throw new Error(`warming ${url} → ${res.status}`)
  })
  return { assetIds, thumbs, originals: originals.slice(0, burstSize), images, projectPages: 3 }
}

type Request = { method: 'GET' | 'POST'; path: string; headers: Record<string, string>; body?: string }

/** One request of the mix, drawn by weight. 10% are writes. */
function mixRequest(warm: Warm): Request {
  const r = Math.random() * 100
  const get = (p: string): Request => ({ method: 'GET', path: p, headers: AUTH })
  if (r < 18) return get(`/api/piktid/assets?per_page=50&page=${1 + Math.floor(Math.random() * 200)}`)
  if (r < 26) return get(`/api/piktid/assets?search=${pick(['look-04', 'front', 'model', 'denim', 'shoe'])}`)
  if (r < 31)
    return get(
      `/api/piktid/assets?include_tags=model&sort_by=filename&order=asc&page=${1 + Math.floor(Math.random() * 20)}`,
    )
  if (r < 37) return get(`/api/piktid/gallery/by-project?page=${1 + Math.floor(Math.random() * warm.projectPages)}`)
  if (r < 45) return get('/api/gumnut/api/assets?limit=50')
  if (r < 52) return get('/api/scenario/v1/assets?pageSize=50')
  if (r < 57) return get(`/api/vipanya/api/v1/assets?page=${1 + Math.floor(Math.random() * 10)}`)
  if (r < 72) return get(`/api/piktid/assets/${pick(warm.assetIds)}`)
  if (r < 90) return { method: 'GET', path: pick(warm.thumbs), headers: {} }
  if (r < 95) {
    const image = pick(warm.images)
    const feedback = pick(['like', 'dislike', null])
    return {
      method: 'POST',
      path: '/api/piktid/gallery/feedback',
      headers: JSON_POST,
      body: JSON.stringify({ ...image, feedback, feedback_comment: feedback ? 'load test' : null }),
    }
  }
  return {
    method: 'POST',
    path: '/api/vipanya/api/v1/assets',
    headers: JSON_POST,
    body: JSON.stringify({ title: `Load ${Math.random().toString(36).slice(2)}`, asset_type: 'image' }),
  }
}

interface Phase {
  requests: number
  errors: number
  non2xx: number
  p50: number
  p99: number
  rps: number
}

interface Probe {
  requests: number
  failures: number
  p50: number
  p99: number
}

/** Latency of `paths` measured from a separate process while whatever else runs. */
function probe(base: string, paths: string[], headers: Record<string, string>, seconds: number): Promise<Probe> {
  const spec = JSON.stringify({ base, paths, headers, seconds, connections: 2 })
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'test/load/probe.ts'), spec], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as Probe) : reject(new Error(`probe exited ${code}`)),
    )
  })
}

function runCannon(url: string, opts: { connections: number; duration: number; next: () => Request }): Promise<Phase> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections: opts.connections,
        duration: opts.duration,
        requests: [{ setupRequest: (req) => ({ ...req, ...opts.next() }) }],
      },
      (err, result) => {
        if (err) return reject(err)
        resolve({
          requests: result.requests.total,
          errors: result.errors + result.timeouts,
          non2xx: result.non2xx,
          p50: result.latency.p50,
          p99: result.latency.p99,
          rps: result.requests.average,
        })
      },
    )
  })
}

async function main() {
  const work = await mkdtemp(path.join(tmpdir(), 'vitrine-load-'))
  const dataDir = path.join(work, 'data')
  let server: ChildProcess | undefined
  try {
    console.log(`Building a ${assets.toLocaleString('en')}-asset catalog …`)
    const built = buildCatalog({ dataDir, assets })
    console.log(`  built in ${(built.totalMs / 1000).toFixed(1)} s`)
    const started = await startServerProcess(dataDir)
    server = started.child
    const base = started.url
    const pid = server.pid!
    console.log(`Server at ${base} (pid ${pid}); warming up …`)
    const warm = await warmUp(base)
    // A first short round so lazily built caches (statements, totals) exist before "before".
    await runCannon(base, { connections: 10, duration: 3, next: () => mixRequest(warm) })
    await sleep(1000)
    const rssBefore = rssMb(pid)

    console.log(`Mix: ${connections} connections × ${seconds} s, by-id and cached thumbnails probed alongside …`)
    const byIdPaths = warm.assetIds.map((id) => `/api/piktid/assets/${id}`)
    const [mix, byId, thumbs] = await Promise.all([
      runCannon(base, { connections, duration: seconds, next: () => mixRequest(warm) }),
      probe(base, byIdPaths, AUTH, seconds - 1),
      probe(base, warm.thumbs, {}, seconds - 1),
    ])
    await sleep(2000)
    const rssAfter = rssMb(pid)

    console.log(`Burst: ${warm.originals.length} cold originals at once from one caller, thumbnails probed …`)
    let peak = rssMb(pid)
    let peakAnon = rss(pid).anon
    const sampler = setInterval(() => {
      const now = rss(pid)
      if (now.total > peak) [peak, peakAnon] = [now.total, now.anon]
    }, 50)
    const statuses = new Map<number, number>()
    const burst = Promise.all(
      warm.originals.map(async (url) => {
        const res = await fetch(base + url).catch(() => undefined)
        await res?.arrayBuffer().catch(() => undefined)
        const status = res?.status ?? 0
        statuses.set(status, (statuses.get(status) ?? 0) + 1)
      }),
    )
    const burstThumbs = await probe(base, warm.thumbs, {}, 5)
    await burst
    clearInterval(sampler)

    const report = {
      machine: `${(await import('node:os')).cpus().length} cores, Node ${process.version}`,
      catalogAssets: assets,
      mix: { connections, seconds, ...mix },
      byIdDuringMix: byId,
      cachedThumbsDuringMix: thumbs,
      rss: { beforeMb: rssBefore, afterMb: rssAfter, ratio: rssAfter / rssBefore },
      burst: {
        originals: warm.originals.length,
        statuses: Object.fromEntries(statuses),
        peakRssMb: peak,
        peakAnonRssMb: peakAnon,
        cachedThumbsDuring: burstThumbs,
      },
    }
    const f = (n: number, d = 1) => n.toFixed(d)
    const ms = (n: number) => `${f(n)} ms`
    const rows: [string, string][] = [
      [
        `mix ${connections} conn × ${seconds} s (10% writes)`,
        `${mix.requests} req, ${f(mix.rps, 0)} req/s, p50 ${mix.p50} ms, p99 ${mix.p99} ms`,
      ],
      ['mix errors · non-2xx', `${mix.errors} · ${mix.non2xx}`],
      ['by id during the mix, p50 / p99', `${ms(byId.p50)} / ${ms(byId.p99)} (${byId.requests} req)`],
      ['cached thumbnail during the mix, p50 / p99', `${ms(thumbs.p50)} / ${ms(thumbs.p99)} (${thumbs.requests} req)`],
      ['server RSS before → after', `${f(rssBefore)} → ${f(rssAfter)} MB (${f(rssAfter / rssBefore, 2)}×)`],
      [
        `burst of ${warm.originals.length} cold originals: statuses`,
        [...statuses].map(([s, n]) => `${n}× ${s}`).join(', '),
      ],
      ['burst: server RSS peak', `${f(peak)} MB (${f(peakAnon)} MB of it not file-backed)`],
      ['burst: cached thumbnail p50 / p99', `${ms(burstThumbs.p50)} / ${ms(burstThumbs.p99)}`],
    ]
    const width = Math.max(...rows.map(([k]) => k.length))
    console.log(`\n${report.machine}, ${assets.toLocaleString('en')} assets`)
    for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`)

    const missed: string[] = []
    const errors = mix.errors + mix.non2xx + byId.failures + thumbs.failures
    if (errors > BUDGETS.errors) missed.push(`${errors} errors or non-2xx answers during the mix (budget 0)`)
    if (byId.p99 > BUDGETS.cheapP99Ms) missed.push(`by-id p99 ${ms(byId.p99)} > ${BUDGETS.cheapP99Ms} ms`)
    if (thumbs.p99 > BUDGETS.cheapP99Ms)
      missed.push(`cached thumbnail p99 ${ms(thumbs.p99)} > ${BUDGETS.cheapP99Ms} ms`)
    if (rssAfter / rssBefore > BUDGETS.rssGrowth)
      missed.push(`RSS grew ${f(rssAfter / rssBefore, 2)}× > ${BUDGETS.rssGrowth}×`)
    if (peak > BUDGETS.burstRssMb) missed.push(`burst RSS peak ${f(peak)} MB > ${BUDGETS.burstRssMb} MB`)
    if (burstThumbs.p99 > BUDGETS.burstThumbP99Ms) {
      missed.push(`cached thumbnail p99 during the burst ${ms(burstThumbs.p99)} > ${BUDGETS.burstThumbP99Ms} ms`)
    }
    if (args.out) await writeFile(args.out, `${JSON.stringify({ ...report, budgets: BUDGETS, missed }, null, 2)}\n`)
    if (missed.length > 0) {
      console.log(`\nMissed budgets:\n  ${missed.join('\n  ')}`)
      process.exitCode = 1
    } else console.log('\nEvery budget met.')
  } finally {
    server?.kill('SIGTERM')
    await rm(work, { recursive: true, force: true })
  }
}

await main()
