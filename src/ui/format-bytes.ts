const whole = new Intl.NumberFormat('en')
const oneDecimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1 })

/** 1536 → `1.5 KB`; binary steps, as file managers show them. */
export function formatBytes(n: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB']
  let value = n
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  return unit === 0 ? `${whole.format(n)} ${n === 1 ? 'byte' : 'bytes'}` : `${oneDecimal.format(value)} ${units[unit]}`
}
