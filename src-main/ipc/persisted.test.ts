import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ConsoleSession } from '../engine/console'
import { FLOW } from '../engine/console/testkit'
import { DEFAULT_HARDWARE } from '../engine/hci/build'
import { LabStore } from '../persistence'
import { dispatchAndSave, type OpenLab } from './persisted'

// What reaches the lab file from the console: every command that changed the lab, and nothing else.
// A command the engine refused, or one whose every document was rejected, is not a logged no-op.

const FILES: Record<string, string> = {
  'elsewhere.yaml':
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: lost\n  namespace: nowhere\nspec:\n  containers:\n  - name: c\n    image: nginx\n',
  'pod.yaml':
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: c\n    image: nginx\n',
}

let dir: string
let opened: OpenLab
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hci-persisted-'))
  opened = LabStore.create(join(dir, 'lab.hcilab'), { name: 'Lab', seed: 1, hardware: DEFAULT_HARDWARE })
})
afterEach(() => {
  opened.store.close()
  rmSync(dir, { recursive: true, force: true })
})

/** The commands appended to the file so far (the file itself is locked while open). */
let loggedCommands: () => number

/** A console whose every command goes through dispatchAndSave, on a lab with a workload cluster. */
function savingConsole() {
  const { lab, store } = opened
  const session = new ConsoleSession(
    {
      state: () => lab.state,
      dispatch: (c) => dispatchAndSave(lab, store, c),
      readFile: (p) => FILES[p] ?? null,
    },
    { color: false },
  )
  const advance = (minutes: number) =>
    dispatchAndSave(lab, store, { type: 'clock.advance', ms: minutes * 60_000 })
  const waitFor = (line: string, minutes: number) => {
    const started = session.run(line)
    advance(minutes)
    session.progress()
    if (started.wait && session.resume().error !== undefined) throw new Error(`${line} failed`)
  }
  const append = vi.spyOn(store, 'append')
  loggedCommands = () => append.mock.calls.length
  waitFor(FLOW, 60)
  waitFor('New-AksHciCluster -clusterName demo -linuxNodeCount 1', 12)
  session.run('Get-AksHciCredential -name demo')
  return session
}

describe('dispatchAndSave', () => {
  it.each([
    [
      'a manifest whose only document is rejected',
      'kubectl apply -f elsewhere.yaml',
      /namespaces "nowhere" not found/,
    ],
    ['scaling what does not exist', 'kubectl scale deployment nope --replicas=2', /not found/],
    ['deleting what does not exist', 'kubectl delete pod nope', /not found/],
    ['labelling what does not exist', 'kubectl label pod nope a=b', /not found/],
    ['a cmdlet the engine refuses', 'New-Volume -FriendlyName Volume01 -Size 1GB', /already exists|in use/],
  ])('does not log %s', (_, line, message) => {
    const session = savingConsole()
    const before = loggedCommands()
    const reply = session.run(line)
    expect(reply.error ?? '').toMatch(message)
    expect(loggedCommands()).toBe(before)
  })

  it('logs a command that changed the lab, once, and the file reopens to the same lab', () => {
    const session = savingConsole()
    const before = loggedCommands()
    expect(session.run('kubectl apply -f pod.yaml').output).toBe('pod/web created')
    expect(loggedCommands()).toBe(before + 1)
    expect(session.run('kubectl apply -f pod.yaml').output).toBe('pod/web unchanged')
    expect(loggedCommands()).toBe(before + 1)
    const live = opened.lab.hash()
    opened.store.saveClock(opened.lab.now)
    opened.store.close()
    opened = LabStore.open(opened.store.file)
    expect(opened.lab.hash()).toBe(live)
  })
})
