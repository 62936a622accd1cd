import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { buildCatalog } from '../../src/server/demo/generate'
import { catalogPath } from '../../src/server/db/catalog-file'
import { lockPath } from '../../src/server/db/data-lock'
import { killStarted, spawnScript, spawnServer } from './processes'

// One process owns a data folder: a second server, or `seed --replace`, is turned away naming
// the holder, so nothing the first acknowledged is lost; a holder killed with -9 leaves a stale
// lock that the next start takes over, with every acknowledged write in place.

let work: string
let built: string
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'vitrine-two-'))
  built = join(work, 'built')
  buildCatalog({ dataDir: built, assets: 50 })
})
afterEach(killStarted)
afterAll(() => rmSync(work, { recursive: true, force: true }))

const headers = { authorization: 'Bearer demo-alice', 'content-type': 'application/json' }

async function createAsset(url: string, title: string): Promise<string> {
  const res = await fetch(`${url}/api/vipanya/api/v1/assets`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ title, asset_type: 'collection' }),
  })
  expect(res.status).toBe(201)
  return ((await res.json()) as { data: { id: string } }).data.id
}

async function assetStatus(url: string, id: string): Promise<number> {
  return (await fetch(`${url}/api/vipanya/api/v1/assets/${id}`, { headers })).status
}

describe('two servers on one data folder', () => {
  it('started together on an empty folder: one builds and serves, the other names it and exits 1', async () => {
    const dir = join(work, 'empty')
    const a = spawnServer(dir)
    const b = spawnServer(dir)
    const outcomes = await Promise.all(
      [a, b].map((p) =>
        Promise.race([p.waitFor(/URL (\S+)/).then((m) => ({ p, url: m[1] as string })), p.exited.then(() => ({ p }))]),
      ),
    )
    const serving = outcomes.filter((o): o is { p: typeof a; url: string } => 'url' in o)
    expect(serving).toHaveLength(1)
    const winner = serving[0] as { p: typeof a; url: string }
    const loser = winner.p === a ? b : a

    expect(await loser.exited).toEqual({ code: 1, signal: null })
    const { stderr } = loser.output()
    expect(stderr.trim().split('\n')).toHaveLength(1)
    expect(stderr).toMatch(new RegExp(`in use by process ${winner.p.child.pid} since \\d{4}-\\d\\d-\\d\\dT`))

    // What the winner acknowledges stays: nobody rebuilt the catalog under it.
    const id = await createAsset(winner.url, 'Acknowledged by the one owner')

    // seed --replace while it runs is turned away the same way, and changes nothing.
    const before = readFileSync(catalogPath(dir))
    const seed = spawnScript(['src/server/seed-cli.ts', '--data-dir', dir, '--replace', '--assets', '10'])
    expect(await seed.exited).toEqual({ code: 1, signal: null })
    expect(seed.output().stderr).toMatch(new RegExp(`in use by process ${winner.p.child.pid} since`))
    expect(readFileSync(catalogPath(dir)).equals(before)).toBe(true)
    expect(await assetStatus(winner.url, id)).toBe(200)

    winner.p.child.kill('SIGTERM')
    expect(await winner.p.exited).toEqual({ code: 0, signal: null })
    expect(existsSync(lockPath(dir))).toBe(false)
  })

  it('after a kill -9, the next start takes the stale lock over and every acknowledged write is there', async () => {
    const dir = join(work, 'killed')
    mkdirSync(dir)
    copyFileSync(catalogPath(built), catalogPath(dir))
    const first = spawnServer(dir)
    const url = (await first.waitFor(/URL (\S+)/))[1] as string
    const ids = [await createAsset(url, 'Before the crash 1'), await createAsset(url, 'Before the crash 2')]
    first.child.kill('SIGKILL')
    await first.exited
    // The lock names a process that is gone.
    expect(JSON.parse(readFileSync(lockPath(dir), 'utf8'))).toMatchObject({ pid: first.child.pid })

    const second = spawnServer(dir)
    const again = (await second.waitFor(/URL (\S+)/))[1] as string
    for (const id of ids) expect(await assetStatus(again, id)).toBe(200)
    expect(JSON.parse(readFileSync(lockPath(dir), 'utf8'))).toMatchObject({ pid: second.child.pid })
    second.child.kill('SIGTERM')
    expect(await second.exited).toEqual({ code: 0, signal: null })
  })
})
