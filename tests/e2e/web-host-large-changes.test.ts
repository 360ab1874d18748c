import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { hciLabIn, INSTALL_AKS_HOST } from './cli-kit'
import { startWebSession, type WebSession } from './web-e2e'

// A command that changes thousands of objects at once, against the built web host (npm run build
// first) with a page open in Chromium: the host sends a summary instead of a batch too large to
// send and stays up; a client that pulls the snapshot again, and the page, are where the lab is.

let s: WebSession
let socketUrl: string

/** Parsed JSON from the wire, read loosely: the assertions check its shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any

/**
 * A lab with an AKS cluster and a deployment d of 3,000 replicas, made with the CLI. (Controllers
 * create pods 500 at a time, so it takes a few virtual seconds; scaling down goes at once.)
 */
function prepareLab(dir: string): string {
  const hciLab = hciLabIn(() => dir)
  expect(hciLab('new', 'lab.hcilab').code).toBe(0)
  const setup = hciLab(
    'run',
    'lab.hcilab',
    INSTALL_AKS_HOST,
    'New-AksHciCluster -clusterName demo -linuxNodeCount 2',
    'Get-AksHciCredential -name demo',
    'kubectl create deployment d --image=nginx --replicas=3000',
    'sim advance 2m',
  )
  expect(setup.code, setup.stderr).toBe(0)
  return join(dir, 'lab.hcilab')
}

beforeAll(async () => {
  s = await startWebSession('hci-web-large-', prepareLab)
  const page = new URL(s.url)
  socketUrl = `ws://${page.host}/ws?token=${page.searchParams.get('token')}`
})
afterAll(async () => {
  await s?.close()
})

/** A client of the wire protocol: calls by id, and every event it was sent. */
async function client() {
  const ws = new WebSocket(socketUrl)
  await new Promise((done, failed) => ws.once('open', done).once('error', failed))
  const events: Json[] = []
  const replies = new Map<number, (reply: Json) => void>()
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString())
    if ('event' in message) events.push(message)
    else replies.get(message.id)?.(message.reply)
  })
  let nextId = 1
  const call = (channel: string, input: unknown): Promise<Json> => {
    const id = nextId++
    const reply = new Promise<Json>((done) => replies.set(id, done))
    ws.send(JSON.stringify({ id, channel, input }))
    return reply
  }
  return { ws, events, call }
}

const pods = (view: Json) =>
  Object.values(view.kube as Record<string, Json>).filter(
    (o) => o.kind === 'Pod' && o.metadata.name.startsWith('d-'),
  )

describe('a command that changes thousands of objects', () => {
  const readyCell = () =>
    s.page.locator('[data-testid="cluster-deployments-table"] [data-row="default/d"] td').nth(2)

  it('reaches clients as a summary; the host stays up and a new snapshot has every change', async () => {
    // The page watches the deployment meanwhile (the next test).
    await s.open('/aks/clusters/demo')
    await s.page.getByRole('tab', { name: 'Workloads' }).click()
    await expect.poll(() => readyCell().innerText(), { timeout: 30_000 }).toMatch(/^\d+\/3000$/)

    const { ws, events, call } = await client()
    // Paused, nothing but the scale changes the lab: the page can learn of it only from the summary.
    const pause = await call('lab:command', { command: { type: 'clock.speed', speed: 'pause' } })
    expect(pause.ok).toBe(true)
    const before = (await call('lab:snapshot', {})).data
    expect(pods(before.view)).toHaveLength(3000)
    const session = (await call('console:open', {})).data.sessionId
    const line = 'kubectl scale deployment d --replicas=0'
    const run = await call('console:run', { sessionId: session, line })
    expect(run.data.output).toContain('deployment.apps/d scaled')

    // The pause may be merged into it: what counts is that it covers the scale.
    const summary = await until(() => events.find((e) => e.event === 'lab:changes' && e.payload.resync))
    expect(summary.payload.changes).toEqual([])
    expect(summary.payload.from).toBeLessThanOrEqual(before.version)
    expect(summary.payload.version).toBeGreaterThan(before.version)
    const after = (await call('lab:snapshot', {})).data
    expect(after.version).toBeGreaterThanOrEqual(summary.payload.version)
    // Pending pods went at once; the running ones are Terminating for their grace period.
    const left = pods(after.view)
    expect(left.length).toBeLessThan(3000)
    expect(left.every((p: Json) => p.metadata.deletionTimestamp)).toBe(true)
    expect((await call('lab:info', {})).ok).toBe(true)
    ws.close()
  })

  it('the page pulls a new snapshot and shows the deployment scaled', async () => {
    await expect.poll(() => readyCell().innerText(), { timeout: 30_000 }).toMatch(/^\d+\/0$/)
    expect(s.errors).toEqual([])
  })
})

async function until<T>(find: () => T | undefined): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const found = find()
    if (found !== undefined) return found
    await new Promise((done) => setTimeout(done, 50))
  }
  throw new Error('Timed out waiting for the change event.')
}
