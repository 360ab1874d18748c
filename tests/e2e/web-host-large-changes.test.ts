import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { hciLabIn, INSTALL_AKS_HOST, ROOT } from './cli-kit'

// A command that changes thousands of objects at once, against the built web host (npm run build
// first): the host sends a summary instead of a batch too large to send, stays up, and a client
// that pulls the snapshot again is exactly where the lab is.

let dir: string
let host: ChildProcess
let url: string
const hciLab = hciLabIn(() => dir)

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hci-web-large-'))
  expect(hciLab('new', 'lab.hcilab').code).toBe(0)
  const setup = hciLab(
    'run',
    'lab.hcilab',
    INSTALL_AKS_HOST,
    'New-AksHciCluster -clusterName demo -linuxNodeCount 2',
    'Get-AksHciCredential -name demo',
    'kubectl create deployment d --image=nginx',
  )
  expect(setup.code, setup.stderr).toBe(0)
  host = spawn(
    process.execPath,
    [join(ROOT, 'out/main/web.js'), '--port', '0', '--data-dir', dir, '--lab', join(dir, 'lab.hcilab')],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  url = await new Promise<string>((done, failed) => {
    createInterface({ input: host.stdout! }).once('line', done)
    host.once('exit', (code) => failed(new Error(`web host exited with ${code}`)))
  })
  const m = /listening on http:\/\/(127\.0\.0\.1:\d+)\/\?token=([\w-]+)$/.exec(url)
  if (!m) throw new Error(`unexpected first line: ${url}`)
  url = `ws://${m[1]}/ws?token=${m[2]}`
})

afterAll(async () => {
  if (host.exitCode === null) {
    host.kill('SIGTERM')
    await new Promise((done) => host.once('exit', done))
  }
  rmSync(dir, { recursive: true, force: true })
})

/** A client of the wire protocol: calls by id, and every event it was sent. */
async function client() {
  const ws = new WebSocket(url)
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
  it('reaches clients as a summary; the host stays up and a new snapshot has every change', async () => {
    const { ws, events, call } = await client()
    const before = (await call('lab:snapshot', {})).data
    expect(pods(before.view)).toHaveLength(1)
    const session = (await call('console:open', {})).data.sessionId
    const run = await call('console:run', {
      sessionId: session,
      line: 'kubectl scale deployment d --replicas=3000',
    })
    expect(run.data.output).toContain('deployment.apps/d scaled')

    const summary = await until(() =>
      events.find((e) => e.event === 'lab:changes' && e.payload.version > before.version),
    )
    expect(summary.payload).toEqual({
      from: before.version,
      version: summary.payload.version,
      changes: [],
      resync: true,
    })

    const after = (await call('lab:snapshot', {})).data
    expect(after.version).toBe(summary.payload.version)
    expect(pods(after.view)).toHaveLength(3000)
    expect((await call('lab:info', {})).ok).toBe(true)
    expect(host.exitCode).toBeNull()
    ws.close()
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
