import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ConfigError, readConfig, readSharedSecret, serverOptions, startupWarnings } from '../../src/server/config'
import { startServer } from '../../src/server/server'
import type { PiktidAssetsPage } from '../../src/shared/piktid'

const root = resolve(import.meta.dirname, '../..')
const SECRET = 'a-shared-deployment-secret-0123456789abcdef'

describe('readConfig', () => {
  it('gives every setting its default when nothing is set', () => {
    const config = readConfig({})
    expect(config).toMatchObject({
      port: 4173,
      host: undefined,
      dataDir: resolve('./data'),
      demoAssets: 5000,
      apiPort: 4174,
      sources: [],
      proxy: { timeoutMs: 20_000, maxBytes: 25 * 1024 * 1024 },
      corsOrigins: [],
      allowedHosts: [],
      gatewayToken: undefined,
      secret: undefined,
      skipBuild: false,
    })
  })

  it('reads every setting into one typed config', () => {
    const config = readConfig({
      PORT: '0',
      HOST: '0.0.0.0',
      VITRINE_DATA_DIR: '/srv/vitrine',
      VITRINE_DEMO_ASSETS: '50',
      VITRINE_API_PORT: '5000',
      VITRINE_PROXY_TIMEOUT_MS: '1500',
      VITRINE_PROXY_MAX_BYTES: '2048',
      VITRINE_CORS_ORIGINS: 'https://photos.example.com',
      VITRINE_ALLOWED_HOSTS: 'photos.example.com,10.0.0.5:4173',
      VITRINE_GATEWAY_TOKEN: 'a-long-enough-token',
      VITRINE_SECRET: SECRET,
      VITRINE_SKIP_BUILD: '1',
      VITRINE_WORKERS: '3',
    })
    expect(config).toEqual({
      port: 0,
      host: '0.0.0.0',
      dataDir: '/srv/vitrine',
      demoAssets: 50,
      apiPort: 5000,
      sources: [],
      proxy: { timeoutMs: 1500, maxBytes: 2048 },
      corsOrigins: ['https://photos.example.com'],
      allowedHosts: [
        { hostname: 'photos.example.com', port: undefined },
        { hostname: '10.0.0.5', port: '4173' },
      ],
      gatewayToken: 'a-long-enough-token',
      secret: SECRET,
      skipBuild: true,
      workers: 3,
    })
    // Everything that shapes the server reaches startServer: nothing is read and then dropped.
    expect(serverOptions(config)).toEqual({
      port: 0,
      host: '0.0.0.0',
      dataDir: '/srv/vitrine',
      demoAssets: 50,
      sources: [],
      proxy: { timeoutMs: 1500, maxBytes: 2048 },
      corsOrigins: ['https://photos.example.com'],
      allowedHosts: config.allowedHosts,
      gatewayToken: 'a-long-enough-token',
      secret: SECRET,
      workers: 3,
    })
  })

  it('lists every bad value at once, one line each, naming the variable and never a secret', () => {
    let error: unknown
    try {
      readConfig({
        PORT: '70000',
        HOST: 'localhost:80',
        VITRINE_DEMO_ASSETS: '-3',
        VITRINE_API_PORT: 'api',
        VITRINE_PROXY_TIMEOUT_MS: '0',
        VITRINE_PROXY_MAX_BYTES: '1e6',
        VITRINE_CORS_ORIGINS: '*',
        VITRINE_ALLOWED_HOSTS: 'https://photos.example.com',
        VITRINE_GATEWAY_TOKEN: 'short-tok',
        VITRINE_SECRET: 'too-short-secret',
        VITRINE_SKIP_BUILD: 'maybe',
        VITRINE_SOURCES: '/nonexistent/sources.json',
      })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigError)
    const lines = (error as ConfigError).message.split('\n')
    expect(lines).toEqual([
      'PORT must be a port number from 0 to 65535, got “70000”',
      'HOST must be an address or host name to listen on, such as 127.0.0.1, 0.0.0.0 or ::1 (no port), got “localhost:80”',
      'VITRINE_DEMO_ASSETS must be a whole number of assets, 0 or more, got “-3”',
      'VITRINE_API_PORT must be a port number from 0 to 65535, got “api”',
      'VITRINE_SOURCES: cannot read /nonexistent/sources.json (ENOENT)',
      'VITRINE_PROXY_TIMEOUT_MS must be a positive whole number of milliseconds, got “0”',
      'VITRINE_PROXY_MAX_BYTES must be a positive whole number of bytes, got “1e6”',
      expect.stringMatching(/^VITRINE_CORS_ORIGINS: “\*” is not allowed/),
      expect.stringMatching(/^VITRINE_ALLOWED_HOSTS: “https:\/\/photos.example.com” is not a host name/),
      'VITRINE_GATEWAY_TOKEN must be at least 16 characters (try: openssl rand -hex 32) (it has 9)',
      'VITRINE_SECRET must be at least 32 characters (try: openssl rand -hex 32) (it has 16)',
      'VITRINE_SKIP_BUILD must be 1/true/yes or 0/false/no, got “maybe”',
    ])
    expect((error as Error).message).not.toContain('short-tok')
    expect((error as Error).message).not.toContain('too-short-secret')
  })

  it('reads VITRINE_SECRET alone for the seed command, with the same check and message', () => {
    expect(readSharedSecret({})).toBeUndefined()
    expect(readSharedSecret({ VITRINE_SECRET: '  ' })).toBeUndefined()
    expect(readSharedSecret({ VITRINE_SECRET: 'x'.repeat(32) })).toBe('x'.repeat(32))
    expect(() => readSharedSecret({ VITRINE_SECRET: 'too-short-secret' })).toThrow(
      new ConfigError(['VITRINE_SECRET must be at least 32 characters (try: openssl rand -hex 32) (it has 16)']),
    )
  })

  it('warns when HOST listens beyond loopback with no VITRINE_ALLOWED_HOSTS', () => {
    expect(startupWarnings(readConfig({}))).toEqual([])
    expect(startupWarnings(readConfig({ HOST: '::1' }))).toEqual([])
    const open = startupWarnings(readConfig({ HOST: '0.0.0.0' }))
    expect(open).toHaveLength(1)
    expect(open[0]).toMatch(/HOST=0\.0\.0\.0 .* VITRINE_ALLOWED_HOSTS is empty: only loopback names/)
    expect(startupWarnings(readConfig({ HOST: '0.0.0.0', VITRINE_ALLOWED_HOSTS: 'photos.example.com' }))).toEqual([])
  })
})

// ---- The real process --------------------------------------------------------------------------

const children: ChildProcess[] = []
const dirs: string[] = []
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

/** Runs `npm start`'s command with `env`; resolves with its URL once it listens, or its exit and output. */
function startMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    env: { ...process.env, VITRINE_SKIP_BUILD: '1', PORT: '0', HOST: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let stdout = ''
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((done) =>
    child.once('exit', (code) => done({ code, stdout, stderr })),
  )
  const url = new Promise<string>((done, fail) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      const match = /Vitrine is running at (http:\/\/\S+)/.exec(stdout)
      if (match) done(match[1]!)
    })
    void exited.then(({ code }) => fail(new Error(`main.ts exited with ${code}:\n${stdout}\n${stderr}`)))
  })
  url.catch(() => undefined) // awaited only by the tests that expect it to start
  return { child, url, exited }
}

describe('npm start reads its settings from the environment', () => {
  it('applies VITRINE_CORS_ORIGINS: a listed origin’s preflight is answered, another’s is not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vitrine-main-'))
    dirs.push(dir)
    const listed = 'https://photos.example.com'
    const { child, url, exited } = startMain({
      VITRINE_DATA_DIR: join(dir, 'data'),
      VITRINE_DEMO_ASSETS: '50',
      VITRINE_CORS_ORIGINS: listed,
    })
    const base = await url
    const preflight = (origin: string) =>
      fetch(`${base}/api/piktid/assets`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      })
    const yes = await preflight(listed)
    expect(yes.status).toBe(204)
    expect(yes.headers.get('access-control-allow-origin')).toBe(listed)
    const no = await preflight('https://evil.example')
    expect(no.headers.get('access-control-allow-origin')).toBeNull()
    child.kill('SIGTERM')
    expect((await exited).code).toBe(0)
  })

  it('stops on bad settings with one line each and no stack trace', async () => {
    const { exited } = startMain({ PORT: 'eighty', VITRINE_SECRET: 'short', VITRINE_DATA_DIR: '/nonexistent/never' })
    const { code, stderr } = await exited
    expect(code).toBe(1)
    expect(stderr.trim().split('\n')).toEqual([
      'PORT must be a port number from 0 to 65535, got “eighty”',
      'VITRINE_SECRET must be at least 32 characters (try: openssl rand -hex 32) (it has 5)',
    ])
  })
})

describe('VITRINE_SECRET', () => {
  it('lets a second instance on its own catalog serve media links the first one signed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vitrine-secret-'))
    dirs.push(dir)
    const start = (name: string, secret?: string) =>
      startServer({ port: 0, dataDir: join(dir, name), demoAssets: 40, ...(secret ? { secret } : {}) })
    const [first, second, own] = await Promise.all([start('a', SECRET), start('b', SECRET), start('c')])
    try {
      const page = (await (
        await fetch(`${first.url}/api/piktid/assets?per_page=1`, {
          headers: { authorization: 'Bearer demo-alice' },
        })
      ).json()) as PiktidAssetsPage
      const link = page.assets[0]!.thumbnail_small!
      expect((await fetch(new URL(link, second.url))).status).toBe(200)
      expect((await fetch(new URL(link, own.url))).status).not.toBe(200)
    } finally {
      await Promise.all([first.close(), second.close(), own.close()])
    }
  })
})
