import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readConfig } from '../../src/server/config'
import {
  loadSourcesConfig,
  parseSourcesConfig,
  publicSources,
  SourcesConfigError,
} from '../../src/server/sources-config'

const dir = mkdtempSync(join(tmpdir(), 'vitrine-sources-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const piktid = {
  id: 'studio',
  name: 'Studio PiktID',
  dialect: 'piktid',
  baseUrl: 'https://v2.api.piktid.com',
  credentials: { token: { env: 'PIKTID_TOKEN' } },
}

function problems(document: unknown, env: NodeJS.ProcessEnv = {}): string {
  try {
    parseSourcesConfig(document, env)
  } catch (error) {
    expect(error).toBeInstanceOf(SourcesConfigError)
    return (error as Error).message
  }
  throw new Error('expected the document to be refused')
}

describe('VITRINE_SOURCES', () => {
  it('resolves one source per dialect, with secrets from the environment', () => {
    const sources = parseSourcesConfig(
      {
        sources: [
          piktid,
          {
            id: 'scen',
            name: 'Scenario team',
            dialect: 'scenario',
            baseUrl: 'https://api.cloud.scenario.com/v1',
            credentials: { apiKey: { env: 'SCEN_KEY' }, apiSecret: { env: 'SCEN_SECRET' } },
          },
          {
            id: 'library',
            name: 'Library',
            dialect: 'vipanya',
            baseUrl: 'https://library.example',
            credentials: { apiKey: 'vk_inline' },
          },
          {
            id: 'photos',
            name: 'Photos',
            dialect: 'gumnut',
            baseUrl: 'https://api.gumnut.ai',
            credentials: { token: { env: 'GUMNUT_TOKEN' } },
          },
        ],
      },
      { PIKTID_TOKEN: 'pk-123', SCEN_KEY: 'key', SCEN_SECRET: 'secret', GUMNUT_TOKEN: 'apikey_9' },
    )
    expect(sources.map((s) => [s.id, s.dialect, s.authorization])).toEqual([
      ['studio', 'piktid', 'Bearer pk-123'],
      ['scen', 'scenario', `Basic ${Buffer.from('key:secret').toString('base64')}`],
      ['library', 'vipanya', 'Bearer vk_inline'],
      ['photos', 'gumnut', 'Bearer apikey_9'],
    ])
    expect(sources[1]?.secrets).toContain(Buffer.from('key:secret').toString('base64'))
    expect(sources[1]?.secrets).toContain('secret')
  })

  it('lists sources for the browser without credentials or upstream addresses', () => {
    const sources = parseSourcesConfig({ sources: [piktid] }, { PIKTID_TOKEN: 'pk-123' })
    const listed = publicSources(sources)
    expect(listed).toEqual([{ id: 'studio', name: 'Studio PiktID', dialect: 'piktid', baseUrl: '/api/proxy/studio' }])
    expect(JSON.stringify(listed)).not.toMatch(/pk-123|piktid\.com/)
  })

  it('names the entry and field of a missing environment variable', () => {
    expect(problems({ sources: [piktid] })).toBe(
      'sources[0] ("studio").credentials.token: environment variable PIKTID_TOKEN is not set',
    )
  })

  it.each([
    [{ ...piktid, id: 'media' }, 'sources[0] ("media").id: is reserved'],
    [{ ...piktid, id: 'piktid' }, 'sources[0] ("piktid").id: is reserved'],
    [{ ...piktid, id: 'Has Spaces' }, 'sources[0] ("Has Spaces").id: must be lower-case letters'],
    [
      { ...piktid, dialect: 'flickr' },
      'sources[0] ("studio").dialect: must be one of piktid, scenario, vipanya, gumnut',
    ],
    [{ ...piktid, baseUrl: 'not a url' }, 'sources[0] ("studio").baseUrl: must be an absolute http(s) URL'],
    [{ ...piktid, baseUrl: 'ftp://x.example' }, 'sources[0] ("studio").baseUrl: must be an http or https URL'],
    [{ ...piktid, baseUrl: 'https://u:p@x.example' }, 'sources[0] ("studio").baseUrl: must not hold a user name'],
    [{ ...piktid, name: '  ' }, 'sources[0] ("studio").name: must not be empty'],
    [{ ...piktid, credentials: { token: '' } }, 'sources[0] ("studio").credentials.token: must not be empty'],
    [
      { ...piktid, credentials: { token: { env: 'bad-name' } } },
      'sources[0] ("studio").credentials.token.env: must be an environment variable name',
    ],
    [{ ...piktid, credentials: {} }, 'sources[0] ("studio").credentials.token: needs the bearer token.'],
    [
      { ...piktid, credentials: { apiKey: 'k' } },
      'sources[0] ("studio").credentials.apiKey: is not used by the piktid dialect',
    ],
    [{ ...piktid, extra: 1 }, 'sources[0] ("studio").extra: is not a known field'],
    [
      { ...piktid, dialect: 'scenario', credentials: { apiKey: 'k' } },
      'sources[0] ("studio").credentials.apiSecret: needs the API secret that goes with the key.',
    ],
  ])('refuses a bad entry with a message naming it (%#)', (entry, message) => {
    expect(problems({ sources: [entry] }, { PIKTID_TOKEN: 't' })).toContain(message)
  })

  it('reads media hosts as origins (a bare host name means https) and the private-network opt-in', () => {
    const [plain, listed] = parseSourcesConfig(
      {
        sources: [
          piktid,
          {
            ...piktid,
            id: 'second',
            name: 'Second',
            mediaHosts: [
              'https://CDN.piktid.com/',
              'images.example.com',
              'http://127.0.0.1:8080',
              'images.example.com',
            ],
            allowPrivateNetwork: true,
          },
        ],
      },
      { PIKTID_TOKEN: 't' },
    )
    expect(plain).toMatchObject({ mediaOrigins: [], allowPrivateNetwork: false })
    expect(listed).toMatchObject({
      mediaOrigins: ['https://cdn.piktid.com', 'https://images.example.com', 'http://127.0.0.1:8080'],
      allowPrivateNetwork: true,
    })
  })

  it.each([
    [{ ...piktid, mediaHosts: 'cdn.example.com' }, 'sources[0] ("studio").mediaHosts: must be an array of origins'],
    [
      { ...piktid, mediaHosts: ['https://cdn.example.com/images'] },
      'sources[0] ("studio").mediaHosts[0]: must be an origin',
    ],
    [
      { ...piktid, mediaHosts: ['ok.example', 'ftp://cdn.example.com'] },
      'sources[0] ("studio").mediaHosts[1]: must be an origin',
    ],
    [
      { ...piktid, mediaHosts: ['https://u:p@cdn.example.com'] },
      'sources[0] ("studio").mediaHosts[0]: must be an origin',
    ],
    [{ ...piktid, mediaHosts: ['cdn.example.com:8443'] }, 'sources[0] ("studio").mediaHosts[0]: must be an origin'],
    [{ ...piktid, mediaHosts: ['*.example.com'] }, 'sources[0] ("studio").mediaHosts[0]: must be an origin'],
    [{ ...piktid, mediaHosts: [42] }, 'sources[0] ("studio").mediaHosts[0]: must be an origin'],
    [{ ...piktid, allowPrivateNetwork: 'yes' }, 'sources[0] ("studio").allowPrivateNetwork: must be true or false'],
  ])('refuses a bad media host or opt-in with a message naming it (%#)', (entry, message) => {
    expect(problems({ sources: [entry] }, { PIKTID_TOKEN: 't' })).toContain(message)
  })

  it.each([
    [{ ...piktid, baseUrl: 'http://127.0.0.1:4180/api/piktid' }, '.baseUrl'],
    [{ ...piktid, baseUrl: 'http://localhost:4180/api/piktid' }, '.baseUrl'],
    [{ ...piktid, baseUrl: 'http://[::1]:4180' }, '.baseUrl'],
    [{ ...piktid, baseUrl: 'http://10.0.0.5:8080' }, '.baseUrl'],
    [{ ...piktid, mediaHosts: ['cdn.example.com', 'http://169.254.169.254'] }, '.mediaHosts[1]'],
  ])('refuses a private address written out unless the source opts in (%#)', (entry, field) => {
    expect(problems({ sources: [entry] }, { PIKTID_TOKEN: 't' })).toBe(
      `sources[0] ("studio")${field}: is on a private network address; add "allowPrivateNetwork": true to reach it`,
    )
    expect(
      parseSourcesConfig({ sources: [{ ...entry, allowPrivateNetwork: true }] }, { PIKTID_TOKEN: 't' }),
    ).toHaveLength(1)
  })

  it('reports every bad entry at once, and repeated ids and names', () => {
    const message = problems(
      { sources: [piktid, { ...piktid, name: 'Other' }, { ...piktid, id: 'two', name: 'studio piktid' }, 42] },
      { PIKTID_TOKEN: 't' },
    )
    expect(message.split('\n')).toEqual([
      'sources[1] ("studio").id: repeats the id of sources[0]',
      'sources[2] ("two").name: repeats the name of sources[0]',
      'sources[3]: must be an object with id, name, dialect, baseUrl and credentials',
    ])
  })

  it('refuses a file that is not {"sources": [...]}', () => {
    expect(problems([piktid])).toMatch(/must be an object \{"sources": \[\.\.\.\]\}/)
    expect(problems({ sources: {} })).toBe('the file.sources must be an array')
  })

  it('loads the file named by VITRINE_SOURCES and names it in every message', () => {
    const good = join(dir, 'good.json')
    writeFileSync(good, JSON.stringify({ sources: [piktid] }))
    expect(loadSourcesConfig({ VITRINE_SOURCES: good, PIKTID_TOKEN: 't' }).map((s) => s.id)).toEqual(['studio'])
    expect(loadSourcesConfig({})).toEqual([])

    expect(() => loadSourcesConfig({ VITRINE_SOURCES: good })).toThrow(
      `VITRINE_SOURCES: ${good} is invalid:\n  sources[0] ("studio").credentials.token: environment variable PIKTID_TOKEN is not set`,
    )
    expect(() => loadSourcesConfig({ VITRINE_SOURCES: join(dir, 'missing.json') })).toThrow(
      /cannot read .*missing\.json \(ENOENT\)/,
    )
  })

  it('never quotes the file’s text when it is not JSON, since that text may be a secret', () => {
    const broken = join(dir, 'broken.json')
    writeFileSync(broken, '{"sources": [{"credentials": {"token": super-secret-value}}]}')
    expect(() => loadSourcesConfig({ VITRINE_SOURCES: broken })).toThrow(/is not valid JSON/)
    try {
      loadSourcesConfig({ VITRINE_SOURCES: broken })
    } catch (error) {
      expect((error as Error).message).not.toContain('super-secret')
    }
  })

  it('reads the proxy timeout and size limit, refusing nonsense', () => {
    expect(readConfig({}).proxy).toEqual({ timeoutMs: 20_000, maxBytes: 25 * 1024 * 1024 })
    expect(readConfig({ VITRINE_PROXY_TIMEOUT_MS: '5000', VITRINE_PROXY_MAX_BYTES: '1000' }).proxy).toEqual({
      timeoutMs: 5000,
      maxBytes: 1000,
    })
    expect(() => readConfig({ VITRINE_PROXY_TIMEOUT_MS: 'soon' })).toThrow(
      /VITRINE_PROXY_TIMEOUT_MS must be a positive whole number/,
    )
  })
})
