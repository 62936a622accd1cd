/**
 * A text field that asks for a web address: typed as a URL (a phone shows its URL keyboard), no
 * autofill of other text, the app's field style.
 */
export const URL_FIELD = { type: 'url', inputMode: 'url', autoComplete: 'off', className: 'field' } as const
