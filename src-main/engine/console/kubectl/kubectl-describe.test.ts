import { describe, expect, it } from 'vitest'
import { installedConsole, text } from '../testkit'

// kubectl describe of the workload and service kinds on the engine's own cluster (seeded: the
// answers are byte-exact goldens): demo2 (a Deployment) and demo3 (a StatefulSet and its headless
// Service) applied, 5 virtual minutes later. Layout per k8s.io/kubectl/pkg/describe 1.32.

function story() {
  const c = installedConsole()
  const started = c.session.run('New-AksHciCluster -clusterName demo -linuxNodeCount 2')
  c.lab.dispatch({ type: 'clock.advance', ms: 12 * 60_000 })
  c.session.progress()
  if (started.wait && c.session.resume().error !== undefined) throw new Error('cluster failed')
  c.run('Get-AksHciCredential -name demo')
  c.run('kubectl apply -f demo2.yaml')
  c.run('kubectl apply -f demo3.yaml')
  c.lab.dispatch({ type: 'clock.advance', ms: 5 * 60_000 })
  return c
}

describe('kubectl describe', () => {
  const { run } = story()

  it('a Deployment: strategy, pod template, conditions, its replica sets and events', () => {
    expect(run('kubectl describe deployment demo2')).toBe(
      text(
        'Name:                   demo2',
        'Namespace:              default',
        'CreationTimestamp:      Tue, 22 Sep 2020 10:12:00 +0000',
        'Labels:                 <none>',
        'Annotations:            deployment.kubernetes.io/revision: 1',
        'Selector:               mylabel=demo2',
        'Replicas:               1 desired | 1 updated | 1 total | 1 available | 0 unavailable',
        'StrategyType:           RollingUpdate',
        'MinReadySeconds:        0',
        'RollingUpdateStrategy:  25% max unavailable, 25% max surge',
        'Pod Template:',
        '  Labels:           mylabel=demo2',
        '  Service Account:  default',
        '  Containers:',
        '   demo:',
        '    Image:        mcr.microsoft.com/azurestackhci/aks-demo:latest',
        '    Port:         <none>',
        '    Host Port:    <none>',
        '    Environment:  <none>',
        '    Mounts:',
        '      /storage from myvolume (rw)',
        '  Volumes:',
        '   myvolume:',
        '    Type:          PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)',
        '    ClaimName:     myvolumeclaim',
        '    ReadOnly:      false',
        '  Node-Selectors:  <none>',
        '  Tolerations:     <none>',
        'Conditions:',
        '  Type           Status  Reason',
        '  ----           ------  ------',
        '  Available      True    MinimumReplicasAvailable',
        '  Progressing    True    NewReplicaSetAvailable',
        'OldReplicaSets:  <none>',
        'NewReplicaSet:   demo2-d7d6d7b96 (1/1 replicas created)',
        'Events:',
        '  Type    Reason             Age   From                   Message',
        '  ----    ------             ----  ----                   -------',
        '  Normal  ScalingReplicaSet  5m    deployment-controller  Scaled up replica set demo2-d7d6d7b96 to 1',
      ),
    )
  })

  it('replica sets by label (-l): owner, pods status, template', () => {
    expect(run('kubectl describe rs -l mylabel=demo2')).toBe(
      text(
        'Name:           demo2-d7d6d7b96',
        'Namespace:      default',
        'Selector:       mylabel=demo2,pod-template-hash=d7d6d7b96',
        'Labels:         mylabel=demo2',
        '                pod-template-hash=d7d6d7b96',
        'Annotations:    deployment.kubernetes.io/desired-replicas: 1',
        '                deployment.kubernetes.io/max-replicas: 2',
        '                deployment.kubernetes.io/revision: 1',
        'Controlled By:  Deployment/demo2',
        'Replicas:       1 current / 1 desired',
        'Pods Status:    1 Running / 0 Waiting / 0 Succeeded / 0 Failed',
        'Pod Template:',
        '  Labels:           mylabel=demo2',
        '                    pod-template-hash=d7d6d7b96',
        '  Service Account:  default',
        '  Containers:',
        '   demo:',
        '    Image:        mcr.microsoft.com/azurestackhci/aks-demo:latest',
        '    Port:         <none>',
        '    Host Port:    <none>',
        '    Environment:  <none>',
        '    Mounts:',
        '      /storage from myvolume (rw)',
        '  Volumes:',
        '   myvolume:',
        '    Type:          PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)',
        '    ClaimName:     myvolumeclaim',
        '    ReadOnly:      false',
        '  Node-Selectors:  <none>',
        '  Tolerations:     <none>',
        'Events:',
        '  Type    Reason            Age   From                   Message',
        '  ----    ------            ----  ----                   -------',
        '  Normal  SuccessfulCreate  5m    replicaset-controller  Created pod: demo2-d7d6d7b96-bkqzk',
      ),
    )
  })

  it('a StatefulSet: update strategy, volume claim templates, one event per claim and pod', () => {
    expect(run('kubectl describe statefulset demo3')).toBe(
      text(
        'Name:               demo3',
        'Namespace:          default',
        'CreationTimestamp:  Tue, 22 Sep 2020 10:12:00 +0000',
        'Selector:           mylabel=demo3',
        'Labels:             <none>',
        'Annotations:        <none>',
        'Replicas:           5 desired | 5 total',
        'Update Strategy:    RollingUpdate',
        '  Partition:        0',
        'Pods Status:        5 Running / 0 Waiting / 0 Succeeded / 0 Failed',
        'Pod Template:',
        '  Labels:           mylabel=demo3',
        '  Service Account:  default',
        '  Containers:',
        '   demo3:',
        '    Image:        mcr.microsoft.com/azurestackhci/aks-demo:latest',
        '    Port:         <none>',
        '    Host Port:    <none>',
        '    Environment:  <none>',
        '    Mounts:',
        '      /storage from myvolume (rw)',
        '  Volumes:         <none>',
        '  Node-Selectors:  <none>',
        '  Tolerations:     <none>',
        'Volume Claims:',
        '  Name:          myvolume',
        '  StorageClass:  default',
        '  Labels:        <none>',
        '  Annotations:   <none>',
        '  Capacity:      1Gi',
        '  Access Modes:  [ReadWriteOnce]',
        'Events:',
        '  Type    Reason            Age    From                    Message',
        '  ----    ------            ----   ----                    -------',
        '  Normal  SuccessfulCreate  5m     statefulset-controller  create Claim myvolume-demo3-0 Pod demo3-0 in StatefulSet demo3 success',
        '  Normal  SuccessfulCreate  5m     statefulset-controller  create Pod demo3-0 in StatefulSet demo3 successful',
        '  Normal  SuccessfulCreate  4m41s  statefulset-controller  create Claim myvolume-demo3-1 Pod demo3-1 in StatefulSet demo3 success',
        '  Normal  SuccessfulCreate  4m41s  statefulset-controller  create Pod demo3-1 in StatefulSet demo3 successful',
        '  Normal  SuccessfulCreate  4m22s  statefulset-controller  create Claim myvolume-demo3-2 Pod demo3-2 in StatefulSet demo3 success',
        '  Normal  SuccessfulCreate  4m22s  statefulset-controller  create Pod demo3-2 in StatefulSet demo3 successful',
        '  Normal  SuccessfulCreate  4m3s   statefulset-controller  create Claim myvolume-demo3-3 Pod demo3-3 in StatefulSet demo3 success',
        '  Normal  SuccessfulCreate  4m3s   statefulset-controller  create Pod demo3-3 in StatefulSet demo3 successful',
        '  Normal  SuccessfulCreate  3m44s  statefulset-controller  create Claim myvolume-demo3-4 Pod demo3-4 in StatefulSet demo3 success',
        '  Normal  SuccessfulCreate  3m44s  statefulset-controller  create Pod demo3-4 in StatefulSet demo3 successful',
      ),
    )
  })

  it('every Service of the namespace when no name is given (headless, and kubernetes with the API server endpoint)', () => {
    expect(run('kubectl describe svc')).toBe(
      text(
        'Name:              demo3',
        'Namespace:         default',
        'Labels:            mylabel=demo3',
        'Annotations:       <none>',
        'Selector:          mylabel=demo3',
        'Type:              ClusterIP',
        'IP Families:       <none>',
        'IP:                None',
        'IPs:               None',
        'Session Affinity:  None',
        'Events:            <none>',
        '',
        '',
        'Name:              kubernetes',
        'Namespace:         default',
        'Labels:            component=apiserver',
        '                   provider=kubernetes',
        'Annotations:       <none>',
        'Selector:          <none>',
        'Type:              ClusterIP',
        'IP Families:       <none>',
        'IP:                10.96.0.1',
        'IPs:               10.96.0.1',
        'Port:              https  443/TCP',
        'TargetPort:        6443/TCP',
        'Endpoints:         192.168.0.102:6443',
        'Session Affinity:  None',
        'Events:            <none>',
      ),
    )
  })

  it('a StorageClass: default-class text, parameters as labels', () => {
    expect(run('kubectl describe sc')).toBe(
      text(
        'Name:                  default',
        'IsDefaultClass:        Yes',
        'Annotations:           storageclass.kubernetes.io/is-default-class=true',
        'Provisioner:           msvhd',
        'Parameters:            blocksize=33554432,container=MocStorageContainer,dynamic=true,group=clustergroup-demo,hostname=ca-6776d1df-daf7-4992-8b3c-655082cd0278.contoso.local,logicalsectorsize=4096,physicalsectorsize=4096,port=55000',
        'AllowVolumeExpansion:  True',
        'MountOptions:          <none>',
        'ReclaimPolicy:         Delete',
        'VolumeBindingMode:     Immediate',
        'Events:                <none>',
      ),
    )
  })

  it('a Namespace: no Events section, no quota or limit range', () => {
    expect(run('kubectl describe ns default')).toBe(
      text(
        'Name:         default',
        'Labels:       <none>',
        'Annotations:  <none>',
        'Status:       Active',
        '',
        'No resource quota.',
        '',
        'No LimitRange resource.',
      ),
    )
  })

  it('a DaemonSet: node selector, scheduling counts, tolerations and requests in the template', () => {
    expect(run('kubectl describe ds kube-flannel-ds-amd64 -n kube-system')).toBe(
      text(
        'Name:           kube-flannel-ds-amd64',
        'Namespace:      kube-system',
        'Selector:       app=flannel,tier=node',
        'Node-Selector:  kubernetes.io/os=linux',
        'Labels:         app=flannel',
        '                tier=node',
        'Annotations:    <none>',
        'Desired Number of Nodes Scheduled: 3',
        'Current Number of Nodes Scheduled: 3',
        'Number of Nodes Scheduled with Up-to-date Pods: 3',
        'Number of Nodes Scheduled with Available Pods: 3',
        'Number of Nodes Misscheduled: 0',
        'Pods Status:  3 Running / 0 Waiting / 0 Succeeded / 0 Failed',
        'Pod Template:',
        '  Labels:  app=flannel',
        '           tier=node',
        '  Containers:',
        '   kube-flannel:',
        '    Image:      quay.io/coreos/flannel:v0.12.0-amd64',
        '    Port:       <none>',
        '    Host Port:  <none>',
        '    Requests:',
        '      cpu:              100m',
        '      memory:           50Mi',
        '    Environment:        <none>',
        '    Mounts:             <none>',
        '  Volumes:              <none>',
        '  Priority Class Name:  system-node-critical',
        '  Node-Selectors:       kubernetes.io/os=linux',
        '  Tolerations:          :NoSchedule op=Exists',
        '                        node.kubernetes.io/not-ready:NoExecute op=Exists',
        '                        node.kubernetes.io/unreachable:NoExecute op=Exists',
        'Events:',
        '  Type    Reason            Age   From                  Message',
        '  ----    ------            ----  ----                  -------',
        '  Normal  SuccessfulCreate  12m   daemonset-controller  Created pod: kube-flannel-ds-amd64-wkjxw',
        '  Normal  SuccessfulCreate  10m   daemonset-controller  Created pod: kube-flannel-ds-amd64-7nbs6',
        '  Normal  SuccessfulCreate  9m    daemonset-controller  Created pod: kube-flannel-ds-amd64-88jjg',
      ),
    )
  })

  it('a pod of the StatefulSet: mounts, volumes, tolerations and its events', () => {
    expect(run('kubectl describe pod demo3-0')).toBe(
      text(
        'Name:             demo3-0',
        'Namespace:        default',
        'Priority:         0',
        'Service Account:  default',
        'Node:             moc-ldff5pjpueg/192.168.0.104',
        'Start Time:       Tue, 22 Sep 2020 10:12:07 +0000',
        'Labels:           apps.kubernetes.io/pod-index=0',
        '                  mylabel=demo3',
        '                  statefulset.kubernetes.io/pod-name=demo3-0',
        'Annotations:      <none>',
        'Status:           Running',
        'IP:               10.244.2.2',
        'IPs:',
        '  IP:           10.244.2.2',
        'Controlled By:  StatefulSet/demo3',
        'Containers:',
        '  demo3:',
        '    Container ID:   containerd://d555d013e6d749a18bd713a1f733186585a3445c95e13e415cecd0c0d80bbac8',
        '    Image:          mcr.microsoft.com/azurestackhci/aks-demo:latest',
        '    Image ID:       mcr.microsoft.com/azurestackhci/aks-demo@sha256:f1ab2158438ea6e882fdc4cdc0a845d9cc1fabdd842a1cd02c8f64f76520f9c6',
        '    Port:           <none>',
        '    Host Port:      <none>',
        '    State:          Running',
        '      Started:      Tue, 22 Sep 2020 10:12:19 +0000',
        '    Ready:          True',
        '    Restart Count:  0',
        '    Environment:    <none>',
        '    Mounts:',
        '      /storage from myvolume (rw)',
        'Conditions:',
        '  Type              Status',
        '  Initialized       True ',
        '  Ready             True ',
        '  ContainersReady   True ',
        '  PodScheduled      True ',
        'Volumes:',
        '  myvolume:',
        '    Type:        PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)',
        '    ClaimName:   myvolume-demo3-0',
        '    ReadOnly:    false',
        'QoS Class:       BestEffort',
        'Node-Selectors:  <none>',
        'Tolerations:     node.kubernetes.io/not-ready:NoExecute op=Exists for 300s',
        '                 node.kubernetes.io/unreachable:NoExecute op=Exists for 300s',
        'Events:',
        '  Type     Reason            Age    From               Message',
        '  ----     ------            ----   ----               -------',
        '  Warning  FailedScheduling  4m59s  default-scheduler  0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
        '  Normal   Scheduled         4m54s  default-scheduler  Successfully assigned default/demo3-0 to moc-ldff5pjpueg',
        '  Normal   Pulling           4m53s  kubelet            Pulling image "mcr.microsoft.com/azurestackhci/aks-demo:latest"',
        '  Normal   Pulled            4m41s  kubelet            Successfully pulled image "mcr.microsoft.com/azurestackhci/aks-demo:latest"',
        '  Normal   Created           4m41s  kubelet            Created container demo3',
        '  Normal   Started           4m41s  kubelet            Started container demo3',
      ),
    )
  })

  it('words its errors as kubectl does', () => {
    expect(run('kubectl describe')).toBe(
      'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.',
    )
    expect(run('kubectl describe deployment nope')).toBe(
      'Error from server (NotFound): deployments.apps "nope" not found',
    )
    expect(run('kubectl describe widgets')).toBe('error: the server doesn\'t have a resource type "widgets"')
    expect(run('kubectl describe sts -n kube-public')).toBe('No resources found in kube-public namespace.')
    expect(run('kubectl describe deploy demo2 -l app=x')).toBe(
      'error: name cannot be provided when a selector is specified',
    )
  })
})
