import fs from 'node:fs'
import { LabStore } from './store'
import { labInput, workload } from './workload'

// The child process of the crash test (crash.test.ts): creates a lab, then appends commands as fast
// as it can until it is killed. Each line goes out with a synchronous write, so the parent sees
// "ack N" only after append N has returned, and "cmd N …" before append N starts.
//   usage: crash-child.ts <file> <seed>

const [file, seedText] = process.argv.slice(2)
if (!file || !seedText) throw new Error('usage: crash-child.ts <file> <seed>')
const seed = Number(seedText)
const say = (line: string) => fs.writeSync(1, `${line}\n`)

say('creating')
const { store, lab } = LabStore.create(file, labInput(seed))
say('created')
let seq = 0
for (const command of workload(seed)) {
  const at = lab.now
  if (!lab.dispatch(command).ok) continue
  seq++
  say(`cmd ${seq} ${at} ${JSON.stringify(command)}`)
  store.append(command, at, lab)
  say(`ack ${seq}`)
}
