import { canonicalJson, isObject, type JsonObject } from './kube-manifest'

// kubectl scale merge-patches a workload's scale subresource: {"spec":{"replicas":N}} with N as
// kubectl read it (a Go int). The server decodes the patched autoscaling/v1 Scale, whose replicas
// is an int32: a larger N is refused with the decoder's words and the patched Scale. Pure.

export const INT32_MAX = 2 ** 31 - 1
const PLACEHOLDER = '@replicas@'

const o = (v: unknown): JsonObject => (isObject(v) ? v : {})

/** The patched Scale as JSON (keys sorted, as a merge patch leaves them), replicas as given: `replicas`. */
function patchedScale(stored: JsonObject, replicas: string): string {
  const meta = o(stored.metadata)
  const selector = o(o(o(stored.spec).selector).matchLabels)
  const scale: JsonObject = {
    apiVersion: 'autoscaling/v1',
    kind: 'Scale',
    metadata: {
      name: meta.name ?? null,
      namespace: meta.namespace ?? null,
      uid: meta.uid ?? null,
      resourceVersion: meta.resourceVersion ?? null,
      creationTimestamp: meta.creationTimestamp ?? null,
    },
    spec: { replicas: PLACEHOLDER },
    status: {
      replicas: o(stored.status).replicas ?? 0,
      selector: Object.entries(selector)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(','),
    },
  }
  return canonicalJson(scale).replace(JSON.stringify(PLACEHOLDER), replicas)
}

/** The server's refusal of a scale to more than an int32 holds; `replicas` is the decimal kubectl sent. */
export function scaleOverflowError(stored: JsonObject, replicas: string): string {
  return `The request is invalid: patch: Invalid value: ${JSON.stringify(patchedScale(stored, replicas))}: json: cannot unmarshal number ${replicas} into Go struct field ScaleSpec.spec.replicas of type int32`
}
