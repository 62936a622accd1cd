import { describe, expect, it } from 'vitest'
import { sourceIdFor, validateSourceDraft } from '../../src/sources/draft'
import type { SourceDraft } from '../../src/sources/types'
import { memorySourceStore } from '../fixtures/source-store'

const draft = (overrides: Partial<SourceDraft> = {}): SourceDraft => ({
  name: 'Studio account',
  dialect: 'piktid',
  baseUrl: 'https://v2.api.piktid.com',
  credentials: { token: 'pk-live-1234' },
  ...overrides,
})

describe('source validation', () => {
  it('accepts a complete draft', () => {
    expect(validateSourceDraft(draft(), [])).toEqual({})
  })

  it('explains every bad field, without echoing a credential', () => {
    const errors = validateSourceDraft(
      draft({ name: ' ', dialect: 'flickr', baseUrl: 'not a url', credentials: { token: 'secret-xyz' } }),
      [],
    )
    expect(errors).toEqual({
      name: 'Give the source a name.',
      dialect: 'Choose one of piktid, scenario, vipanya, gumnut.',
      baseUrl: 'This is not a URL. Start with https:// (or / for this server).',
    })
    expect(JSON.stringify(errors)).not.toContain('secret-xyz')
  })

  it.each([
    [{ baseUrl: 'ftp://files.example' }, { baseUrl: 'Use an http:// or https:// URL.' }],
    [{ baseUrl: 'https://me:pw@api.example' }, { baseUrl: 'Put credentials in their own fields, not in the URL.' }],
    [
      { baseUrl: 'https://api.example/v1?key=1' },
      { baseUrl: 'Leave out the query string and fragment; give only the base URL.' },
    ],
    [{ baseUrl: '' }, { baseUrl: 'Enter the API’s base URL, such as https://api.example.com/v1.' }],
    [{ credentials: { token: '   ' } }, { token: 'Enter the bearer token.' }],
    [{ dialect: 'vipanya', credentials: { token: 'x' } }, { apiKey: 'Enter the API key.' }],
    [{ dialect: 'scenario', credentials: {} }, { apiKey: 'Enter an API key and secret, or a bearer token.' }],
    [
      { dialect: 'scenario', credentials: { apiKey: 'k' } },
      { apiSecret: 'Enter the API secret that goes with the key.' },
    ],
    [
      { dialect: 'scenario', credentials: { apiSecret: 's' } },
      { apiKey: 'Enter the API key that goes with the secret.' },
    ],
    [{ name: 'Media' }, { name: '“media” is reserved by the app; choose another name.' }],
    [{ name: 'PiktID' }, { name: '“piktid” is reserved by the app; choose another name.' }],
    [{ name: '!!!' }, { name: 'Use at least one letter or digit in the name.' }],
  ])('refuses %j', (overrides, errors) => {
    expect(validateSourceDraft(draft(overrides), [])).toEqual(errors)
  })

  it('accepts same-origin paths and Scenario with a token only', () => {
    expect(validateSourceDraft(draft({ baseUrl: '/api/piktid' }), [])).toEqual({})
    expect(validateSourceDraft(draft({ dialect: 'scenario', credentials: { token: 't' } }), [])).toEqual({})
  })

  it('requires a unique name, case-insensitively, but lets a source keep its own', () => {
    const store = memorySourceStore()
    expect(validateSourceDraft(draft({ name: 'piktid DEMO' }), store.all())).toEqual({
      name: 'Another source already has this name.',
    })
    const added = store.add(draft())
    if (!added.ok) throw new Error('add failed')
    expect(validateSourceDraft(draft(), store.all(), added.source.id)).toEqual({})
  })

  it('derives ids from names', () => {
    expect(sourceIdFor('  Équipe Scénario #2 ')).toBe('equipe-scenario-2')
  })
})
