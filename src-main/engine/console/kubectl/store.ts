import type { AksCluster } from '@shared/aks-cluster'
import type { KubeObject } from '@shared/contract'
import type { LabState } from '../../core/state'
import { NativeError } from '../errors'

// What kubectl's current context points at: the workload cluster Get-AksHciCredential wrote a
// kubeconfig for, and its API objects (LabView.kube, keyed `<clusterId>/<kind>/<namespace>/<name>`).

export const CONNECTION_REFUSED =
  'The connection to the server localhost:8080 was refused - did you specify the right host or port?'

export function currentCluster(state: Readonly<LabState>): AksCluster {
  const name = state.kubeconfig.current
  if (name === null) throw new NativeError([CONNECTION_REFUSED])
  const cluster = Object.values(state.aksClusters).find((c) => c.name === name)
  // The kubeconfig outlives a removed cluster; its API server address no longer answers.
  if (!cluster || cluster.apiServerVip === null)
    throw new NativeError([
      `Unable to connect to the server: dial tcp ${cluster?.apiServerVip ?? name}:6443: connect: no route to host`,
    ])
  return cluster
}

/** The cluster's objects of one kind, in the API server's order (namespace, then name). */
export function objectsOf(state: Readonly<LabState>, clusterId: string, kind: string): KubeObject[] {
  const prefix = `${clusterId}/${kind}/`
  return Object.entries(state.kube)
    .filter(([key]) => key.startsWith(prefix))
    .map(([, o]) => o)
    .sort((a, b) => {
      const ka = `${a.metadata.namespace ?? ''}/${a.metadata.name}`
      const kb = `${b.metadata.namespace ?? ''}/${b.metadata.name}`
      return ka < kb ? -1 : ka > kb ? 1 : 0
    })
}
