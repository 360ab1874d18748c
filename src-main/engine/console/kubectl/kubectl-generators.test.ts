import { describe, expect, it } from 'vitest'
import { demoStory } from './story'

// kubectl's generators on the engine's own cluster: create deployment, run, expose, with their
// outputs and refusals as kubectl 1.32 prints them.

describe('kubectl create deployment, run and expose', () => {
  const c = demoStory()
  const { run } = c
  const advance = (ms: number) => c.lab.dispatch({ type: 'clock.advance', ms })

  it('creates a deployment from flags, labelled app=NAME, its container named after the image', () => {
    expect(run('kubectl create deployment web --image=nginx:1.21 --replicas=2 --port=80')).toBe(
      'deployment.apps/web created',
    )
    expect(run("kubectl get deployment web -o jsonpath='{.spec.template.spec.containers[0].name}'")).toBe(
      'nginx',
    )
    expect(run('kubectl create deployment web --image=nginx:1.21')).toBe(
      'error: failed to create deployment: deployments.apps "web" already exists',
    )
    expect(run('kubectl create deployment other')).toBe('error: required flag(s) "image" not set')
  })

  it('runs a pod labelled run=NAME, and refuses a second one of that name', () => {
    expect(run('kubectl run hello --image=busybox --restart=Never -- echo hi')).toBe('pod/hello created')
    advance(60_000)
    expect(run('kubectl get pod hello')).toMatch(/\nhello\s+0\/1\s+Completed\s+0\s/)
    expect(run('kubectl logs hello')).toBe('hi')
    expect(run('kubectl run hello --image=busybox')).toBe(
      'Error from server (AlreadyExists): pods "hello" already exists',
    )
    expect(run('kubectl run nothing')).toBe('error: --image is required')
  })

  it('exposes a deployment on its container port as a Service with its selector and endpoints', () => {
    advance(60_000)
    expect(run('kubectl expose deployment web --type=LoadBalancer')).toBe('service/web exposed')
    expect(
      run("kubectl get svc web -o jsonpath='{.spec.selector.app},{.spec.ports[0].port},{.spec.type}'"),
    ).toBe('web,80,LoadBalancer')
    expect(run('kubectl get endpoints web')).toMatch(
      /^NAME\s+ENDPOINTS\s+AGE\nweb\s+10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80\s/,
    )
    expect(run('kubectl expose deployment nope --port=80')).toBe(
      'Error from server (NotFound): deployments.apps "nope" not found',
    )
  })
})
