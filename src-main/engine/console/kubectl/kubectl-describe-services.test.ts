import { describe, expect, it } from 'vitest'
import { text } from '../testkit'
import { demoStory } from './story'

// kubectl describe of pods, services, storage classes and namespaces on the engine's own cluster (seeded: the answers are
// byte-exact goldens, story.ts). Layout per k8s.io/kubectl/pkg/describe 1.32.

describe('kubectl describe pod, service, storageclass, namespace', () => {
  const { run } = demoStory()

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

  it('leaves the Events section out with --show-events=false', () => {
    expect(run('kubectl describe sc default --show-events=false').split('\n').at(-1)).toBe(
      'VolumeBindingMode:     Immediate',
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

  it('a pod of the StatefulSet: mounts, volumes, tolerations and its events', () => {
    expect(run('kubectl describe pod demo3-0')).toBe(
      text(
        'Name:             demo3-0',
        'Namespace:        default',
        'Priority:         0',
        'Service Account:  default',
        'Node:             moc-ldff5pjpueg/192.168.0.104',
        'Start Time:       Tue, 22 Sep 2020 10:12:07 +0000',
        'Labels:           controller-revision-hash=demo3-6db949d45d',
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
        'Node-Selectors:  kubernetes.io/os=linux',
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
})
