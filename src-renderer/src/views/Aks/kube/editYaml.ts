import { stringify } from 'yaml'
import type { KubeObject } from '@shared/contract'

// The object as a manifest to edit and apply again (kubectl get -o yaml, then apply): without its
// status and the fields the API server sets, which a manifest does not carry.
const SERVER_SET = [
  'uid',
  'resourceVersion',
  'creationTimestamp',
  'generation',
  'managedFields',
  'deletionTimestamp',
]
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration'

export function editableYaml(o: KubeObject): string {
  const { status: _status, ...rest } = o as KubeObject & { status?: unknown }
  const metadata: Record<string, unknown> = { ...o.metadata }
  for (const key of SERVER_SET) delete metadata[key]
  const annotations: Record<string, string> = { ...(o.metadata.annotations ?? {}) }
  delete annotations[LAST_APPLIED]
  if (Object.keys(annotations).length) metadata.annotations = annotations
  else delete metadata.annotations
  return stringify({ ...rest, metadata })
}
