import { describe, expect, it } from 'vitest'
import { demoStory } from './story'

// kubectl logs -c: an init container's output, the app container's, and a name the pod lacks.

describe('kubectl logs -c', () => {
  it("reads the named container's output, init containers included", () => {
    const c = demoStory()
    const manifest = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: greeter}',
      'spec:',
      '  restartPolicy: Never',
      '  initContainers: [{name: setup, image: busybox, command: [echo, getting ready]}]',
      '  containers: [{name: main, image: busybox, command: [echo, hello]}]',
    ].join('`n')
    expect(c.run(`"${manifest}" | kubectl apply -f -`)).toBe('pod/greeter created')
    c.lab.dispatch({ type: 'clock.advance', ms: 2 * 60_000 })
    expect(c.run('kubectl logs greeter -c setup')).toBe('getting ready')
    expect(c.run('kubectl logs greeter')).toBe('hello')
    expect(c.run('kubectl logs greeter -c nope')).toBe('error: container nope is not valid for pod greeter')
  })
})
