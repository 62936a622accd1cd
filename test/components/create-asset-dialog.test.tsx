import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { SourceConfig } from '../../src/dialects/types'
import type { VipanyaAsset } from '../../src/shared/vipanya'
import { createVipanyaAdapter } from '../../src/dialects/vipanya/adapter'
import { CreateAssetDialog } from '../../src/features/assets/components/create-asset-dialog'
import { freshServer, routeFetch, sharedServer, type Intercept, type TestServer } from './render-app'

// The bundled Vipanya demo on the reference server, which checks and stores what is sent.
const source: SourceConfig = {
  id: 'vipanya',
  name: 'Vipanya demo',
  dialect: 'vipanya',
  baseUrl: '/api/vipanya',
  credentials: { apiKey: 'demo-alice' },
}

function renderDialog({
  apiKey = 'demo-alice',
  intercept,
  server = sharedServer(),
}: { apiKey?: string; intercept?: Intercept; server?: TestServer } = {}) {
  const { requests } = routeFetch(server, intercept)
  const onCreated = vi.fn()
  const onClose = vi.fn()
  const adapter = createVipanyaAdapter({ ...source, credentials: { apiKey } })
  render(
    <CreateAssetDialog
      capability={adapter.createAsset!}
      sourceName={source.name}
      onClose={onClose}
      onCreated={onCreated}
    />,
  )
  return { onCreated, onClose, requests, server }
}

describe('create asset dialog', () => {
  it('shows the client rule on the title field and sends nothing when the title is empty', async () => {
    const { requests } = renderDialog()
    await userEvent.click(screen.getByRole('button', { name: 'Create asset' }))
    const title = screen.getByRole('textbox', { name: 'Title (required)' })
    expect(title).toHaveAttribute('aria-invalid', 'true')
    expect(title).toHaveAccessibleDescription('Title is required')
    // The field takes focus on the next frame, after the dialog's own first focus.
    await waitFor(() => expect(title).toHaveFocus())
    expect(requests).toEqual([])
  })

  it('asks for the address of a link, and checks it is http(s)', async () => {
    const { requests } = renderDialog()
    await userEvent.type(screen.getByRole('textbox', { name: 'Title (required)' }), 'Docs')
    await userEvent.click(screen.getByRole('button', { name: 'Create asset' }))
    const address = screen.getByRole('textbox', { name: 'Link address' })
    expect(address).toHaveAccessibleDescription('External URL is required for link assets')
    await userEvent.type(address, 'javascript:alert(1)')
    await userEvent.click(screen.getByRole('button', { name: 'Create asset' }))
    expect(address).toHaveAccessibleDescription('External URL must be an http or https address')
    expect(requests).toEqual([])
  })

  it('hides the address for a type that has none', async () => {
    renderDialog()
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Asset type' }), 'pdf')
    expect(screen.queryByRole('textbox', { name: /address/ })).not.toBeInTheDocument()
  })

  it('puts the server’s 400 on the field it names', async () => {
    // The reference server takes any http(s) address, so this refusal is injected: a server with
    // a rule the app does not know, answering in Vipanya's envelope.
    const refusal = { error: 'Validation failed', message: 'External URL host is not allowed', field: 'external_url' }
    const { onCreated } = renderDialog({ intercept: () => Response.json(refusal, { status: 400 }) })
    await userEvent.type(screen.getByRole('textbox', { name: 'Title (required)' }), 'Docs')
    await userEvent.type(screen.getByRole('textbox', { name: 'Link address' }), 'https://example.com/docs')
    await userEvent.click(screen.getByRole('button', { name: 'Create asset' }))
    const address = await screen.findByRole('textbox', {
      name: 'Link address',
      description: 'External URL host is not allowed',
    })
    expect(address).toHaveAttribute('aria-invalid', 'true')
    expect(onCreated).not.toHaveBeenCalled()
  })

  it('says plainly that a read-only key cannot create', async () => {
    // The demo catalog's read-only key (read:assets only).
    renderDialog({ apiKey: 'demo-readonly' })
    await userEvent.type(screen.getByRole('textbox', { name: 'Title (required)' }), 'Docs')
    await userEvent.type(screen.getByRole('textbox', { name: 'Link address' }), 'https://example.com/docs')
    await userEvent.click(screen.getByRole('button', { name: 'Create asset' }))
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This key can only read assets, so it cannot create them. Use an API key with the write:assets scope.',
    )
  })

  it('sends the documented body and hands back the created asset', async () => {
    // A catalog of its own: this one is written to.
    const { onCreated, server } = renderDialog({ server: freshServer() })
    await userEvent.type(screen.getByRole('textbox', { name: 'Title (required)' }), 'Docs')
    await userEvent.type(screen.getByRole('textbox', { name: 'Link address' }), 'https://example.com/docs')
    await userEvent.click(screen.getByRole('checkbox', { name: /Public/ }))
    await userEvent.click(screen.getByRole('button', { name: 'Create asset' }))
    await vi.waitFor(() => expect(onCreated).toHaveBeenCalled())
    const asset = onCreated.mock.calls[0]![0] as { id: string }
    expect(asset).toMatchObject({ name: 'Docs', kind: 'link' })
    // The server stored it under the id handed back.
    const stored = await server.read<{ data: VipanyaAsset }>('vipanya', `/api/v1/assets/${asset.id}`)
    expect(stored.data).toMatchObject({ title: 'Docs', asset_type: 'link', external_url: 'https://example.com/docs' })
    const [url, init] = vi.mocked(fetch).mock.calls[0] as unknown as [URL, RequestInit]
    expect(String(url)).toBe(`${location.origin}/api/vipanya/api/v1/assets`)
    expect(init.method).toBe('POST')
    expect(JSON.parse(String(init.body))).toEqual({
      title: 'Docs',
      asset_type: 'link',
      is_public: true,
      external_url: 'https://example.com/docs',
    })
  })
})
