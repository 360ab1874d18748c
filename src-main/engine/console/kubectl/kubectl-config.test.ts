import { describe, expect, it } from 'vitest'
import { DEFAULT_HARDWARE } from '../../hci/build'
import { Lab } from '../../lab'
import { ConsoleSession } from '../session'
import { text } from '../testkit'
import { node, withCluster } from './fixtures'

// kubectl config (the kubeconfig Get-AksHciCredential wrote) and kubectl api-resources, compared
// with what kubectl 1.32 prints for the same kubeconfig.

function kubectl(current: string | null = 'demo') {
  const lab = Lab.create({ name: 'Test', seed: 1, hardware: DEFAULT_HARDWARE })
  const dispatched: unknown[] = []
  const session = new ConsoleSession(
    {
      state: () => withCluster(lab.state, [node('moc-lcp0000001', '192.168.0.10', true)], current),
      dispatch: (c) => (dispatched.push(c), { ok: true, data: undefined }),
    },
    { color: false },
  )
  return { run: (line: string) => session.run(line).output, dispatched }
}

describe('kubectl config', () => {
  it('views the kubeconfig with the certificate data omitted', () => {
    const yaml = text(
      'apiVersion: v1',
      'clusters:',
      '- cluster:',
      '    certificate-authority-data: DATA+OMITTED',
      '    server: https://192.168.0.201:6443',
      '  name: demo',
      'contexts:',
      '- context:',
      '    cluster: demo',
      '    user: demo-admin',
      '  name: demo-admin@demo',
      'current-context: demo-admin@demo',
      'kind: Config',
      'preferences: {}',
      'users:',
      '- name: demo-admin',
      '  user:',
      '    client-certificate-data: DATA+OMITTED',
      '    client-key-data: DATA+OMITTED',
    )
    const { run } = kubectl()
    expect(run('kubectl config view')).toBe(yaml)
    expect(run('kubectl config view --minify')).toBe(yaml)
    const json = run('kubectl config view -o json')
    expect(json.split('\n').slice(0, 5)).toEqual([
      '{',
      '    "kind": "Config",',
      '    "apiVersion": "v1",',
      '    "preferences": {},',
      '    "clusters": [',
    ])
    expect(run("kubectl config view -o jsonpath='{.contexts[*].name}'")).toBe('demo-admin@demo')
    expect(run('kubectl config view --raw')).toMatch(/certificate-authority-data: [A-Za-z0-9+/]+=*\n/)
  })

  it('views an empty kubeconfig, and refuses to minify without a current context', () => {
    const { run } = kubectl(null)
    expect(run('kubectl config view --minify')).toBe('error: current-context must exist in order to minify')
    expect(run('kubectl config current-context')).toBe('error: current-context is not set')
  })

  it('lists contexts, clusters and users; switches context', () => {
    const { run, dispatched } = kubectl()
    expect(run('kubectl config get-contexts')).toBe(
      text(
        'CURRENT   NAME              CLUSTER   AUTHINFO     NAMESPACE',
        '*         demo-admin@demo   demo      demo-admin   ',
      ),
    )
    expect(run('kubectl config get-contexts -o name')).toBe('demo-admin@demo')
    expect(run('kubectl config get-clusters')).toBe(text('NAME', 'demo'))
    expect(run('kubectl config get-users')).toBe(text('NAME', 'demo-admin'))
    expect(run('kubectl config current-context')).toBe('demo-admin@demo')
    expect(run('kubectl config use-context demo-admin@demo')).toBe('Switched to context "demo-admin@demo".')
    expect(dispatched).toEqual([{ type: 'kube.useContext', name: 'demo' }])
    expect(run('kubectl config use-context x')).toBe('error: no context exists with the name: "x"')
    expect(run('kubectl config use-context')).toBe('error: Unexpected args: []')
    expect(run('kubectl config get-contexts x')).toBe('error: context x not found')
    expect(run('kubectl config foo')).toBe(
      text('error: unknown command "foo"', "See 'kubectl config -h' for help and examples"),
    )
  })
})

describe('kubectl api-resources', () => {
  it('lists the resource types the lab serves, by group then name', () => {
    const { run } = kubectl()
    expect(run('kubectl api-resources')).toBe(
      text(
        'NAME                     SHORTNAMES   APIVERSION          NAMESPACED   KIND',
        'configmaps               cm           v1                  true         ConfigMap',
        'endpoints                ep           v1                  true         Endpoints',
        'events                   ev           v1                  true         Event',
        'namespaces               ns           v1                  false        Namespace',
        'nodes                    no           v1                  false        Node',
        'persistentvolumeclaims   pvc          v1                  true         PersistentVolumeClaim',
        'persistentvolumes        pv           v1                  false        PersistentVolume',
        'pods                     po           v1                  true         Pod',
        'secrets                               v1                  true         Secret',
        'services                 svc          v1                  true         Service',
        'daemonsets               ds           apps/v1             true         DaemonSet',
        'deployments              deploy       apps/v1             true         Deployment',
        'replicasets              rs           apps/v1             true         ReplicaSet',
        'statefulsets             sts          apps/v1             true         StatefulSet',
        'jobs                                  batch/v1            true         Job',
        'storageclasses           sc           storage.k8s.io/v1   false        StorageClass',
      ),
    )
    expect(run('kubectl api-resources --namespaced=false -o name')).toBe(
      text('namespaces', 'nodes', 'persistentvolumes', 'storageclasses.storage.k8s.io'),
    )
    expect(run('kubectl api-resources --api-group=apps --no-headers').split('\n')[0]).toBe(
      'daemonsets     ds       apps/v1   true   DaemonSet',
    )
  })
})
