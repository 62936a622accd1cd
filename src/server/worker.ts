import { readlinkSync } from 'node:fs'
import { setPriority } from 'node:os'
import { parentPort, workerData } from 'node:worker_threads'
import { createApp } from './app'
import { openCatalog } from './db/catalog-db'
import type { AllowedHost } from './http/gateway'
import type { WireReply, WorkerMessage } from './http/offload'
import { createMediaStore } from './media/media-store'

// A request worker (see http/offload.ts): its own connection to the catalog the main thread has
// already opened and migrated, and the same app, answering the requests the main thread hands it.

export interface RequestWorkerData {
  dataDir: string
  /** The deployment's shared signing secret, as the main thread was given it. */
  secret: string | undefined
  /** The main thread found the folder read-only: open it so, too. */
  readOnly: boolean
  /** The app's own checks run again here, with the same settings (see createApp). */
  allowedHosts: readonly AllowedHost[]
  corsOrigins: readonly string[]
}

const port = parentPort
if (!port) throw new Error('worker.ts runs only as a worker thread')
const { dataDir, secret, readOnly, allowedHosts, corsOrigins } = workerData as RequestWorkerData

/**
 * On Linux a thread has its own nice value: this one yields the CPU to the main thread, so a busy
 * machine still answers the cheap requests first. Elsewhere it runs at the process's priority.
 */
function yieldToMainThread(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop())
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, 10)
  } catch {
    // note: no /proc (macOS, Windows) or no permission: the worker keeps the default priority.
  }
}
yieldToMainThread()

const catalog = openCatalog(dataDir, { reader: true, secret, readOnly })
const app = createApp({
  db: catalog,
  media: createMediaStore(catalog),
  allowedHosts,
  corsOrigins,
  leaveRenderAhead: true,
})
const controllers = new Map<number, AbortController>()

port.on('message', (message: WorkerMessage) => {
  if ('abort' in message) {
    controllers.get(message.id)?.abort()
    return
  }
  const controller = new AbortController()
  controllers.set(message.id, controller)
  const request = new Request(message.url, {
    method: message.method,
    headers: message.headers,
    body: message.body,
    signal: controller.signal,
  })
  void (async (): Promise<WireReply> => {
    try {
      const response = await app.fetch(request)
      const body = response.body ? await response.arrayBuffer() : null
      return { id: message.id, ok: true, status: response.status, headers: [...response.headers], body }
    } catch (error) {
      return { id: message.id, ok: false, message: (error as Error).message }
    }
  })().then((reply) => {
    controllers.delete(message.id)
    port.postMessage(reply, reply.ok && reply.body ? [reply.body] : [])
  })
})

port.postMessage('ready')
