import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { SourceConfig } from '../../src/dialects/types'
import { createVipanyaAdapter } from '../../src/dialects/vipanya/adapter'
import { CreateAssetDialog } from '../../src/features/assets/components/create-asset-dialog'
import { vipanyaPdf } from '../fixtures/vipanya'

const source: SourceConfig = {
  id: 'vipanya',
  name: 'Vipanya demo',
  dialect: 'vipanya',
  baseUrl: 'http://host.test/api/vipanya',
  credentials: { apiKey: 'demo-alice' },
}

function stubFetch(status: number, body: unknown) {
  const fetchMock = vi.fn(
    async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
  )
  vi.stubGlobal('fetch', fetchMock)
  return fetchMock
}

function renderDialog() {
  const onCreated = vi.fn()
  const onClose = vi.fn()
  const adapter = createVipanyaAdapter(source)
  render(
    <CreateAssetDialog
      capability={adapter.createAsset!}
      sourceName={source.name}
      onClose={onClose}
      onCreated={onCreated}
    />,
  )
  return { onCreated, onClose }
}

describe('create asset dialog', () => {
  it('shows the client rule on the title field and sends nothing when the title is empty', async () => {
    const fetchMock = stubFetch(201, {})
    renderDialog()
    await userEvent.click(screen.getByRole('button', { name: 'Create asset' }))
    const title = screen.getByRole('textbox', { name: 'Title (required)' })
    expect(title).toHaveAttribute('aria-invalid', 'true')
    expect(title).toHaveAccessibleDescription('Title is required')
    // The field takes focus on the next frame, after the dialog's own first focus.
    await waitFor(() => expect(title).toHaveFocus())
    expect(fetchMock).not.toHaveBeenCalled()
  })

  it('asks for the address of a link, and checks it is http(s)', async () => {
    const fetchMock = stubFetch(201, {})
    renderDialog()
    await userEvent.type(screen.getByRole('textbox', { name: 'Title (required)' }), 'Docs')
    await userEvent.click(screen.getByRole('button', { name: 'Create asset' }))
    const address = screen.getByRole('textbox', { name: 'Link address' })
    expect(address).toHaveAccessibleDescription('External URL is required for link assets')
    await userEvent.type(address, 'javascript:alert(1)')
    await userEvent.click(screen.getByRole('button', { name: 'Create asset' }))
    expect(address).toHaveAccessibleDescription('External URL must be an http or https address')
    expect(fetchMock).not.toHaveBeenCalled()
  })

  it('hides the address for a type that has none', async () => {
    stubFetch(201, {})
    renderDialog()
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Asset type' }), 'pdf')
    expect(screen.queryByRole('textbox', { name: /address/ })).not.toBeInTheDocument()
  })

  it('puts the server’s 400 on the field it names', async () => {
    stubFetch(400, { error: 'Validation failed', message: 'External URL host is not allowed', field: 'external_url' })
    const { onCreated } = renderDialog()
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
    stubFetch(403, { error: 'Insufficient permissions', message: 'API key does not have write:assets scope' })
    renderDialog()
    await userEvent.type(screen.getByRole('textbox', { name: 'Title (required)' }), 'Docs')
    await userEvent.type(screen.getByRole('textbox', { name: 'Link address' }), 'https://example.com/docs')
    await userEvent.click(screen.getByRole('button', { name: 'Create asset' }))
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This key can only read assets, so it cannot create them. Use an API key with the write:assets scope.',
    )
  })

  it('sends the documented body and hands back the created asset', async () => {
    const created = vipanyaPdf({
      id: 'a-new',
      title: 'Docs',
      asset_type: 'link',
      external_url: 'https://example.com/docs',
    })
    const fetchMock = stubFetch(201, { success: true, data: created })
    const { onCreated } = renderDialog()
    await userEvent.type(screen.getByRole('textbox', { name: 'Title (required)' }), 'Docs')
    await userEvent.type(screen.getByRole('textbox', { name: 'Link address' }), 'https://example.com/docs')
    await userEvent.click(screen.getByRole('checkbox', { name: /Public/ }))
    await userEvent.click(screen.getByRole('button', { name: 'Create asset' }))
    await vi.waitFor(() => expect(onCreated).toHaveBeenCalled())
    expect(onCreated.mock.calls[0]![0]).toMatchObject({ id: 'a-new', name: 'Docs', kind: 'link' })
    const [url, init] = fetchMock.mock.calls[0] as unknown as [URL, RequestInit]
    expect(String(url)).toBe('http://host.test/api/vipanya/api/v1/assets')
    expect(init.method).toBe('POST')
    expect(JSON.parse(String(init.body))).toEqual({
      title: 'Docs',
      asset_type: 'link',
      is_public: true,
      external_url: 'https://example.com/docs',
    })
  })
})
