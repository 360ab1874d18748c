import { createHash } from 'node:crypto'

// The checksums stored beside each row since file version 5. They cover the row's key as well as
// its text, so that a row whose number or time changed fails its check like one whose text did.

export function commandSum(seq: number, at: number, body: string): string {
  return sum(`command\n${seq}\n${at}\n${body}`)
}

export function snapshotSum(seq: number, state: string): string {
  return sum(`snapshot\n${seq}\n${state}`)
}

export function clockSum(now: number): string {
  return sum(`clock\n${now}`)
}

function sum(text: string): string {
  // 128 bits of SHA-256: far beyond what chance damage could match, at half the stored size.
  return createHash('sha256').update(text).digest('hex').slice(0, 32)
}
