const count = new Intl.NumberFormat('en')

export function formatNumber(n: number): string {
  return count.format(n)
}

export function formatCount(n: number, noun: string): string {
  return `${count.format(n)} ${noun}${n === 1 ? '' : 's'}`
}

/** "1,200 photos", or "1,200+ photos" while the API gives no total and more are to come. */
export function formatTotal(n: number, exact: boolean, noun: string): string {
  return exact ? formatCount(n, noun) : `${formatNumber(n)}+ ${noun}s`
}

/** What a source's assets are called: a photo library holds photos. */
export function itemNoun(dialect: string): string {
  return dialect === 'gumnut' ? 'photo' : 'asset'
}
