import { describe, expect, it } from 'vitest'
import { DEFAULT_HARDWARE } from '../../hci/build'
import { Lab } from '../../lab'
import { ConsoleSession } from '../session'
import { text } from '../testkit'
import { withCluster } from './fixtures'
import { STORAGE_OBJECTS } from './fixtures-storage'

// The storage, stateful set, service and job printers on hand-built objects. The clock stands at
// T0 + 5m21s; the cluster is v1.20.7, whose server-side tables kubectl prints.

function kubectl() {
  const lab = Lab.create({ name: 'Test', seed: 1, hardware: DEFAULT_HARDWARE })
  const session = new ConsoleSession(
    {
      state: () => withCluster(lab.state, STORAGE_OBJECTS),
      dispatch: () => ({ ok: true, data: undefined }),
    },
    { color: false },
  )
  return (line: string) => session.run(line).output
}

describe('kubectl get: storage and workloads', () => {
  it('prints persistent volumes and claims with the v1.20 columns', () => {
    const run = kubectl()
    expect(run('kubectl get pv')).toBe(
      text(
        'NAME                                       CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS   CLAIM               STORAGECLASS   REASON   AGE',
        'pvc-e11dbfa2-3fc1-4d2c-9c5e-0a1b2c3d4e5f   100Gi      RWO            Delete           Bound    default/bigvolume   default                 20s',
      ),
    )
    expect(run('kubectl get pvc')).toBe(
      text(
        'NAME        STATUS    VOLUME                                     CAPACITY   ACCESS MODES   STORAGECLASS   AGE',
        'bigvolume   Bound     pvc-e11dbfa2-3fc1-4d2c-9c5e-0a1b2c3d4e5f   100Gi      RWO            default        21s',
        'waiting     Pending                                                                        slow           1s',
      ),
    )
    expect(run('kubectl get persistentvolumeclaims -o wide')).toContain('VOLUMEMODE')
    expect(run('kubectl get pvc -A')).toContain('NAMESPACE   NAME')
  })

  it('marks the default storage class; lists kinds together with comma lists', () => {
    const run = kubectl()
    expect(run('kubectl get sc')).toBe(
      text(
        'NAME                PROVISIONER           RECLAIMPOLICY   VOLUMEBINDINGMODE   ALLOWVOLUMEEXPANSION   AGE',
        'default (default)   disk.csi.akshci.com   Delete          Immediate           true                   5m21s',
      ),
    )
    const both = run('kubectl get pv,pvc')
    expect(both).toContain('persistentvolume/pvc-e11dbfa2')
    expect(both).toContain('\n\nNAME                              STATUS    VOLUME')
    expect(both).toContain('persistentvolumeclaim/bigvolume')
    expect(run('kubectl get storageclass.storage.k8s.io -o name')).toBe('storageclass.storage.k8s.io/default')
  })

  it('prints stateful sets, services and jobs', () => {
    const run = kubectl()
    expect(run('kubectl get statefulset')).toBe(text('NAME    READY   AGE', 'demo3   5/5     2m35s'))
    expect(run('kubectl get sts -o wide')).toBe(
      text(
        'NAME    READY   AGE     CONTAINERS   IMAGES',
        'demo3   5/5     2m35s   demo3        mcr.microsoft.com/azurestackhci/aks-demo:latest',
      ),
    )
    expect(run('kubectl get svc')).toBe(
      text(
        'NAME   TYPE           CLUSTER-IP    EXTERNAL-IP   PORT(S)        AGE',
        'web    LoadBalancer   10.96.12.34   <pending>     80:30572/TCP   4m21s',
      ),
    )
    expect(run('kubectl get jobs')).toBe(
      text('NAME   COMPLETIONS   DURATION   AGE', 'pi     1/1           37s        4m21s'),
    )
  })
})
