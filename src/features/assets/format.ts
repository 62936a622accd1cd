const count = new Intl.NumberFormat('en')

export function formatNumber(n: number): string {
  return count.format(n)
}

export function formatCount(n: number, noun: string): string {
  return `${count.format(n)} ${noun}${n === 1 ? '' : 's'}`
}
