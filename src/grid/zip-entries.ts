// Counts the entries of a ZIP as its bytes arrive, for a download's progress. It reads the local
// headers front to back, which the server's archives allow: each one carries its entry's size
// (no data descriptor). It stops reading at the central directory.

const LOCAL_HEADER = 0x04034b50
const HEADER_LENGTH = 30

type State = { at: 'header' } | { at: 'name'; length: number; skip: number } | { at: 'data' } | { at: 'end' }

export class ZipEntries {
  readonly #header = new Uint8Array(HEADER_LENGTH)
  #filled = 0
  #name: Uint8Array = new Uint8Array(0)
  #skip = 0
  #state: State = { at: 'header' }
  readonly #names: string[] = []

  /** Names of the entries whose bytes have all arrived, in order. */
  get names(): readonly string[] {
    return this.#names
  }

  push(chunk: Uint8Array): void {
    let at = 0
    while (at < chunk.length && this.#state.at !== 'end') {
      const state = this.#state
      if (state.at === 'header') {
        const take = Math.min(HEADER_LENGTH - this.#filled, chunk.length - at)
        this.#header.set(chunk.subarray(at, at + take), this.#filled)
        this.#filled += take
        at += take
        if (this.#filled < HEADER_LENGTH) return
        this.#filled = 0
        const view = new DataView(this.#header.buffer)
        // Anything but a local header (the central directory) ends the entries.
        if (view.getUint32(0, true) !== LOCAL_HEADER) {
          this.#state = { at: 'end' }
          return
        }
        const nameLength = view.getUint16(26, true)
        this.#name = new Uint8Array(nameLength)
        this.#state = {
          at: 'name',
          length: nameLength,
          skip: view.getUint16(28, true) + view.getUint32(18, true),
        }
      } else if (state.at === 'name') {
        const take = Math.min(state.length - this.#filled, chunk.length - at)
        this.#name.set(chunk.subarray(at, at + take), this.#filled)
        this.#filled += take
        at += take
        if (this.#filled < state.length) return
        this.#filled = 0
        this.#skip = state.skip
        this.#state = { at: 'data' }
      } else {
        const take = Math.min(this.#skip, chunk.length - at)
        this.#skip -= take
        at += take
      }
      if (this.#state.at === 'data' && this.#skip === 0) {
        this.#names.push(new TextDecoder().decode(this.#name))
        this.#state = { at: 'header' }
      }
    }
  }
}
