import type { CommandInput } from '@shared/commands'
import { ConsoleSession } from '../session'
import { demoStory } from './story'

// Test fixture (not a test file): the story's lab behind an in-app kubectl that reads manifests
// from a map of files, and the commands the lab acknowledged (what a lab file would log).

export function validationLab() {
  const { lab } = demoStory()
  const files = new Map<string, string>()
  const acknowledged: CommandInput[] = []
  const session = new ConsoleSession(
    {
      state: () => lab.state,
      dispatch: (command) => {
        const result = lab.dispatch(command)
        if (result.ok) acknowledged.push(command)
        return result
      },
      readFile: (path) => files.get(path) ?? null,
    },
    { color: false },
  )
  const run = (line: string) => session.run(line).output
  /** Runs a line that must be refused: its output, and whether the lab and its log stayed as they were. */
  const refused = (line: string) => {
    const hash = lab.hash()
    const logged = acknowledged.length
    const output = run(line)
    return { output, unchanged: lab.hash() === hash && acknowledged.length === logged }
  }
  return { lab, files, run, refused, acknowledged }
}

/** A Deployment `d` whose spec.replicas is the YAML text given. */
export const deploymentWithReplicas = (replicas: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: d}}
  template:
    metadata: {labels: {app: d}}
    spec:
      containers: [{name: web, image: nginx}]
`

/** A PersistentVolumeClaim asking for the YAML text given. */
export const claimOf = (storage: string, name = 'c') => `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: ${name}}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: ${storage}}}
`
