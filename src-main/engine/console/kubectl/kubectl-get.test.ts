import { describe, expect, it } from 'vitest'
import { text } from '../testkit'
import { demoStory } from './story'
import { naturalLess, quantity } from './sort'

// kubectl get's selection and output flags on the engine's own cluster (seeded goldens, story.ts).

describe('kubectl get: all, --sort-by, --field-selector, events, -o jsonpath', () => {
  const { run } = demoStory()

  it('get all: the "all" category, one table per kind with kind-qualified names', () => {
    expect(run('kubectl get all')).toBe(
      text(
        'NAME                        READY   STATUS    RESTARTS   AGE',
        'pod/demo2-78df8c476-bkqzk   1/1     Running   0          5m',
        'pod/demo3-0                 1/1     Running   0          5m',
        'pod/demo3-1                 1/1     Running   0          4m41s',
        'pod/demo3-2                 1/1     Running   0          4m22s',
        'pod/demo3-3                 1/1     Running   0          4m3s',
        'pod/demo3-4                 1/1     Running   0          3m44s',
        '',
        'NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE',
        'service/demo3        ClusterIP   None         <none>        <none>    5m',
        'service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   12m',
        '',
        'NAME                    READY   UP-TO-DATE   AVAILABLE   AGE',
        'deployment.apps/demo2   1/1     1            1           5m',
        '',
        'NAME                              DESIRED   CURRENT   READY   AGE',
        'replicaset.apps/demo2-78df8c476   1         1         1       5m',
        '',
        'NAME                     READY   AGE',
        'statefulset.apps/demo3   5/5     5m',
      ),
    )
  })

  it('--sort-by a jsonpath (stable; -o wide)', () => {
    expect(run('kubectl get pods -o wide --sort-by=.spec.nodeName')).toBe(
      text(
        'NAME                    READY   STATUS    RESTARTS   AGE     IP           NODE              NOMINATED NODE   READINESS GATES',
        'demo2-78df8c476-bkqzk   1/1     Running   0          5m      10.244.1.2   moc-lcki3vhtzh0   <none>           <none>',
        'demo3-1                 1/1     Running   0          4m41s   10.244.1.3   moc-lcki3vhtzh0   <none>           <none>',
        'demo3-3                 1/1     Running   0          4m3s    10.244.1.4   moc-lcki3vhtzh0   <none>           <none>',
        'demo3-0                 1/1     Running   0          5m      10.244.2.2   moc-ldff5pjpueg   <none>           <none>',
        'demo3-2                 1/1     Running   0          4m22s   10.244.2.3   moc-ldff5pjpueg   <none>           <none>',
        'demo3-4                 1/1     Running   0          3m44s   10.244.2.4   moc-ldff5pjpueg   <none>           <none>',
      ),
    )
  })

  it('--field-selector on spec.nodeName and status.phase (=, ==)', () => {
    expect(
      run('kubectl get pods --field-selector spec.nodeName=moc-lcki3vhtzh0,status.phase==Running -o name'),
    ).toBe(text('pod/demo2-78df8c476-bkqzk', 'pod/demo3-1', 'pod/demo3-3'))
  })

  it('--field-selector != on metadata fields, across namespaces', () => {
    expect(
      run(
        'kubectl get pods -A --field-selector metadata.namespace!=kube-system,metadata.name!=demo3-0 -o name',
      ),
    ).toBe(text('pod/demo2-78df8c476-bkqzk', 'pod/demo3-1', 'pod/demo3-2', 'pod/demo3-3', 'pod/demo3-4'))
  })

  it('get events: the API server order (by object, then time), COUNT only with -o wide', () => {
    expect(run('kubectl get events --field-selector involvedObject.name=demo3-1')).toBe(
      text(
        'LAST SEEN   TYPE      REASON             OBJECT        MESSAGE',
        '4m40s       Warning   FailedScheduling   pod/demo3-1   0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
        '4m35s       Normal    Scheduled          pod/demo3-1   Successfully assigned default/demo3-1 to moc-lcki3vhtzh0',
        '4m34s       Normal    Pulling            pod/demo3-1   Pulling image "mcr.microsoft.com/azurestackhci/aks-demo:latest"',
        '4m22s       Normal    Pulled             pod/demo3-1   Successfully pulled image "mcr.microsoft.com/azurestackhci/aks-demo:latest"',
        '4m22s       Normal    Created            pod/demo3-1   Created container demo3',
        '4m22s       Normal    Started            pod/demo3-1   Started container demo3',
      ),
    )
  })

  it('get events --sort-by=.lastTimestamp with -o wide', () => {
    expect(
      run(
        'kubectl get events --field-selector involvedObject.kind=PersistentVolumeClaim,involvedObject.name=myvolumeclaim --sort-by=.lastTimestamp -o wide',
      ),
    ).toBe(
      text(
        'LAST SEEN   TYPE     REASON                  OBJECT                                SUBOBJECT   SOURCE                                           MESSAGE                                                                                                                  FIRST SEEN   COUNT   NAME',
        '5m          Normal   ExternalProvisioning    persistentvolumeclaim/myvolumeclaim               persistentvolume-controller                      waiting for a volume to be created, either by external provisioner "msvhd" or manually created by system administrator   5m           1       myvolumeclaim.6c2e5214ec0ad927',
        '5m          Normal   Provisioning            persistentvolumeclaim/myvolumeclaim               msvhd_csi-msk8scsi-controller-4mtrxsbnf9-kd9wx   External provisioner is provisioning volume for claim "default/myvolumeclaim"                                            5m           1       myvolumeclaim.61a1d87e734b5b6f',
        '4m57s       Normal   ProvisioningSucceeded   persistentvolumeclaim/myvolumeclaim               msvhd_csi-msk8scsi-controller-4mtrxsbnf9-kd9wx   Successfully provisioned volume pvc-8205610d-f9f2-467a-8b3a-708a0f93a44e                                                 4m57s        1       myvolumeclaim.ba2462378fc10b52',
      ),
    )
  })

  it('-o jsonpath with range, tabs and newlines', () => {
    expect(
      run(
        'kubectl get pods -o jsonpath=\'{range .items[*]}{.metadata.name}{"\\t"}{.spec.nodeName}{"\\n"}{end}\'',
      ),
    ).toBe(
      text(
        'demo2-78df8c476-bkqzk\tmoc-lcki3vhtzh0',
        'demo3-0\tmoc-ldff5pjpueg',
        'demo3-1\tmoc-lcki3vhtzh0',
        'demo3-2\tmoc-ldff5pjpueg',
        'demo3-3\tmoc-lcki3vhtzh0',
        'demo3-4\tmoc-ldff5pjpueg',
      ),
    )
  })

  it('-o jsonpath with a filter', () => {
    expect(
      run('kubectl get nodes -o jsonpath=\'{.items[*].status.conditions[?(@.type=="Ready")].status}\''),
    ).toBe('True True True')
  })

  it('-o jsonpath on one object', () => {
    expect(
      run("kubectl get pod demo3-0 -o jsonpath='{.spec.volumes[0].persistentVolumeClaim.claimName}'"),
    ).toBe(text('myvolume-demo3-0'))
  })

  it('-o jsonpath without braces', () => {
    expect(run('kubectl get sts demo3 -o jsonpath=.status.readyReplicas')).toBe(text('5'))
  })

  it('-o jsonpath prints maps as JSON', () => {
    expect(run("kubectl get svc -o jsonpath='{.items[0].metadata.labels}'")).toBe(text('{"mylabel":"demo3"}'))
  })

  it("answers bad selectors, sort fields and templates with kubectl's errors", () => {
    expect(run('kubectl get pods --field-selector spec.foo=x')).toBe(
      'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "spec.foo=x": field label not supported: spec.foo',
    )
    expect(run('kubectl get deploy -l app=x --field-selector status.replicas=1')).toBe(
      'Error from server (BadRequest): Unable to find "apps/v1, Resource=deployments" that match label selector "app=x", field selector "status.replicas=1": "status.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"',
    )
    expect(run('kubectl get pods --field-selector status.phase!=Running')).toBe(
      'No resources found in default namespace.',
    )
    expect(run('kubectl get pods --sort-by=.spec.foo')).toBe(
      'error: couldn\'t find any field with path "{.spec.foo}" in the list of objects',
    )
    expect(run('kubectl get pods -o jsonpath')).toBe('error: template format specified but no template given')
    expect(run('kubectl get pods --sort-by')).toBe(
      text('Error: flag needs an argument: --sort-by', "See 'kubectl get --help' for usage."),
    )
    expect(run('kubectl get deployment nope')).toBe(
      'Error from server (NotFound): deployments.apps "nope" not found',
    )
  })
})

describe('kubectl output in the pipeline', () => {
  it("comes out line by line, as PowerShell hands on a native command's output", () => {
    const { run } = demoStory()
    expect(run('(kubectl get pods).Count')).toBe('7')
    expect(run('kubectl get pods | Select-Object -First 2')).toBe(
      text(
        'NAME                    READY   STATUS    RESTARTS   AGE',
        'demo2-78df8c476-bkqzk   1/1     Running   0          5m',
      ),
    )
  })
})

describe('--sort-by ordering', () => {
  it('compares quantities by amount and other strings in natural order', () => {
    expect(quantity('1Ti')! > quantity('2Gi')!).toBe(true)
    expect(quantity('500m')).toBe(0.5)
    expect(quantity('2020-09-22T10:12:00Z')).toBeNull()
    expect(naturalLess('demo3-2', 'demo3-10')).toBe(true)
    expect(naturalLess('2020-09-22T10:12:00Z', '2020-09-22T10:13:00Z')).toBe(true)
    expect(naturalLess('b', 'a')).toBe(false)
  })
})
