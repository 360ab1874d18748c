import { describe, expect, it } from 'vitest'
import type { JsonObject } from '@shared/kube-manifest'
import { withCluster } from '../aks/cluster-testkit'

// Seeded mutations of valid manifests (a Deployment, a claim, a Service, a Pod): each field set to
// values of every JSON type and edge. Whatever the API server's checks let through, the lab takes:
// no command or clock advance ever throws, and a refused document leaves the lab as it was.

function random(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1,
  2.5,
  -0.5,
  2 ** 31,
  2 ** 53,
  1e20,
  -1e20,
  65536,
  30000,
  '',
  'x',
  '3',
  '-1Gi',
  '1m',
  '0',
  '1e3',
  '9999999999999999999999Ki',
  '__proto__',
  'a/b/c',
  ' 1Gi ',
  [],
  [1],
  ['a'],
  [{}],
  {},
  { a: 1 },
  { __proto__: 'x' },
  { name: 'n' },
]

const BASES: JsonObject[] = [
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'f', labels: { app: 'f' } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'f' } },
      strategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: { labels: { app: 'f' } },
        spec: {
          terminationGracePeriodSeconds: 1,
          containers: [
            {
              name: 'web',
              image: 'nginx',
              ports: [{ containerPort: 80 }],
              resources: { requests: { cpu: '10m', memory: '16Mi' } },
              readinessProbe: { periodSeconds: 1 },
            },
          ],
        },
      },
    },
  },
  {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'f' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'f' },
    spec: { type: 'NodePort', selector: { app: 'f' }, ports: [{ port: 80, targetPort: 80 }] },
  },
]

/** Every path to a scalar, list or map of a document. */
function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  const here = at.length ? [at] : []
  if (Array.isArray(v)) return [...here, ...v.flatMap((x, i) => paths(x, [...at, i]))]
  if (v && typeof v === 'object')
    return [...here, ...Object.entries(v).flatMap(([k, x]) => paths(x, [...at, k]))]
  return here
}

function mutate(doc: JsonObject, path: (string | number)[], value: unknown): JsonObject {
  const copy = structuredClone(doc)
  let node = copy as Record<string | number, unknown>
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>
  Object.defineProperty(node, path[path.length - 1]!, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  })
  return copy
}

describe('mutated manifests never break the lab', () => {
  it('applies, advances and deletes 150 seeded mutations', { timeout: 60_000 }, () => {
    const lab = withCluster('demo', 1)
    const next = random(10)
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!
    for (let i = 0; i < 150; i++) {
      const base = pick(BASES)
      const path = pick(paths(base).filter((p) => p[0] !== 'apiVersion' && p[0] !== 'kind'))
      const doc = mutate(base, path, pick(VALUES))
      const before = lab.hash()
      const applied = lab.dispatch({
        type: 'kube.apply',
        cluster: 'demo',
        manifest: JSON.stringify(doc),
        mode: 'apply',
        namespace: null,
      })
      if (!applied.ok) expect(lab.hash(), JSON.stringify(doc)).toBe(before)
      expect(lab.dispatch({ type: 'clock.advance', ms: 20_000 }).ok).toBe(true)
      if (i % 3 === 2)
        for (const kind of ['Deployment', 'PersistentVolumeClaim', 'Service'])
          lab.dispatch({ type: 'kube.delete', cluster: 'demo', kind, name: 'f' })
    }
  })

  it('patches 100 seeded fields of a stored Deployment, strategic and merge', { timeout: 60_000 }, () => {
    const lab = withCluster('demo', 1)
    const next = random(11)
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!
    const deployment = BASES[0]!
    lab.dispatch({
      type: 'kube.apply',
      cluster: 'demo',
      manifest: JSON.stringify(deployment),
      mode: 'apply',
      namespace: null,
    })
    for (let i = 0; i < 100; i++) {
      const path = pick(paths(deployment).filter((p) => p[0] === 'spec' || p[0] === 'metadata'))
      // A merge patch of one field: the objects on its way, then the value.
      const patch = path.reduceRight<unknown>(
        (value, key) => (typeof key === 'number' ? [value] : { [key]: value }),
        pick(VALUES),
      )
      const before = lab.hash()
      const patched = lab.dispatch({
        type: 'kube.patch',
        cluster: 'demo',
        namespace: null,
        kind: 'deployment',
        name: 'f',
        patch: JSON.stringify(patch),
        patchType: next() < 0.5 ? 'merge' : 'strategic',
      })
      if (!patched.ok) expect(lab.hash(), JSON.stringify(patch)).toBe(before)
      expect(lab.dispatch({ type: 'clock.advance', ms: 10_000 }).ok).toBe(true)
    }
  })
})
