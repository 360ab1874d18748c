import type { KubeObject } from '@shared/contract'
import type { KubeObjectResult } from '@shared/kube-results'
import { SAMPLE_MANIFESTS } from '@shared/manifests'
import { describe, expect, it } from 'vitest'
import { DEFAULT_HARDWARE } from '../../hci/build'
import { Lab } from '../../lab'
import { ConsoleSession } from '../session'
import { text } from '../testkit'
import { pod, withCluster } from './fixtures'
import { STORAGE_OBJECTS } from './fixtures-storage'

// kubectl's mutating verbs against a stand-in engine (each command answers canned results), and
// logs/exec/rollout on hand-built objects: what is sent, and how the answers print.

const PV = 'pvc-e11dbfa2-3fc1-4d2c-9c5e-0a1b2c3d4e5f'
const LOG = ['[10:00:00 AM] Hello from container 735613d8...8d3f6a82! Running for 0 minutes.']
const mounted = (name: string, extra: Record<string, unknown> = {}) => {
  const p = pod(name, 'default', 'moc-lwk0000001', 0, extra)
  const spec = p.spec as Record<string, unknown>
  spec.containers = [
    {
      name,
      image: 'mcr.microsoft.com/azurestackhci/aks-demo:latest',
      volumeMounts: [{ name: 'v', mountPath: '/storage' }],
    },
  ]
  spec.volumes = [{ name: 'v', persistentVolumeClaim: { claimName: 'bigvolume' } }]
  return p
}
const OBJECTS: KubeObject[] = [
  ...STORAGE_OBJECTS,
  mounted('demo1'),
  mounted('demo9', {
    status: {
      phase: 'Pending',
      containerStatuses: [{ name: 'demo9', state: { waiting: { reason: 'ContainerCreating' } } }],
    },
  }),
  {
    apiVersion: 'v1',
    kind: 'VolumeData',
    metadata: { name: PV, uid: 'u', resourceVersion: '1', creationTimestamp: '' },
    files: { '/log.txt': { lines: LOG, bytes: 80 } },
  } as unknown as KubeObject,
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'demo2',
      namespace: 'default',
      uid: 'u2',
      resourceVersion: '1',
      creationTimestamp: '2024-03-01T10:00:00Z',
    },
    spec: { replicas: 5 },
    status: { replicas: 5, updatedReplicas: 5, availableReplicas: 1, readyReplicas: 1 },
  },
]

function kubectl(answer: (c: Record<string, unknown>) => KubeObjectResult[] = () => []) {
  const lab = Lab.create({ name: 'Test', seed: 1, hardware: DEFAULT_HARDWARE })
  const sent: Record<string, unknown>[] = []
  const session = new ConsoleSession(
    {
      state: () => withCluster(lab.state, OBJECTS),
      dispatch: (c) => (
        sent.push(c as Record<string, unknown>),
        { ok: true, data: { results: answer(c as Record<string, unknown>) } }
      ),
      readFile: (path) => (path === '/tmp/x.yaml' ? 'kind: Pod' : null),
    },
    { color: false },
  )
  return { run: (line: string) => session.run(line), sent }
}

const ok = (kind: string, name: string, resource: string, action: KubeObjectResult['action']) => ({
  kind,
  name,
  namespace: 'default',
  resource,
  action,
})

describe('kubectl apply, create, delete, scale, patch', () => {
  it('apply -f sends the home folder file and prints one line per document', () => {
    const { run, sent } = kubectl(() => [
      ok('PersistentVolumeClaim', 'myvolumeclaim', 'persistentvolumeclaim', 'unchanged'),
      ok('Deployment', 'demo2', 'deployment.apps', 'configured'),
    ])
    const reply = run('kubectl apply -f demo2.yaml')
    expect(reply.output).toBe(
      text('persistentvolumeclaim/myvolumeclaim unchanged', 'deployment.apps/demo2 configured'),
    )
    expect(reply.error).toBeUndefined()
    expect(sent).toEqual([
      {
        type: 'kube.apply',
        cluster: 'demo',
        manifest: SAMPLE_MANIFESTS['demo2.yaml'],
        mode: 'apply',
        namespace: null,
      },
    ])
  })

  it('prints the good documents, then the failed ones with the file name; the line fails', () => {
    const { run } = kubectl(() => [
      ok('Pod', 'demo1', 'pod', 'created'),
      {
        kind: 'PersistentVolumeClaim',
        name: 'x',
        namespace: 'default',
        resource: 'persistentvolumeclaim',
        error:
          'Error from server (AlreadyExists): error when creating "{file}": persistentvolumeclaims "x" already exists',
      },
    ])
    const reply = run('kubectl create -f .\\demo1.yaml')
    expect(reply.output).toBe(
      text(
        'pod/demo1 created',
        'Error from server (AlreadyExists): error when creating ".\\demo1.yaml": persistentvolumeclaims "x" already exists',
      ),
    )
    expect(reply.error).toBeDefined()
  })

  it('reads real files through the host, the pipeline with -f -, and refuses missing paths', () => {
    const { run, sent } = kubectl(() => [ok('Pod', 'p', 'pod', 'created')])
    expect(run('kubectl apply -f /tmp/x.yaml').output).toBe('pod/p created')
    expect(sent[0]).toMatchObject({ manifest: 'kind: Pod' })
    run('Get-Content pvc.yaml | kubectl create -f - -n team')
    expect(sent[1]).toMatchObject({
      manifest: SAMPLE_MANIFESTS['pvc.yaml']!.trimEnd(),
      mode: 'create',
      namespace: 'team',
    })
    expect(run('kubectl apply -f nope.yaml').output).toBe('error: the path "nope.yaml" does not exist')
    expect(run('kubectl apply').output).toBe('error: must specify one of -f and -k')
  })

  it('delete by file, by name and by selector prints kubectl\'s "deleted" lines', () => {
    const { run, sent } = kubectl((c) => [ok('Pod', String(c.name ?? 'demo1'), 'pod', 'deleted')])
    expect(run('kubectl delete pod demo1').output).toBe('pod "demo1" deleted')
    expect(run('kubectl delete -f demo1.yaml').output).toBe('pod "demo1" deleted')
    run('kubectl delete pods -l mylabel=demo2')
    expect(sent.map((c) => [c.kind, c.name, c.selector])).toEqual([
      ['Pod', 'demo1', undefined],
      [undefined, undefined, undefined],
      ['Pod', undefined, 'mylabel=demo2'],
    ])
    expect(run('kubectl delete').output).toContain('error: You must provide one or more resources')
  })

  it('scale and patch', () => {
    const { run, sent } = kubectl((c) => [
      ok('Deployment', 'demo2', 'deployment.apps', c.type === 'kube.scale' ? 'scaled' : 'patched'),
    ])
    expect(run('kubectl scale --replicas=5 deployment/demo2').output).toBe('deployment.apps/demo2 scaled')
    expect(run('kubectl scale deploy demo2 --replicas 1').output).toBe('deployment.apps/demo2 scaled')
    expect(sent.map((c) => c.replicas)).toEqual([5, 1])
    expect(run('kubectl scale deployment demo2').output).toBe('error: required flag(s) "replicas" not set')
    expect(run(`kubectl patch deployment demo2 --type merge -p '{"spec":{"replicas":2}}'`).output).toBe(
      'deployment.apps/demo2 patched',
    )
    expect(sent[2]).toMatchObject({
      type: 'kube.patch',
      kind: 'Deployment',
      name: 'demo2',
      patch: '{"spec":{"replicas":2}}',
    })
  })
})

describe('kubectl logs, exec, rollout status', () => {
  it('cat and ls read the mounted volume; errors as kubectl and coreutils print them', () => {
    const { run } = kubectl()
    expect(run('kubectl exec demo1 -- cat ../storage/log.txt').output).toBe(LOG[0])
    expect(run('kubectl exec demo1 -- ls /storage').output).toBe(text('log.txt', 'lost+found'))
    const missing = run('kubectl exec demo1 -- cat /storage/x')
    expect(missing.output).toBe(
      text('cat: /storage/x: No such file or directory', 'command terminated with exit code 1'),
    )
    expect(missing.error).toBeDefined()
    expect(run('kubectl exec nope -- ls').output).toBe('Error from server (NotFound): pods "nope" not found')
    expect(run('kubectl exec demo9 -- ls').output).toBe(
      'error: unable to upgrade connection: container not found ("demo9")',
    )
    expect(run('kubectl exec demo1 cat x').output).toContain('exec [POD] [COMMAND] is not supported anymore')
  })

  it('logs prints the demo app lines; a waiting container is a BadRequest', () => {
    const { run } = kubectl()
    expect(run('kubectl logs demo9').output).toBe(
      'Error from server (BadRequest): container "demo9" in pod "demo9" is waiting to start: ContainerCreating',
    )
    expect(run('kubectl logs nope').output).toBe('Error from server (NotFound): pods "nope" not found')
  })

  it('rollout status reports where the deployment stands', () => {
    const { run } = kubectl()
    expect(run('kubectl rollout status deployment/demo2').output).toBe(
      'Waiting for deployment "demo2" rollout to finish: 1 of 5 updated replicas are available...',
    )
    // The hand-built StatefulSet has no status.observedGeneration: kubectl waits for the controller.
    expect(run('kubectl rollout status sts demo3').output).toBe(
      'Waiting for statefulset spec update to be observed...',
    )
  })
})
