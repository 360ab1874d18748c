// The Go types behind the fields of the kinds the lab serves, named as the Kubernetes OpenAPI v2
// document names them (io.k8s.api.apps.v1.DeploymentSpec …). One table feeds both checks a real
// kubectl apply meets: kubectl's schema validation (OpenAPI types) and the API server's typed JSON
// decoding (Go types). Fields the lab does not describe are taken as they come. Pure data.

/** A field's Go type. `ref` names a definition of this table; `any` is left to the code that reads it. */
export type FieldType =
  | 'int32'
  | 'int64'
  | 'string'
  | 'boolean'
  | 'quantity' // resource.Quantity: a string or a number in the OpenAPI document, its own JSON decoder
  | 'int-or-string' // intstr.IntOrString
  | 'any'
  | { ref: string }
  | { array: FieldType }
  | { map: FieldType } // map[string]T

export interface Definition {
  goType: string // the Go type as encoding/json names it in errors: 'v1.DeploymentSpec'
  fields: Record<string, FieldType>
}

const CORE = 'io.k8s.api.core.v1'
const APPS = 'io.k8s.api.apps.v1'
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1'
const ref = (name: string): FieldType => ({ ref: name })
const arrayOf = (t: FieldType): FieldType => ({ array: t })
const mapOf = (t: FieldType): FieldType => ({ map: t })
const STRINGS = arrayOf('string')
const STRING_MAP = mapOf('string')

function def(name: string, fields: Record<string, FieldType>): [string, Definition] {
  const short = name.split('.').slice(-2).join('.') // 'v1.DeploymentSpec'
  return [name, { goType: short, fields }]
}

/** The top level of every kind: apiVersion, kind, metadata; `spec` and the kind's own fields added. */
function kind(name: string, fields: Record<string, FieldType>): [string, Definition] {
  return def(name, { apiVersion: 'string', kind: 'string', metadata: ref(`${META}.ObjectMeta`), ...fields })
}

const selector = ref(`${META}.LabelSelector`)
const template = ref(`${CORE}.PodTemplateSpec`)
const nonResource = { status: 'any' as FieldType }

export const DEFINITIONS: ReadonlyMap<string, Definition> = new Map([
  def(`${META}.ObjectMeta`, {
    name: 'string',
    generateName: 'string',
    namespace: 'string',
    uid: 'string',
    resourceVersion: 'string',
    generation: 'int64',
    creationTimestamp: 'string',
    deletionTimestamp: 'string',
    deletionGracePeriodSeconds: 'int64',
    labels: STRING_MAP,
    annotations: STRING_MAP,
    finalizers: STRINGS,
    ownerReferences: arrayOf(ref(`${META}.OwnerReference`)),
    managedFields: 'any',
  }),
  def(`${META}.OwnerReference`, {
    apiVersion: 'string',
    kind: 'string',
    name: 'string',
    uid: 'string',
    controller: 'boolean',
    blockOwnerDeletion: 'boolean',
  }),
  def(`${META}.LabelSelector`, {
    matchLabels: STRING_MAP,
    matchExpressions: arrayOf(ref(`${META}.LabelSelectorRequirement`)),
  }),
  def(`${META}.LabelSelectorRequirement`, { key: 'string', operator: 'string', values: STRINGS }),

  // Pods
  kind(`${CORE}.Pod`, { spec: ref(`${CORE}.PodSpec`), ...nonResource }),
  def(`${CORE}.PodTemplateSpec`, { metadata: ref(`${META}.ObjectMeta`), spec: ref(`${CORE}.PodSpec`) }),
  def(`${CORE}.PodSpec`, {
    containers: arrayOf(ref(`${CORE}.Container`)),
    initContainers: arrayOf(ref(`${CORE}.Container`)),
    volumes: arrayOf(ref(`${CORE}.Volume`)),
    restartPolicy: 'string',
    terminationGracePeriodSeconds: 'int64',
    activeDeadlineSeconds: 'int64',
    dnsPolicy: 'string',
    nodeSelector: STRING_MAP,
    serviceAccountName: 'string',
    serviceAccount: 'string',
    automountServiceAccountToken: 'boolean',
    nodeName: 'string',
    hostNetwork: 'boolean',
    hostPID: 'boolean',
    hostIPC: 'boolean',
    shareProcessNamespace: 'boolean',
    securityContext: 'any',
    imagePullSecrets: arrayOf(ref(`${CORE}.LocalObjectReference`)),
    hostname: 'string',
    subdomain: 'string',
    affinity: 'any',
    schedulerName: 'string',
    tolerations: arrayOf(ref(`${CORE}.Toleration`)),
    priorityClassName: 'string',
    priority: 'int32',
    enableServiceLinks: 'boolean',
  }),
  def(`${CORE}.LocalObjectReference`, { name: 'string' }),
  def(`${CORE}.Toleration`, {
    key: 'string',
    operator: 'string',
    value: 'string',
    effect: 'string',
    tolerationSeconds: 'int64',
  }),
  def(`${CORE}.Container`, {
    name: 'string',
    image: 'string',
    command: STRINGS,
    args: STRINGS,
    workingDir: 'string',
    ports: arrayOf(ref(`${CORE}.ContainerPort`)),
    envFrom: 'any',
    env: arrayOf(ref(`${CORE}.EnvVar`)),
    resources: ref(`${CORE}.ResourceRequirements`),
    volumeMounts: arrayOf(ref(`${CORE}.VolumeMount`)),
    livenessProbe: ref(`${CORE}.Probe`),
    readinessProbe: ref(`${CORE}.Probe`),
    startupProbe: ref(`${CORE}.Probe`),
    lifecycle: 'any',
    terminationMessagePath: 'string',
    terminationMessagePolicy: 'string',
    imagePullPolicy: 'string',
    securityContext: 'any',
    stdin: 'boolean',
    stdinOnce: 'boolean',
    tty: 'boolean',
  }),
  def(`${CORE}.ContainerPort`, {
    name: 'string',
    hostPort: 'int32',
    containerPort: 'int32',
    protocol: 'string',
    hostIP: 'string',
  }),
  def(`${CORE}.EnvVar`, { name: 'string', value: 'string', valueFrom: 'any' }),
  def(`${CORE}.ResourceRequirements`, { limits: mapOf('quantity'), requests: mapOf('quantity') }),
  def(`${CORE}.VolumeMount`, {
    name: 'string',
    readOnly: 'boolean',
    mountPath: 'string',
    subPath: 'string',
    mountPropagation: 'string',
  }),
  def(`${CORE}.Probe`, {
    exec: ref(`${CORE}.ExecAction`),
    httpGet: ref(`${CORE}.HTTPGetAction`),
    tcpSocket: ref(`${CORE}.TCPSocketAction`),
    initialDelaySeconds: 'int32',
    timeoutSeconds: 'int32',
    periodSeconds: 'int32',
    successThreshold: 'int32',
    failureThreshold: 'int32',
  }),
  def(`${CORE}.ExecAction`, { command: STRINGS }),
  def(`${CORE}.HTTPGetAction`, {
    path: 'string',
    port: 'int-or-string',
    host: 'string',
    scheme: 'string',
    httpHeaders: 'any',
  }),
  def(`${CORE}.TCPSocketAction`, { port: 'int-or-string', host: 'string' }),
  def(`${CORE}.Volume`, {
    name: 'string',
    persistentVolumeClaim: ref(`${CORE}.PersistentVolumeClaimVolumeSource`),
    configMap: ref(`${CORE}.ConfigMapVolumeSource`),
    emptyDir: ref(`${CORE}.EmptyDirVolumeSource`),
    hostPath: ref(`${CORE}.HostPathVolumeSource`),
    secret: 'any',
  }),
  def(`${CORE}.PersistentVolumeClaimVolumeSource`, { claimName: 'string', readOnly: 'boolean' }),
  def(`${CORE}.ConfigMapVolumeSource`, {
    name: 'string',
    items: arrayOf(ref(`${CORE}.KeyToPath`)),
    defaultMode: 'int32',
    optional: 'boolean',
  }),
  def(`${CORE}.KeyToPath`, { key: 'string', path: 'string', mode: 'int32' }),
  def(`${CORE}.EmptyDirVolumeSource`, { medium: 'string', sizeLimit: 'quantity' }),
  def(`${CORE}.HostPathVolumeSource`, { path: 'string', type: 'string' }),

  // Workloads
  kind(`${APPS}.Deployment`, { spec: ref(`${APPS}.DeploymentSpec`), ...nonResource }),
  def(`${APPS}.DeploymentSpec`, {
    replicas: 'int32',
    selector,
    template,
    strategy: ref(`${APPS}.DeploymentStrategy`),
    minReadySeconds: 'int32',
    revisionHistoryLimit: 'int32',
    paused: 'boolean',
    progressDeadlineSeconds: 'int32',
  }),
  def(`${APPS}.DeploymentStrategy`, {
    type: 'string',
    rollingUpdate: ref(`${APPS}.RollingUpdateDeployment`),
  }),
  def(`${APPS}.RollingUpdateDeployment`, { maxUnavailable: 'int-or-string', maxSurge: 'int-or-string' }),
  kind(`${APPS}.ReplicaSet`, { spec: ref(`${APPS}.ReplicaSetSpec`), ...nonResource }),
  def(`${APPS}.ReplicaSetSpec`, { replicas: 'int32', minReadySeconds: 'int32', selector, template }),
  kind(`${APPS}.StatefulSet`, { spec: ref(`${APPS}.StatefulSetSpec`), ...nonResource }),
  def(`${APPS}.StatefulSetSpec`, {
    replicas: 'int32',
    selector,
    template,
    volumeClaimTemplates: arrayOf(ref(`${CORE}.PersistentVolumeClaim`)),
    serviceName: 'string',
    podManagementPolicy: 'string',
    updateStrategy: ref(`${APPS}.StatefulSetUpdateStrategy`),
    revisionHistoryLimit: 'int32',
    minReadySeconds: 'int32',
  }),
  def(`${APPS}.StatefulSetUpdateStrategy`, {
    type: 'string',
    rollingUpdate: ref(`${APPS}.RollingUpdateStatefulSetStrategy`),
  }),
  def(`${APPS}.RollingUpdateStatefulSetStrategy`, { partition: 'int32' }),
  kind(`${APPS}.DaemonSet`, { spec: ref(`${APPS}.DaemonSetSpec`), ...nonResource }),
  def(`${APPS}.DaemonSetSpec`, {
    selector,
    template,
    updateStrategy: ref(`${APPS}.DaemonSetUpdateStrategy`),
    minReadySeconds: 'int32',
    revisionHistoryLimit: 'int32',
  }),
  def(`${APPS}.DaemonSetUpdateStrategy`, {
    type: 'string',
    rollingUpdate: ref(`${APPS}.RollingUpdateDaemonSet`),
  }),
  def(`${APPS}.RollingUpdateDaemonSet`, { maxUnavailable: 'int-or-string', maxSurge: 'int-or-string' }),
  kind('io.k8s.api.batch.v1.Job', { spec: ref('io.k8s.api.batch.v1.JobSpec'), ...nonResource }),
  def('io.k8s.api.batch.v1.JobSpec', {
    parallelism: 'int32',
    completions: 'int32',
    activeDeadlineSeconds: 'int64',
    backoffLimit: 'int32',
    selector,
    manualSelector: 'boolean',
    template,
    ttlSecondsAfterFinished: 'int32',
    completionMode: 'string',
    suspend: 'boolean',
  }),

  // Services and configuration
  kind(`${CORE}.Service`, { spec: ref(`${CORE}.ServiceSpec`), ...nonResource }),
  def(`${CORE}.ServiceSpec`, {
    ports: arrayOf(ref(`${CORE}.ServicePort`)),
    selector: STRING_MAP,
    clusterIP: 'string',
    clusterIPs: STRINGS,
    type: 'string',
    externalIPs: STRINGS,
    sessionAffinity: 'string',
    loadBalancerIP: 'string',
    externalName: 'string',
    externalTrafficPolicy: 'string',
    healthCheckNodePort: 'int32',
    publishNotReadyAddresses: 'boolean',
  }),
  def(`${CORE}.ServicePort`, {
    name: 'string',
    protocol: 'string',
    appProtocol: 'string',
    port: 'int32',
    targetPort: 'int-or-string',
    nodePort: 'int32',
  }),
  kind(`${CORE}.Endpoints`, { subsets: arrayOf(ref(`${CORE}.EndpointSubset`)) }),
  def(`${CORE}.EndpointSubset`, {
    addresses: arrayOf(ref(`${CORE}.EndpointAddress`)),
    notReadyAddresses: arrayOf(ref(`${CORE}.EndpointAddress`)),
    ports: arrayOf(ref(`${CORE}.EndpointPort`)),
  }),
  def(`${CORE}.EndpointAddress`, { ip: 'string', hostname: 'string', nodeName: 'string', targetRef: 'any' }),
  def(`${CORE}.EndpointPort`, { name: 'string', port: 'int32', protocol: 'string', appProtocol: 'string' }),
  kind(`${CORE}.Namespace`, { spec: ref(`${CORE}.NamespaceSpec`), ...nonResource }),
  def(`${CORE}.NamespaceSpec`, { finalizers: STRINGS }),
  kind(`${CORE}.ConfigMap`, { data: STRING_MAP, binaryData: STRING_MAP, immutable: 'boolean' }),

  // Storage
  kind(`${CORE}.PersistentVolumeClaim`, { spec: ref(`${CORE}.PersistentVolumeClaimSpec`), ...nonResource }),
  def(`${CORE}.PersistentVolumeClaimSpec`, {
    accessModes: STRINGS,
    selector,
    resources: ref(`${CORE}.ResourceRequirements`),
    volumeName: 'string',
    storageClassName: 'string',
    volumeMode: 'string',
  }),
  kind(`${CORE}.PersistentVolume`, { spec: ref(`${CORE}.PersistentVolumeSpec`), ...nonResource }),
  def(`${CORE}.PersistentVolumeSpec`, {
    capacity: mapOf('quantity'),
    accessModes: STRINGS,
    claimRef: 'any',
    persistentVolumeReclaimPolicy: 'string',
    storageClassName: 'string',
    mountOptions: STRINGS,
    volumeMode: 'string',
    nodeAffinity: 'any',
    hostPath: ref(`${CORE}.HostPathVolumeSource`),
    csi: 'any',
  }),
  kind('io.k8s.api.storage.v1.StorageClass', {
    provisioner: 'string',
    parameters: STRING_MAP,
    reclaimPolicy: 'string',
    mountOptions: STRINGS,
    allowVolumeExpansion: 'boolean',
    volumeBindingMode: 'string',
    allowedTopologies: 'any',
  }),
])

/** The definition of a kind's top level, by kind name ('Deployment'). */
export function kindDefinition(kindName: string): string | undefined {
  for (const name of DEFINITIONS.keys()) if (name.endsWith(`.${kindName}`) && isKind(name)) return name
  return undefined
}

const isKind = (name: string) => 'apiVersion' in DEFINITIONS.get(name)!.fields
