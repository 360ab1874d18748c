import fs from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { stringify } from 'yaml'
import { seedRng, nextUint32, type RngState } from '../../src-main/engine/core/rng'
import { ConsoleSession } from '../../src-main/engine/console/session'
import { FLOW } from '../../src-main/engine/console/testkit'
import { DEFAULT_HARDWARE } from '../../src-main/engine/hci/build'
import type { Lab } from '../../src-main/engine/lab'
import { dispatchAndSave } from '../../src-main/ipc/persisted'
import { LabStore } from '../../src-main/persistence'

// Seeded fuzzing of what a user can type: manifests (valid, and mutated with the values that once
// broke a lab), scales, patches, labels, deletes, advances and clock ticks, through the console and
// the lab file as the hosts use them. After every few steps, the live lab must equal the lab
// reopened from its file, and nothing may throw out of the engine. A failure prints the seed and step.
// To chase one: FUZZ_TRACE=<file> writes each step as it runs, FUZZ_CHECK_FROM=<step> reopens after
// every step from there on.

// Scales to a million replicas are among the steps: the pod limit is lowered so that the lab stays
// small enough to reopen after every few steps (pod-limits.test.ts covers the limit itself).
vi.mock('@shared/aks-cluster-assumptions', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  MAX_PODS_PER_CLUSTER: 1_500,
}))

const SEED = 20261207
const STEPS = 900
const CHECK_EVERY = 6
const MIN = 60_000

const dir = fs.mkdtempSync(join(os.tmpdir(), 'hcilab-fuzz-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

class Draw {
  private readonly s: RngState
  constructor(seed: number) {
    this.s = seedRng(seed)
  }
  int(n: number): number {
    return nextUint32(this.s) % n
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!
  }
  chance(p: number): boolean {
    return this.int(1000) < p * 1000
  }
}

/** Values that are wrong for some field: the API server must refuse them, or the lab must cope. */
const ODD_VALUES: unknown[] = [
  'abc',
  2.5,
  [],
  {},
  null,
  -1,
  0,
  2 ** 31,
  1e20,
  'NAN',
  'INF',
  '3',
  1073741824,
  '-1Gi',
  '0',
  '1m',
  '9999999999999999999999Ki',
  true,
  'x'.repeat(300),
  'ünïcödé',
]
const ODD_KEYS = ['__proto__', 'constructor', 'a/b/c', '-bad', 'ok-key', 'example.com/fine', '']

const NAMES = ['web', 'db', 'cache', 'claim-a', 'claim-b', 'job-a']

function deployment(name: string, replicas: number) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            {
              name: 'main',
              image: 'nginx:1.21',
              ports: [{ containerPort: 80 }],
              resources: { requests: { cpu: '50m', memory: '64Mi' } },
            },
          ],
        },
      },
    },
  }
}

function statefulSet(name: string, replicas: number) {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name },
    spec: {
      replicas,
      serviceName: name,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'main', image: 'nginx:1.21' }] },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: 'data' },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
        },
      ],
    },
  }
}

function claim(name: string, storage: unknown) {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage } } },
  }
}

function service(name: string) {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name },
    spec: { type: 'LoadBalancer', selector: { app: name }, ports: [{ port: 80, targetPort: 80 }] },
  }
}

function job(name: string) {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: {
      completions: 2,
      parallelism: 2,
      template: {
        spec: {
          restartPolicy: 'Never',
          containers: [{ name: 'main', image: 'busybox', command: ['sh', '-c', 'echo hi; sleep 5'] }],
        },
      },
    },
  }
}

/** Every path to a value in a plain object tree. */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return [at, ...value.flatMap((v, i) => paths(v, [...at, i]))]
  if (value && typeof value === 'object')
    return [at, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...at, k]))]
  return [at]
}

function setAt(root: Record<string, unknown>, path: (string | number)[], value: unknown): void {
  let node = root as Record<string | number, unknown>
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>
  const last = path.at(-1)
  if (last === undefined) return
  node[last] = value
}

/** A manifest: a valid document, or one with an odd value (or an odd label key) somewhere in it. */
function manifest(d: Draw): string {
  const name = d.pick(NAMES)
  const doc: Record<string, unknown> = d.pick([
    () => deployment(name, d.pick([0, 1, 2, 5, 40])),
    () => statefulSet(name, d.pick([0, 1, 3])),
    () => claim(name, d.pick(['1Gi', '100Gi', 1073741824, '5Gi'])),
    () => service(name),
    () => job(name),
  ])()
  if (d.chance(0.5)) {
    const path = d.pick(paths(doc).filter((p) => p.length > 1))
    setAt(doc, path, d.pick(ODD_VALUES))
  }
  if (d.chance(0.15))
    (doc.metadata as Record<string, unknown>).labels = JSON.parse(`{"${d.pick(ODD_KEYS)}": "x"}`)
  // YAML's own NaN and infinity, which JSON cannot say.
  return stringify(doc).replaceAll('NAN', '.nan').replaceAll('INF', '.inf')
}

interface Live {
  lab: Lab
  store: LabStore
  session: ConsoleSession
}

function open(opened: { lab: Lab; store: LabStore }): Live {
  const live = { ...opened } as Live
  live.session = new ConsoleSession(
    { state: () => live.lab.state, dispatch: (c) => dispatchAndSave(live.lab, live.store, c) },
    { color: false },
  )
  return live
}

/** A provisioned 2-worker cluster, every step through the lab file. */
function setUp(file: string): Live {
  const live = open(LabStore.create(file, { name: 'fuzz', seed: 5, hardware: DEFAULT_HARDWARE }))
  const advance = (ms: number) => dispatchAndSave(live.lab, live.store, { type: 'clock.advance', ms })
  const waitFor = (line: string, ms: number) => {
    const started = live.session.run(line)
    advance(ms)
    live.session.progress()
    if (started.wait && live.session.resume().error !== undefined) throw new Error(`${line} failed`)
  }
  waitFor(FLOW, 3_600_000)
  waitFor('New-AksHciCluster -clusterName demo -linuxNodeCount 2', 12 * MIN)
  live.session.run('Get-AksHciCredential -name demo')
  return live
}

const KINDS = ['deployment', 'statefulset', 'pvc', 'service', 'job'] as const

function step(d: Draw, live: Live): string {
  const kind = d.pick(KINDS)
  const name = d.pick(NAMES)
  const line = d.pick([
    () =>
      `kubectl scale ${d.pick(['deployment', 'statefulset'])} ${name} --replicas=${d.pick(['0', '1', '3', '60', 'abc', '2.5', '-1', '1000000', '2147483648'])}`,
    () => `kubectl delete ${kind} ${name}`,
    () =>
      `kubectl patch ${d.pick(['deployment', 'statefulset'])} ${name} -p '${JSON.stringify({ spec: { replicas: d.pick(ODD_VALUES) } })}'`,
    () => `kubectl label ${kind} ${name} ${d.pick(ODD_KEYS)}=${d.pick(['x', 'y-1', '_bad'])} --overwrite`,
    () => `sim advance ${d.pick(['1s', '30s', '2m', '10m', '1h'])}`,
    () => '',
  ])()
  if (process.env.FUZZ_TRACE)
    fs.appendFileSync(process.env.FUZZ_TRACE, `  running: ${line || 'apply or tick'}\n`)
  if (line) {
    live.session.run(line)
    return line
  }
  if (d.chance(0.5)) {
    const mode = d.pick(['apply', 'create'] as const)
    const text = manifest(d)
    if (process.env.FUZZ_TRACE) fs.appendFileSync(process.env.FUZZ_TRACE, `${text}\n`)
    dispatchAndSave(live.lab, live.store, {
      type: 'kube.apply',
      cluster: 'demo',
      manifest: text,
      mode,
      namespace: null,
    })
    return `kubectl ${mode} -f <<${text.length} bytes>>`
  }
  // The clock ticks as the host's ticker moves it: not a command, saved now and then.
  live.lab.advanceTo(live.lab.now + d.pick([100, 1000, 15_000, 5 * MIN]))
  live.store.saveClock(live.lab.now)
  return 'tick'
}

/** Closes the file (the clock saved, as at close) and opens it again: the reopened lab goes on. */
function reopen(file: string, live: Live): { live: Live; reopened: string } {
  live.store.saveClock(live.lab.now)
  live.store.close()
  const opened = LabStore.open(file)
  return { live: open(opened), reopened: opened.lab.hash() }
}

describe('fuzzing a lab with what a user can type', () => {
  it('never throws, and the live lab always equals the lab reopened from its file', () => {
    const file = join(dir, 'fuzz.hcilab')
    let live = setUp(file)
    const d = new Draw(SEED)
    const history: string[] = []
    for (let i = 1; i <= STEPS; i++) {
      let did = ''
      expect(() => (did = step(d, live)), `step ${i} of seed ${SEED}`).not.toThrow()
      history.push(did)
      if (process.env.FUZZ_TRACE) fs.appendFileSync(process.env.FUZZ_TRACE, `${i} ${did}\n`)
      const checkFrom = Number(process.env.FUZZ_CHECK_FROM ?? Infinity)
      if (i % CHECK_EVERY !== 0 && i !== STEPS && i < checkFrom) continue
      const r = reopen(file, live)
      // Go on with the reopened lab, as the host does after opening a file.
      expect(r.reopened, `after step ${i} of seed ${SEED}: ${history.slice(-CHECK_EVERY).join(' | ')}`).toBe(
        live.lab.hash(),
      )
      live = r.live
    }
    // The run did what a fuzz run must: the lab grew and shrank, and odd input was met.
    const kinds = new Set(Object.values(live.lab.state.kube).map((o) => o.kind))
    expect([...kinds]).toEqual(expect.arrayContaining(['Deployment', 'PersistentVolumeClaim', 'Pod']))
    live.store.close()
  }, 300_000)
})
