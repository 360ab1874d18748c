import { describe, expect, it } from 'vitest'
import { text } from '../testkit'
import { demoStory } from './story'

// kubectl describe of the workload kinds on the engine's own cluster (seeded: the answers are
// byte-exact goldens, story.ts). Layout per k8s.io/kubectl/pkg/describe 1.32.

describe('kubectl describe deployment, replicaset, statefulset, daemonset', () => {
  const { run } = demoStory()

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
        '  Labels:  mylabel=demo2',
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
        '  Node-Selectors:  kubernetes.io/os=linux',
        '  Tolerations:     <none>',
        'Conditions:',
        '  Type           Status  Reason',
        '  ----           ------  ------',
        '  Available      True    MinimumReplicasAvailable',
        '  Progressing    True    NewReplicaSetAvailable',
        'OldReplicaSets:  <none>',
        'NewReplicaSet:   demo2-78df8c476 (1/1 replicas created)',
        'Events:',
        '  Type    Reason             Age   From                   Message',
        '  ----    ------             ----  ----                   -------',
        '  Normal  ScalingReplicaSet  5m    deployment-controller  Scaled up replica set demo2-78df8c476 to 1',
      ),
    )
  })

  it('replica sets by label (-l): owner, pods status, template', () => {
    expect(run('kubectl describe rs -l mylabel=demo2')).toBe(
      text(
        'Name:           demo2-78df8c476',
        'Namespace:      default',
        'Selector:       mylabel=demo2,pod-template-hash=78df8c476',
        'Labels:         mylabel=demo2',
        '                pod-template-hash=78df8c476',
        'Annotations:    deployment.kubernetes.io/desired-replicas: 1',
        '                deployment.kubernetes.io/max-replicas: 2',
        '                deployment.kubernetes.io/revision: 1',
        'Controlled By:  Deployment/demo2',
        'Replicas:       1 current / 1 desired',
        'Pods Status:    1 Running / 0 Waiting / 0 Succeeded / 0 Failed',
        'Pod Template:',
        '  Labels:  mylabel=demo2',
        '           pod-template-hash=78df8c476',
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
        '  Node-Selectors:  kubernetes.io/os=linux',
        '  Tolerations:     <none>',
        'Events:',
        '  Type    Reason            Age   From                   Message',
        '  ----    ------            ----  ----                   -------',
        '  Normal  SuccessfulCreate  5m    replicaset-controller  Created pod: demo2-78df8c476-bkqzk',
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
        '  Labels:  mylabel=demo3',
        '  Containers:',
        '   demo3:',
        '    Image:        mcr.microsoft.com/azurestackhci/aks-demo:latest',
        '    Port:         <none>',
        '    Host Port:    <none>',
        '    Environment:  <none>',
        '    Mounts:',
        '      /storage from myvolume (rw)',
        '  Volumes:         <none>',
        '  Node-Selectors:  kubernetes.io/os=linux',
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
