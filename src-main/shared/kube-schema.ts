import { POD_DEFINITIONS } from './kube-schema-pods'
import { RESOURCE_DEFINITIONS } from './kube-schema-resources'
import type { Definition } from './kube-schema-types'

export type { Definition, FieldType } from './kube-schema-types'

// The Go types behind the fields of the kinds the lab serves, named as the Kubernetes OpenAPI v2
// document names them (io.k8s.api.apps.v1.DeploymentSpec …). One table feeds both checks a real
// kubectl apply meets: kubectl's schema validation (OpenAPI types, kube-openapi-check.ts) and the
// API server's typed JSON decoding (Go types, kube-decode.ts); an /openapi/v2 document can be
// served from it. Fields the lab does not describe are taken as they come. Pure data.

export const DEFINITIONS: ReadonlyMap<string, Definition> = new Map([
  ...POD_DEFINITIONS,
  ...RESOURCE_DEFINITIONS,
])

/** The definition of a kind's top level, by kind name ('Deployment'). */
export function kindDefinition(kindName: string): string | undefined {
  for (const name of DEFINITIONS.keys()) if (name.endsWith(`.${kindName}`) && isKind(name)) return name
  return undefined
}

const isKind = (name: string) => 'apiVersion' in DEFINITIONS.get(name)!.fields
