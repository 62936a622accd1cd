// Text from an API is data, and some of it is hostile: an explicit bidi embedding, override or
// isolate control (U+202A–U+202E, U+2066–U+2069) reorders everything after it, so
// "report\u202Efdp.exe" reads as "reportexe.pdf". Those controls are removed from every string
// an API answers with before anything shows it; direction itself still comes from the text
// (`dir="auto"`), so Arabic and Hebrew titles read correctly, and the implicit marks (LRM, RLM,
// ALM), which cannot reorder a run of text, are kept.

const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/
const BIDI_CONTROLS = new RegExp(BIDI_CONTROL.source, 'g')

/** `text` without explicit bidi embedding, override and isolate controls. */
export function withoutBidiControls(text: string): string {
  return BIDI_CONTROL.test(text) ? text.replace(BIDI_CONTROLS, '') : text
}

/** A JSON.parse reviver that applies withoutBidiControls to every string value. */
export function bidiSafeReviver(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? withoutBidiControls(value) : value
}
