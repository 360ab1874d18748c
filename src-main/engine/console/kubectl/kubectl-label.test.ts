import { describe, expect, it } from 'vitest'
import { demoStory } from './story'

// kubectl label and annotate on the story's cluster: add, overwrite (refused without --overwrite),
// remove, and kubectl's words for each.

describe('kubectl label and annotate', () => {
  const { run } = demoStory()

  it('labels, refuses a new value without --overwrite, overwrites, and removes', () => {
    expect(run('kubectl label deployment demo2 tier=web')).toBe('deployment.apps/demo2 labeled')
    expect(run('kubectl get deployment demo2 --show-labels')).toContain('tier=web')
    expect(run('kubectl label deployment demo2 tier=db')).toBe(
      "error: 'tier' already has a value (web), and --overwrite is false",
    )
    expect(run('kubectl label deployment demo2 tier=db --overwrite')).toBe('deployment.apps/demo2 labeled')
    expect(run('kubectl label deployment demo2 tier=db')).toBe('deployment.apps/demo2 not labeled')
    expect(run('kubectl label deployment demo2 tier-')).toBe('deployment.apps/demo2 unlabeled')
    expect(run('kubectl get deployment demo2 --show-labels')).not.toContain('tier=')
    expect(run('kubectl label node nope a=b')).toBe('Error from server (NotFound): nodes "nope" not found')
  })

  it('refuses what kubectl and the API server refuse, in their words, and changes nothing', () => {
    // kubectl checks a label's value itself (label.go parseLabels); keys are the server's to judge.
    expect(run('kubectl label pod demo3-0 tier=@@@')).toBe(
      `error: invalid label value: "tier=@@@": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    )
    expect(run('kubectl label pod demo3-0 Example.com/tier=a')).toContain(
      'metadata.labels: Invalid value: "Example.com/tier": prefix part a lowercase RFC 1123 subdomain',
    )
    expect(run('kubectl get pod demo3-0 --show-labels')).not.toContain('tier=')
  })

  it('annotates', () => {
    expect(run('kubectl annotate pod demo3-0 owner=team-a')).toBe('pod/demo3-0 annotated')
    expect(run("kubectl get pod demo3-0 -o jsonpath='{.metadata.annotations.owner}'")).toBe('team-a')
  })
})
