// pod-template-hash as the deployment controller derives it: FNV-1a (32 bit) of the pod template, its
// decimal digits mapped onto Kubernetes' "safe" alphabet (rand.SafeEncodeString), so the same
// template always gives the same ReplicaSet name (`demo2-bb9cb785b`). Pure.

const SAFE = 'bcdfghjklmnpqrstvwxz2456789'

export function fnv32a(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h >>> 0
}

export function safeEncode(text: string): string {
  return [...text].map((c) => SAFE[c.charCodeAt(0) % SAFE.length]).join('')
}

export function templateHash(canonicalTemplate: string): string {
  return safeEncode(String(fnv32a(canonicalTemplate)))
}
