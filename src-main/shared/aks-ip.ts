// IPv4 arithmetic for the AKS network settings. Pure and shared so the wizard and the engine judge
// addresses the same way. Addresses are unsigned 32-bit numbers.

export interface Cidr {
  base: number // the network address
  prefix: number
}

export interface IpRange {
  start: number
  end: number
}

/** `a.b.c.d` → number, or null when it is not a dotted-quad IPv4 address. */
export function parseIp(text: string): number | null {
  const parts = text.trim().split('.')
  if (parts.length !== 4) return null
  let value = 0
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null
    const n = Number(part)
    if (n > 255) return null
    value = value * 256 + n
  }
  return value
}

export function formatIp(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.')
}

/** `a.b.c.d/n` → its network, or null. The host bits are dropped (192.168.0.5/24 is 192.168.0.0/24). */
export function parseCidr(text: string): Cidr | null {
  const [ip, bits, extra] = text.trim().split('/')
  if (ip === undefined || bits === undefined || extra !== undefined || !/^\d{1,2}$/.test(bits)) return null
  const prefix = Number(bits)
  const addr = parseIp(ip)
  if (addr === null || prefix > 32) return null
  const size = 2 ** (32 - prefix)
  return { base: Math.floor(addr / size) * size, prefix }
}

export function formatCidr(cidr: Cidr): string {
  return `${formatIp(cidr.base)}/${cidr.prefix}`
}

export function cidrRange(cidr: Cidr): IpRange {
  return { start: cidr.base, end: cidr.base + 2 ** (32 - cidr.prefix) - 1 }
}

export function cidrContains(cidr: Cidr, ip: number): boolean {
  const r = cidrRange(cidr)
  return ip >= r.start && ip <= r.end
}

/** Addresses in an inclusive range (0 when end < start). */
export function rangeSize(r: IpRange): number {
  return Math.max(0, r.end - r.start + 1)
}

export function rangesOverlap(a: IpRange, b: IpRange): boolean {
  return a.start <= b.end && b.start <= a.end
}

export function rangeContains(r: IpRange, ip: number): boolean {
  return ip >= r.start && ip <= r.end
}

export function formatRange(r: IpRange): string {
  return `${formatIp(r.start)}–${formatIp(r.end)}`
}
