import { describe, expect, it } from 'vitest'
import { installedConsole, text } from './testkit'

// The storage walkthrough (seed 002) through the console on a provisioned 2-Linux-node cluster:
// apply the home folder's manifests, read the volumes, scale out. The lab is seeded, so names, ages
// and container ids are the same every run: the answers are byte-exact goldens (kubectl's columns
// per facts §7, rows in name order as the API server lists them, 3-space column gaps).

function story() {
  const c = installedConsole()
  const started = c.session.run('New-AksHciCluster -clusterName demo -linuxNodeCount 2')
  c.lab.dispatch({ type: 'clock.advance', ms: 12 * 60_000 })
  c.session.progress()
  if (started.wait && c.session.resume().error !== undefined) throw new Error('cluster failed')
  c.run('Get-AksHciCredential -name demo')
  const advance = (minutes: number) => c.lab.dispatch({ type: 'clock.advance', ms: minutes * 60_000 })
  return { ...c, advance }
}

const vhdxFiles = (c: ReturnType<typeof story>) =>
  Object.values(c.lab.state.files).filter((f) => f.owner.kind === 'pv' && f.path.endsWith('.vhdx'))

describe('the walkthrough through kubectl', () => {
  it('pvc.yaml: a claim, then its volume from the default class', () => {
    const { run, advance } = story()
    expect(run('kubectl apply -f pvc.yaml')).toBe('persistentvolumeclaim/bigvolume created')
    advance(1)
    expect(run('kubectl get sc')).toBe(
      text(
        'NAME                PROVISIONER   RECLAIMPOLICY   VOLUMEBINDINGMODE   ALLOWVOLUMEEXPANSION   AGE',
        'default (default)   msvhd         Delete          Immediate           true                   8m',
      ),
    )
    expect(run('kubectl get pvc')).toBe(
      text(
        'NAME        STATUS   VOLUME                                     CAPACITY   ACCESS MODES   STORAGECLASS   AGE',
        'bigvolume   Bound    pvc-8205610d-f9f2-467a-8b3a-708a0f93a44e   100Gi      RWO            default        60s',
      ),
    )
    expect(run('kubectl get pv')).toBe(
      text(
        'NAME                                       CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS   CLAIM               STORAGECLASS   REASON   AGE',
        'pvc-8205610d-f9f2-467a-8b3a-708a0f93a44e   100Gi      RWO            Delete           Bound    default/bigvolume   default                 57s',
      ),
    )
    expect(run('kubectl apply -f pvc.yaml')).toBe('persistentvolumeclaim/bigvolume unchanged')
    expect(run('kubectl create -f pvc.yaml')).toContain('(AlreadyExists)')
  })

  it('demo1.yaml: the pod writes /storage/log.txt once a minute', () => {
    const { run, advance } = story()
    expect(run('kubectl apply -f demo1.yaml')).toBe(
      'persistentvolumeclaim/myvolumeclaim created\npod/demo1 created',
    )
    advance(5)
    expect(run('kubectl get pod')).toBe(
      text('NAME    READY   STATUS    RESTARTS   AGE', 'demo1   1/1     Running   0          5m'),
    )
    const log = text(
      '[10:13:00 AM] Hello from container b215515e...9647ec9d! Running for 0 minutes.',
      '[10:14:00 AM] Hello from container b215515e...9647ec9d! Running for 1 minutes.',
      '[10:15:00 AM] Hello from container b215515e...9647ec9d! Running for 2 minutes.',
      '[10:16:00 AM] Hello from container b215515e...9647ec9d! Running for 3 minutes.',
      '[10:17:00 AM] Hello from container b215515e...9647ec9d! Running for 4 minutes.',
    )
    expect(run('kubectl exec demo1 -- cat /storage/log.txt')).toBe(log)
    expect(run('kubectl exec demo1 -- cat ../storage/log.txt')).toBe(log)
    expect(run('kubectl exec demo1 -- cat /storage/none')).toContain('command terminated with exit code 1')
    expect(run('kubectl delete -f demo1.yaml')).toBe(
      'persistentvolumeclaim "myvolumeclaim" deleted\npod "demo1" deleted',
    )
  })

  it('demo2.yaml scaled 1 → 5: one node, one log; demo3.yaml: a stateful set with a claim per pod', () => {
    const c = story()
    const { run, advance } = c
    run('kubectl apply -f demo2.yaml')
    advance(3)
    expect(run('kubectl scale --replicas=5 deployment/demo2')).toBe('deployment.apps/demo2 scaled')
    advance(5)
    // demo2's required pod affinity (kubernetes.io/hostname) puts every replica on the first one's node.
    expect(run('kubectl get pod -o wide')).toBe(
      text(
        'NAME                    READY   STATUS    RESTARTS   AGE   IP           NODE              NOMINATED NODE   READINESS GATES',
        'demo2-78df8c476-98wjz   1/1     Running   0          5m    10.244.1.4   moc-lcki3vhtzh0   <none>           <none>',
        'demo2-78df8c476-bkqzk   1/1     Running   0          8m    10.244.1.2   moc-lcki3vhtzh0   <none>           <none>',
        'demo2-78df8c476-rnpxk   1/1     Running   0          5m    10.244.1.6   moc-lcki3vhtzh0   <none>           <none>',
        'demo2-78df8c476-xrxn9   1/1     Running   0          5m    10.244.1.3   moc-lcki3vhtzh0   <none>           <none>',
        'demo2-78df8c476-zzw8x   1/1     Running   0          5m    10.244.1.5   moc-lcki3vhtzh0   <none>           <none>',
      ),
    )
    expect(run('kubectl get deploy demo2')).toBe(
      text('NAME    READY   UP-TO-DATE   AVAILABLE   AGE', 'demo2   5/5     5            5           8m'),
    )
    // Five writers, one file: the lines of a minute come together, oldest container first.
    expect(run('kubectl exec demo2-78df8c476-98wjz -- cat /storage/log.txt')).toBe(
      text(
        '[10:13:00 AM] Hello from container 73260e9c...294eac5a! Running for 0 minutes.',
        '[10:14:00 AM] Hello from container 73260e9c...294eac5a! Running for 1 minutes.',
        '[10:15:00 AM] Hello from container 73260e9c...294eac5a! Running for 2 minutes.',
        '[10:16:00 AM] Hello from container 73260e9c...294eac5a! Running for 3 minutes.',
        '[10:16:00 AM] Hello from container de1814dc...cffa99d0! Running for 0 minutes.',
        '[10:16:00 AM] Hello from container 5052d6fa...176623b1! Running for 0 minutes.',
        '[10:16:00 AM] Hello from container f6602d3f...3f9f2937! Running for 0 minutes.',
        '[10:16:00 AM] Hello from container beead84a...a5d7db8c! Running for 0 minutes.',
        '[10:17:00 AM] Hello from container 73260e9c...294eac5a! Running for 4 minutes.',
        '[10:17:00 AM] Hello from container de1814dc...cffa99d0! Running for 1 minutes.',
        '[10:17:00 AM] Hello from container 5052d6fa...176623b1! Running for 1 minutes.',
        '[10:17:00 AM] Hello from container f6602d3f...3f9f2937! Running for 1 minutes.',
        '[10:17:00 AM] Hello from container beead84a...a5d7db8c! Running for 1 minutes.',
        '[10:18:00 AM] Hello from container 73260e9c...294eac5a! Running for 5 minutes.',
        '[10:18:00 AM] Hello from container de1814dc...cffa99d0! Running for 2 minutes.',
        '[10:18:00 AM] Hello from container 5052d6fa...176623b1! Running for 2 minutes.',
        '[10:18:00 AM] Hello from container f6602d3f...3f9f2937! Running for 2 minutes.',
        '[10:18:00 AM] Hello from container beead84a...a5d7db8c! Running for 2 minutes.',
        '[10:19:00 AM] Hello from container 73260e9c...294eac5a! Running for 6 minutes.',
        '[10:19:00 AM] Hello from container de1814dc...cffa99d0! Running for 3 minutes.',
        '[10:19:00 AM] Hello from container 5052d6fa...176623b1! Running for 3 minutes.',
        '[10:19:00 AM] Hello from container f6602d3f...3f9f2937! Running for 3 minutes.',
        '[10:19:00 AM] Hello from container beead84a...a5d7db8c! Running for 3 minutes.',
        '[10:20:00 AM] Hello from container 73260e9c...294eac5a! Running for 7 minutes.',
        '[10:20:00 AM] Hello from container de1814dc...cffa99d0! Running for 4 minutes.',
        '[10:20:00 AM] Hello from container 5052d6fa...176623b1! Running for 4 minutes.',
        '[10:20:00 AM] Hello from container f6602d3f...3f9f2937! Running for 4 minutes.',
        '[10:20:00 AM] Hello from container beead84a...a5d7db8c! Running for 4 minutes.',
      ),
    )
    expect(vhdxFiles(c)).toHaveLength(1)

    expect(run('kubectl apply -f demo3.yaml')).toBe('service/demo3 created\nstatefulset.apps/demo3 created')
    advance(10)
    expect(run('kubectl get statefulset')).toBe(text('NAME    READY   AGE', 'demo3   5/5     10m'))
    expect(run('kubectl get pod -l mylabel=demo3')).toBe(
      text(
        'NAME      READY   STATUS    RESTARTS   AGE',
        'demo3-0   1/1     Running   0          10m',
        'demo3-1   1/1     Running   0          9m41s',
        'demo3-2   1/1     Running   0          9m22s',
        'demo3-3   1/1     Running   0          9m3s',
        'demo3-4   1/1     Running   0          8m44s',
      ),
    )
    expect(run('kubectl get pvc')).toBe(
      text(
        'NAME               STATUS   VOLUME                                     CAPACITY   ACCESS MODES   STORAGECLASS   AGE',
        'myvolume-demo3-0   Bound    pvc-e9a1984e-7412-4166-82e7-1193657627a1   1Gi        RWO            default        10m',
        'myvolume-demo3-1   Bound    pvc-bd1a0e86-e92e-470f-992e-1282b5766a88   1Gi        RWO            default        9m41s',
        'myvolume-demo3-2   Bound    pvc-f9ada07b-fedd-49f5-b865-8ee1a001430f   1Gi        RWO            default        9m22s',
        'myvolume-demo3-3   Bound    pvc-5c979679-97ba-48aa-92e9-be6586652d46   1Gi        RWO            default        9m3s',
        'myvolume-demo3-4   Bound    pvc-2bc4e5af-2fcc-4691-865e-03cec0d7bbcb   1Gi        RWO            default        8m44s',
        'myvolumeclaim      Bound    pvc-8205610d-f9f2-467a-8b3a-708a0f93a44e   1Gi        RWO            default        18m',
      ),
    )
    expect(run('kubectl get pv')).toBe(
      text(
        'NAME                                       CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS   CLAIM                      STORAGECLASS   REASON   AGE',
        'pvc-2bc4e5af-2fcc-4691-865e-03cec0d7bbcb   1Gi        RWO            Delete           Bound    default/myvolume-demo3-4   default                 8m41s',
        'pvc-5c979679-97ba-48aa-92e9-be6586652d46   1Gi        RWO            Delete           Bound    default/myvolume-demo3-3   default                 9m',
        'pvc-8205610d-f9f2-467a-8b3a-708a0f93a44e   1Gi        RWO            Delete           Bound    default/myvolumeclaim      default                 17m',
        'pvc-bd1a0e86-e92e-470f-992e-1282b5766a88   1Gi        RWO            Delete           Bound    default/myvolume-demo3-1   default                 9m38s',
        'pvc-e9a1984e-7412-4166-82e7-1193657627a1   1Gi        RWO            Delete           Bound    default/myvolume-demo3-0   default                 9m57s',
        'pvc-f9ada07b-fedd-49f5-b865-8ee1a001430f   1Gi        RWO            Delete           Bound    default/myvolume-demo3-2   default                 9m19s',
      ),
    )
    expect(run('kubectl get svc demo3')).toMatch(/demo3\s+ClusterIP\s+None\s+<none>/)
    // One dynamic VHDX per claim in the ledger: demo2's and the stateful set's five.
    const files = vhdxFiles(c)
    expect(files).toHaveLength(6)
    expect(files.filter((f) => f.owner.label.includes('default/myvolume-demo3-'))).toHaveLength(5)
  })

  it('kubectl describe pvc|pv: the claim, its volume, the CSI source and the events', () => {
    const { run, advance } = story()
    run('kubectl apply -f demo1.yaml')
    advance(1)
    expect(run('kubectl describe pvc myvolumeclaim')).toBe(
      text(
        'Name:          myvolumeclaim',
        'Namespace:     default',
        'StorageClass:  default',
        'Status:        Bound',
        'Volume:        pvc-8205610d-f9f2-467a-8b3a-708a0f93a44e',
        'Labels:        <none>',
        'Annotations:   pv.kubernetes.io/bind-completed: yes',
        '               pv.kubernetes.io/bound-by-controller: yes',
        '               volume.beta.kubernetes.io/storage-provisioner: msvhd',
        '               volume.kubernetes.io/storage-provisioner: msvhd',
        'Finalizers:    []',
        'Capacity:      1Gi',
        'Access Modes:  RWO',
        'VolumeMode:    Filesystem',
        'Used By:       demo1',
        'Events:',
        '  Type    Reason                 Age   From                                            Message',
        '  ----    ------                 ----  ----                                            -------',
        '  Normal  ExternalProvisioning   60s   persistentvolume-controller                     waiting for a volume to be created, either by external provisioner "msvhd" or manually created by system administrator',
        '  Normal  Provisioning           60s   msvhd_csi-msk8scsi-controller-4mtrxsbnf9-kd9wx  External provisioner is provisioning volume for claim "default/myvolumeclaim"',
        '  Normal  ProvisioningSucceeded  57s   msvhd_csi-msk8scsi-controller-4mtrxsbnf9-kd9wx  Successfully provisioned volume pvc-8205610d-f9f2-467a-8b3a-708a0f93a44e',
      ),
    )
    expect(run('kubectl describe pv')).toBe(
      text(
        'Name:            pvc-8205610d-f9f2-467a-8b3a-708a0f93a44e',
        'Labels:          <none>',
        'Annotations:     pv.kubernetes.io/provisioned-by: msvhd',
        'Finalizers:      [kubernetes.io/pv-protection]',
        'StorageClass:    default',
        'Status:          Bound',
        'Claim:           default/myvolumeclaim',
        'Reclaim Policy:  Delete',
        'Access Modes:    RWO',
        'VolumeMode:      Filesystem',
        'Capacity:        1Gi',
        'Node Affinity:   <none>',
        'Message:         ',
        'Source:',
        '    Type:              CSI (a Container Storage Interface (CSI) volume source)',
        '    Driver:            msvhd',
        '    FSType:            ext4',
        '    VolumeHandle:      C:\\ClusterStorage\\Volume01\\images\\9ec56b43a2e97ea\\84fb7746-c2e5-414e-b0ad-927c97a9560b.vhdx',
        '    ReadOnly:          false',
        // kubectl's own quirk: the later attributes carry the indent twice.
        '    VolumeAttributes:  blocksize=33554432',
        '                           container=MocStorageContainer',
        '                           dynamic=true',
        '                           group=clustergroup-demo',
        '                           hostname=ca-6776d1df-daf7-4992-8b3c-655082cd0278.contoso.local',
        '                           logicalsectorsize=4096',
        '                           physicalsectorsize=4096',
        '                           port=55000',
        'Events:                <none>',
      ),
    )
    expect(run('kubectl describe pvc nothing')).toBe(
      'Error from server (NotFound): persistentvolumeclaims "nothing" not found',
    )
  })
})
