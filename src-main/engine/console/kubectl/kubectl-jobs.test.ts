import { describe, expect, it } from 'vitest'
import { demoStory } from './story'

// Jobs through kubectl on the engine's own cluster (story.ts): create job's generator, get jobs
// with a 1.20 server's columns, pods Completed / Error, logs of echo, describe job, delete with GC.

function story() {
  const c = demoStory()
  const advance = (ms: number) => c.lab.dispatch({ type: 'clock.advance', ms })
  return { ...c, advance }
}

describe('kubectl and Jobs', () => {
  it('creates a job, runs it to completion and shows it as kubectl does', () => {
    const { run, advance } = story()
    expect(run('kubectl create job hello --image=busybox -- echo hello world')).toBe(
      'job.batch/hello created',
    )
    expect(run('kubectl get jobs')).toMatch(/^NAME\s+COMPLETIONS\s+DURATION\s+AGE\nhello\s+0\/1\s+0s\s+0s$/)
    advance(60_000)
    const jobs = run('kubectl get jobs -o wide')
    expect(jobs.split('\n')[0]).toMatch(
      /^NAME\s+COMPLETIONS\s+DURATION\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR$/,
    )
    expect(jobs.split('\n')[1]).toMatch(
      /^hello\s+1\/1\s+\d+s\s+60s\s+hello\s+busybox\s+controller-uid=[0-9a-f-]{36}$/,
    )
    const pods = run('kubectl get pods -l job-name=hello')
    expect(pods).toMatch(/\nhello-[a-z0-9]{5}\s+0\/1\s+Completed\s+0\s+\d+s$/)
    const name = pods.split('\n')[1]!.split(/\s+/)[0]!
    expect(run(`kubectl logs ${name}`)).toBe('hello world')
    const described = run('kubectl describe job hello')
    for (const line of [
      /^Name:\s+hello$/m,
      /^Selector:\s+controller-uid=/m,
      /^Labels:\s+controller-uid=.*\n\s+job-name=hello$/m,
      /^Parallelism:\s+1$/m,
      /^Completions:\s+1$/m,
      /^Backoff Limit:\s+6$/m,
      /^Start Time:\s+\w{3}, /m,
      /^Completed At:\s+/m,
      /^Duration:\s+\d+s$/m,
      /^Pods Statuses:\s+0 Active \/ 1 Succeeded \/ 0 Failed$/m,
      /^ {2}Containers:\n {3}hello:$/m,
      /Normal\s+SuccessfulCreate\s+\S+\s+job-controller\s+Created pod: hello-/,
      /Normal\s+Completed\s+\S+\s+job-controller\s+Job completed/,
    ])
      expect(described).toMatch(line)
    expect(run('kubectl create job hello --image=busybox -- echo again')).toBe(
      'error: failed to create job: jobs.batch "hello" already exists',
    )
    expect(run('kubectl delete job hello')).toBe('job.batch "hello" deleted')
    expect(run('kubectl get pods -l job-name=hello')).toBe('No resources found in default namespace.')
  })

  it('shows a failed pod as Error, and refuses restartPolicy Always', () => {
    const { run, advance } = story()
    run('kubectl create job bad --image=busybox -- sh -c "exit 1"')
    advance(30_000)
    expect(run('kubectl get pods -l job-name=bad')).toMatch(/\nbad-[a-z0-9]{5}\s+0\/1\s+Error\s+0\s+\d+s/)
    const manifest = [
      'apiVersion: batch/v1',
      'kind: Job',
      'metadata: {name: always}',
      'spec:',
      '  template:',
      '    spec:',
      '      containers: [{name: c, image: busybox, command: [echo, hi]}]',
    ].join('`n')
    expect(run(`"${manifest}" | kubectl apply -f -`)).toBe(
      'The Job "always" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
    )
  })
})
