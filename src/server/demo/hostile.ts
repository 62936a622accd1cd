// Titles and descriptions that try to break a page that renders them: markup, a script, an
// event handler, right-to-left text with an override character, and a 500-character title.
// The demo catalog carries a few so every view can be checked to show them as inert text.

const LONG_WORDS =
  'An exceptionally long title written to test how every view truncates, wraps and tooltips a ' +
  'field at the documented maximum length without breaking the grid layout or the viewer '

/** Exactly 500 characters: Vipanya's maximum title length. */
export const LONG_TITLE = LONG_WORDS.repeat(Math.ceil(500 / LONG_WORDS.length)).slice(0, 499) + '.'

export const HOSTILE_TITLES = [
  '<script>alert("vitrine")</script> Launch checklist',
  '<img src=x onerror="alert(1)"> Quarterly report',
  'تقرير المبيعات السنوي \u202Efdp.exe',
  '<b>Bold</b> &amp; <i>italic</i> "double" \'single\' & <a href="javascript:alert(1)">link</a>',
  LONG_TITLE,
] as const

export const HOSTILE_DESCRIPTIONS = [
  '<p onclick="alert(1)">Click me</p><style>body{display:none}</style>',
  '<iframe src="https://example.com"></iframe> embedded frame',
  'שלום עולם — mixed right-to-left and left-to-right text, 123 ‏ with marks',
  '</textarea><script>document.title="pwned"</script>',
  'Plain description after a very long title.',
] as const
