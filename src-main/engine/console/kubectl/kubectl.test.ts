import { describe, expect, it } from 'vitest'
import { DEFAULT_HARDWARE } from '../../hci/build'
import { Lab } from '../../lab'
import { ConsoleSession } from '../session'
import { text } from '../testkit'
import { node, pod, withCluster } from './fixtures'

// kubectl's printers and errors on hand-built API objects (the engine's own clusters are tested in
// clusters.test.ts): layout, AGE, selectors, output formats, contexts.

const OBJECTS = [
  node('moc-lcp0000001', '192.168.0.10', true),
  node('moc-lwk0000001', '192.168.0.11', false, 60_000),
  pod('coredns-66bff467f8-abcde', 'kube-system', 'moc-lcp0000001', 0),
  pod('kube-proxy-x7k2p', 'kube-system', 'moc-lwk0000001', 60_000),
  pod('web-7d4b9c-zzz11', 'default', 'moc-lwk0000001', 5 * 60_000, {
    status: {
      phase: 'Running',
      containerStatuses: [
        {
          name: 'main',
          ready: false,
          restartCount: 3,
          state: { waiting: { reason: 'CrashLoopBackOff' } },
          lastState: { terminated: { exitCode: 1, finishedAt: '2024-03-01T10:05:01Z' } },
        },
      ],
    },
  }),
]

function kubectl(objects = OBJECTS, current: string | null = 'demo') {
  const lab = Lab.create({ name: 'Test', seed: 1, hardware: DEFAULT_HARDWARE })
  const dispatched: unknown[] = []
  const session = new ConsoleSession(
    {
      state: () => withCluster(lab.state, objects, current),
      dispatch: (c) => (dispatched.push(c), { ok: true, data: undefined }),
    },
    { color: false },
  )
  return { run: (line: string) => session.run(line).output, dispatched }
}

describe('kubectl get', () => {
  it('lists pods in all namespaces with a NAMESPACE column, AGE from the virtual clock', () => {
    expect(kubectl().run('kubectl get pod -A')).toBe(
      text(
        'NAMESPACE     NAME                       READY   STATUS             RESTARTS      AGE',
        'default       web-7d4b9c-zzz11           0/1     CrashLoopBackOff   3 (20s ago)   21s',
        'kube-system   coredns-66bff467f8-abcde   1/1     Running            0             5m21s',
        'kube-system   kube-proxy-x7k2p           1/1     Running            0             4m21s',
      ),
    )
  })

  it('defaults to the default namespace; -n and --namespace= pick another', () => {
    const { run } = kubectl()
    expect(run('kubectl get pods')).toContain('web-7d4b9c-zzz11')
    expect(run('kubectl get po --namespace=kube-system -o name')).toBe(
      text('pod/coredns-66bff467f8-abcde', 'pod/kube-proxy-x7k2p'),
    )
    expect(run('kubectl get pods -n kube-public')).toBe('No resources found in kube-public namespace.')
  })

  it('prints nodes with roles, -o wide and --show-labels', () => {
    const { run } = kubectl()
    expect(run('kubectl get nodes')).toBe(
      text(
        'NAME             STATUS   ROLES    AGE     VERSION',
        'moc-lcp0000001   Ready    master   5m21s   v1.20.7',
        'moc-lwk0000001   Ready    <none>   4m21s   v1.20.7',
      ),
    )
    expect(run('kubectl get no -o wide')).toBe(
      text(
        'NAME             STATUS   ROLES    AGE     VERSION   INTERNAL-IP    EXTERNAL-IP   OS-IMAGE            KERNEL-VERSION    CONTAINER-RUNTIME',
        'moc-lcp0000001   Ready    master   5m21s   v1.20.7   192.168.0.10   <none>        CBL-Mariner/Linux   5.10.78.1-1.cm1   containerd://1.4.4',
        'moc-lwk0000001   Ready    <none>   4m21s   v1.20.7   192.168.0.11   <none>        CBL-Mariner/Linux   5.10.78.1-1.cm1   containerd://1.4.4',
      ),
    )
    expect(run('kubectl get nodes --show-labels').split('\n')[1]).toMatch(
      /v1\.20\.7 {3}kubernetes\.io\/os=linux,node-role\.kubernetes\.io\/master=$/,
    )
  })

  it('filters by label selectors: equality, inequality, existence, set', () => {
    const { run } = kubectl()
    expect(run('kubectl get pods -A -l app=coredns -o name')).toBe('pod/coredns-66bff467f8-abcde')
    expect(run('kubectl get pods -A -l app!=coredns -o name')).toBe(
      text('pod/web-7d4b9c-zzz11', 'pod/kube-proxy-x7k2p'),
    )
    expect(run("kubectl get pods -A -l 'app in (kube,web)' -o name")).toBe(
      text('pod/web-7d4b9c-zzz11', 'pod/kube-proxy-x7k2p'),
    )
    expect(run('kubectl get pods -A -l !app')).toBe('No resources found')
  })

  it('prints yaml and json as the API server returns objects', () => {
    const { run } = kubectl()
    const yaml = run('kubectl get pod web-7d4b9c-zzz11 -o yaml')
    expect(yaml.split('\n').slice(0, 4)).toEqual([
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  creationTimestamp: "2024-03-01T10:05:00Z"',
    ])
    const list = run('kubectl get nodes -o yaml').split('\n')
    expect(list[0]).toBe('apiVersion: v1')
    expect(list[1]).toBe('items:')
    expect(list[2]).toBe('- apiVersion: v1')
    expect(list.slice(-3)).toEqual(['kind: List', 'metadata:', '  resourceVersion: ""'])
    const json = JSON.parse(run('kubectl get nodes -o json'))
    expect(json.kind).toBe('List')
    expect(json.items).toHaveLength(2)
    expect(run('kubectl get node moc-lcp0000001 -o json')).toMatch(
      /^\{\n {4}"apiVersion": "v1",\n {4}"kind": "Node",/,
    )
  })

  it('words errors as kubectl does', () => {
    const { run } = kubectl()
    expect(run('kubectl get foo')).toBe('error: the server doesn\'t have a resource type "foo"')
    expect(run('kubectl get pod nope')).toBe('Error from server (NotFound): pods "nope" not found')
    expect(run('kubectl get pods --bogus')).toBe(
      text('Error: unknown flag: --bogus', "See 'kubectl get --help' for usage."),
    )
    expect(run('kubectl get pods -o table')).toMatch(
      /^error: unable to match a printer suitable for the output format "table"/,
    )
    expect(kubectl(OBJECTS, null).run('kubectl get pods')).toBe(
      'The connection to the server localhost:8080 was refused - did you specify the right host or port?',
    )
  })
})

describe('kubectl describe, version, cluster-info, config', () => {
  it('describes a node in kubectl layout', () => {
    const out = kubectl().run('kubectl describe node moc-lwk0000001').split('\n')
    expect(out.slice(0, 4)).toEqual([
      'Name:               moc-lwk0000001',
      'Roles:              <none>',
      'Labels:             kubernetes.io/os=linux',
      'Annotations:        <none>',
    ])
    expect(out).toContain('CreationTimestamp:  Fri, 01 Mar 2024 10:01:00 +0000')
    // System Info's block runs on through PodCIDR to Events, as in kubectl's own output.
    expect(out.at(-1)).toMatch(/^Events: {23}<none>$/)
  })

  it('describes a pod: status, containers, restarts', () => {
    const out = kubectl().run('kubectl describe pod web-7d4b9c-zzz11')
    expect(out).toContain('Namespace:        default')
    expect(out).toContain('    State:          Waiting\n      Reason:       CrashLoopBackOff')
    expect(out).toContain('    Restart Count:  3')
  })

  it('prints versions with the skew warning, cluster-info and contexts', () => {
    const { run, dispatched } = kubectl()
    expect(run('kubectl version')).toBe(
      text(
        'Client Version: v1.32.4',
        'Kustomize Version: v5.5.0',
        'Server Version: v1.20.7',
        'WARNING: version difference between client (1.32) and server (1.20) exceeds the supported minor version skew of +/-1',
      ),
    )
    expect(run('kubectl cluster-info')).toBe(
      text(
        'Kubernetes control plane is running at https://192.168.0.201:6443',
        'CoreDNS is running at https://192.168.0.201:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy',
        '',
        "To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.",
      ),
    )
    expect(run('kubectl config get-contexts')).toBe(
      text(
        'CURRENT   NAME              CLUSTER   AUTHINFO     NAMESPACE',
        '*         demo-admin@demo   demo      demo-admin   ',
      ),
    )
    expect(run('kubectl config use-context demo-admin@demo')).toBe('Switched to context "demo-admin@demo".')
    expect(dispatched).toEqual([{ type: 'kube.useContext', name: 'demo' }])
    expect(run('kubectl config use-context x')).toBe('error: no context exists with the name: "x"')
  })
})
