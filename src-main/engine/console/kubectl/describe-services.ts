import type { KubeObject } from '@shared/contract'
import { getKube } from '@shared/kube'
import type { LabState } from '../../core/state'
import { at, dict, formatEndpoints, formatLabels, list, num, str } from '@shared/kube-fields'
import { annotationLines, labelLines, rfc1123z } from './describe-common'

// kubectl describe service|storageclass|namespace (describe.go 1.32), without the Events section.

export function describeService(state: Readonly<LabState>, clusterId: string, svc: KubeObject): string[] {
  // Against a 1.20 server kubectl reads the Service's Endpoints (no discovery.k8s.io/v1 slices).
  const endpoints = getKube(
    state,
    clusterId,
    'Endpoints',
    svc.metadata.namespace ?? 'default',
    svc.metadata.name,
  )
  const strings = (path: string) => (at(svc, path) as string[] | undefined) ?? []
  const ingress = list(svc, 'status.loadBalancer.ingress')
    .map((i) => str(i, 'ip') + (str(i, 'ipMode') ? ` (${str(i, 'ipMode')})` : '') || str(i, 'hostname'))
    .join(', ')
  const lines = [
    `Name:\t${svc.metadata.name}`,
    `Namespace:\t${svc.metadata.namespace ?? ''}`,
    ...labelLines(svc),
    ...annotationLines(svc),
    `Selector:\t${formatLabels(dict(svc, 'spec.selector'))}`,
    `Type:\t${str(svc, 'spec.type')}`,
    ...(str(svc, 'spec.ipFamilyPolicy') ? [`IP Family Policy:\t${str(svc, 'spec.ipFamilyPolicy')}`] : []),
    `IP Families:\t${strings('spec.ipFamilies').join(',') || '<none>'}`,
    `IP:\t${str(svc, 'spec.clusterIP')}`,
    `IPs:\t${strings('spec.clusterIPs').join(',') || '<none>'}`,
    ...(strings('spec.externalIPs').length > 0
      ? [`External IPs:\t${strings('spec.externalIPs').join(',')}`]
      : []),
    ...(str(svc, 'spec.loadBalancerIP')
      ? [`Desired LoadBalancer IP:\t${str(svc, 'spec.loadBalancerIP')}`]
      : []),
    ...(str(svc, 'spec.externalName') ? [`External Name:\t${str(svc, 'spec.externalName')}`] : []),
    ...(ingress ? [`LoadBalancer Ingress:\t${ingress}`] : []),
  ]
  for (const p of list(svc, 'spec.ports')) {
    const name = str(p, 'name') || '<unset>'
    const protocol = str(p, 'protocol') || 'TCP'
    const target = at(p, 'targetPort') ?? at(p, 'port')
    lines.push(
      `Port:\t${name}\t${num(p, 'port')}/${protocol}`,
      `TargetPort:\t${String(target)}/${protocol}`,
      ...(num(p, 'nodePort') ? [`NodePort:\t${name}\t${num(p, 'nodePort')}/${protocol}`] : []),
      `Endpoints:\t${endpoints ? formatEndpoints(endpoints, str(p, 'name')) : '<none>'}`,
    )
  }
  lines.push(`Session Affinity:\t${str(svc, 'spec.sessionAffinity')}`)
  for (const [path, title] of [
    ['spec.externalTrafficPolicy', 'External Traffic Policy'],
    ['spec.internalTrafficPolicy', 'Internal Traffic Policy'],
    ['spec.healthCheckNodePort', 'HealthCheck NodePort'],
  ])
    if (str(svc, path!)) lines.push(`${title}:\t${str(svc, path!)}`)
  if (strings('spec.loadBalancerSourceRanges').length > 0)
    lines.push(`LoadBalancer Source Ranges:\t${strings('spec.loadBalancerSourceRanges').join(',')}`)
  return lines
}

/** storageutil.IsDefaultAnnotationText. */
function isDefaultText(o: KubeObject): string {
  const a = dict(o, 'metadata.annotations')
  if (a['storageclass.kubernetes.io/is-default-class'] === 'true') return 'Yes'
  if (a['storageclass.beta.kubernetes.io/is-default-class'] === 'true') return 'Yes'
  return 'No'
}

export function describeStorageClass(sc: KubeObject): string[] {
  const mountOptions = (at(sc, 'mountOptions') as string[] | undefined) ?? []
  const expansion = at(sc, 'allowVolumeExpansion')
  return [
    `Name:\t${sc.metadata.name}`,
    `IsDefaultClass:\t${isDefaultText(sc)}`,
    `Annotations:\t${formatLabels(dict(sc, 'metadata.annotations'))}`,
    `Provisioner:\t${str(sc, 'provisioner')}`,
    `Parameters:\t${formatLabels(dict(sc, 'parameters'))}`,
    `AllowVolumeExpansion:\t${typeof expansion === 'boolean' ? (expansion ? 'True' : 'False') : '<unset>'}`,
    ...(mountOptions.length === 0
      ? ['MountOptions:\t<none>']
      : ['MountOptions:', ...mountOptions.map((m) => `  ${m}`)]),
    ...(str(sc, 'reclaimPolicy') ? [`ReclaimPolicy:\t${str(sc, 'reclaimPolicy')}`] : []),
    ...(str(sc, 'volumeBindingMode') ? [`VolumeBindingMode:\t${str(sc, 'volumeBindingMode')}`] : []),
  ]
}

/** A namespace has no Events section; the lab's clusters have no quotas or limit ranges. */
export function describeNamespace(ns: KubeObject): string[] {
  const conditions = list(ns, 'status.conditions')
  return [
    `Name:\t${ns.metadata.name}`,
    ...labelLines(ns),
    ...annotationLines(ns),
    `Status:\t${str(ns, 'status.phase')}`,
    ...(conditions.length > 0
      ? [
          'Conditions:',
          '  Type\tStatus\tLastTransitionTime\tReason\tMessage',
          '  ----\t------\t------------------\t------\t-------',
          ...conditions.map(
            (c) =>
              `  ${str(c, 'type')}\t${str(c, 'status')}\t${rfc1123z(str(c, 'lastTransitionTime'))}\t` +
              `${str(c, 'reason')}\t${str(c, 'message')}`,
          ),
        ]
      : []),
    '',
    'No resource quota.',
    '',
    'No LimitRange resource.',
  ]
}
