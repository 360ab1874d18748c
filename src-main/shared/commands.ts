import { z } from 'zod'
import { aksConfigSchema, aksRegistrationSchema } from './aks'
import { clusterSpecSchema, nodePoolSchema } from './aks-cluster'
import { RESILIENCIES, SPEEDS } from './domain'

// Every change to a lab is one of these commands. The same schemas validate input at the IPC
// boundary, in the CLI and in the engine; domain rules (names, capacity) are checked by the engine
// so that their messages can be specific.

/** A lab's name: shown in title bars, menus and file names, so no control characters. */
const labNameSchema = z
  .string()
  .min(1)
  .max(64)
  // Control characters are exactly what this pattern must catch.
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f]*$/, 'a lab name cannot contain control characters')

export const mediaSchema = z.enum(['NVMe', 'SSD', 'HDD'])
export const resiliencySchema = z.enum(RESILIENCIES)
export const speedSchema = z.enum(SPEEDS)
export const provisioningSchema = z.enum(['Fixed', 'Thin'])

const bytes = z.number().int().safe()

export const driveGroupSchema = z.object({
  count: z.number().int().min(1).max(24),
  sizeBytes: bytes.min(1),
  media: mediaSchema,
})
export type DriveGroup = z.infer<typeof driveGroupSchema>

/** The hardware of a new lab: every server is identical (S2D requires symmetry). */
export const hardwareSpecSchema = z.object({
  servers: z.number().int().min(1).max(16),
  cores: z.number().int().min(1).max(256),
  memoryBytes: bytes.min(1),
  drives: z.array(driveGroupSchema).min(1).max(3),
})
export type HardwareSpec = z.infer<typeof hardwareSpecSchema>

export const newLabSchema = z.object({
  name: labNameSchema,
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1),
  hardware: hardwareSpecSchema,
})
export type NewLabInput = z.infer<typeof newLabSchema>

export const commandSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('volume.create'),
    name: z.string(),
    resiliency: resiliencySchema,
    sizeBytes: bytes,
    provisioning: provisioningSchema,
    /** Mirror tier size for (nested) mirror-accelerated parity; 0 otherwise. */
    mirrorSizeBytes: bytes.min(0).default(0),
  }),
  z.object({ type: z.literal('volume.resize'), name: z.string(), sizeBytes: bytes }),
  z.object({ type: z.literal('volume.delete'), name: z.string() }),
  /**
   * Deletes one file on a cluster shared volume that nothing owns (Remove-Item, the Files table's
   * Delete): a VHDX leaked by an older lab, a Retain volume's after its cluster went. Owned files
   * are refused with what owns them.
   */
  z.object({ type: z.literal('file.delete'), path: z.string().max(1024) }),
  z.object({
    type: z.literal('clock.advance'),
    ms: z
      .number()
      .int()
      .min(1)
      .max(10 * 365 * 86_400_000),
  }),
  z.object({ type: z.literal('clock.speed'), speed: speedSchema }),
  z.object({ type: z.literal('lab.rename'), name: labNameSchema }),
  /** Set-AksHciConfig: validated against the lab (switch, volumes, IP pools); not after install. */
  aksConfigSchema.extend({ type: z.literal('aks.configure') }),
  /** Set-AksHciRegistration (simulated: nothing leaves the machine). */
  aksRegistrationSchema.extend({ type: z.literal('aks.register') }),
  /** Install-AksHci: starts the ~30 virtual-minute install; progress is a task. */
  z.object({ type: z.literal('aks.install') }),
  /** Cancels a running install and rolls back everything it created. */
  z.object({ type: z.literal('aks.cancelInstall') }),
  /** New-AksHciCluster (either parameter set, resolved into node pools by the caller). */
  clusterSpecSchema.extend({ type: z.literal('aks.cluster.create') }),
  /** Remove-AksHciCluster. */
  z.object({ type: z.literal('aks.cluster.delete'), name: z.string() }),
  /** Set-AksHciCluster -controlPlaneNodeCount. */
  z.object({
    type: z.literal('aks.cluster.setControlPlane'),
    name: z.string(),
    controlPlaneNodeCount: z.number().int(),
  }),
  /** New-AksHciNodePool. */
  nodePoolSchema.extend({ type: z.literal('aks.nodepool.create'), clusterName: z.string() }),
  /** Set-AksHciNodePool -count. */
  z.object({
    type: z.literal('aks.nodepool.scale'),
    clusterName: z.string(),
    name: z.string(),
    count: z.number().int(),
  }),
  /** Get-AksHciCredential: writes the cluster's kubeconfig and makes it kubectl's current context. */
  z.object({ type: z.literal('aks.credential'), name: z.string() }),
  /** kubectl config use-context. */
  z.object({ type: z.literal('kube.useContext'), name: z.string() }),
  /**
   * kubectl apply / create -f: every document of a YAML or JSON manifest, validated like the API
   * server; a document that fails applies nothing of itself. `cluster` is the cluster's name.
   */
  z.object({
    type: z.literal('kube.apply'),
    cluster: z.string(),
    manifest: z.string().max(4 * 1024 * 1024),
    mode: z.enum(['apply', 'create']),
    namespace: z.string().nullable().default(null), // -n, for documents without a namespace
  }),
  /** kubectl delete TYPE NAME | -l selector | -f manifest. */
  z.object({
    type: z.literal('kube.delete'),
    cluster: z.string(),
    namespace: z.string().nullable().default(null),
    kind: z.string().nullable().default(null), // resource kind, e.g. 'Pod', with name or selector
    name: z.string().nullable().default(null),
    selector: z.string().nullable().default(null),
    manifest: z
      .string()
      .max(4 * 1024 * 1024)
      .nullable()
      .default(null),
    /** Pods' grace period in seconds (--grace-period; --force is 0, --now 1); null: the pod's own. */
    gracePeriod: z.number().int().min(0).nullable().default(null),
  }),
  /** kubectl scale --replicas=N KIND/NAME. */
  z.object({
    type: z.literal('kube.scale'),
    cluster: z.string(),
    namespace: z.string(),
    kind: z.string(),
    name: z.string(),
    replicas: z.number().int(),
  }),
  /** kubectl patch KIND NAME --type merge -p '<json>'. */
  z.object({
    type: z.literal('kube.patch'),
    cluster: z.string(),
    namespace: z.string().nullable().default(null),
    kind: z.string(),
    name: z.string(),
    patch: z.string().max(1024 * 1024),
    /** kubectl's --type (label and annotate send merge patches): how the server words a bad result. */
    patchType: z.enum(['strategic', 'merge']).default('strategic'),
  }),
  /** New-AksHciStorageContainer: a named folder on a CSV where custom StorageClasses put their VHDX. */
  z.object({
    type: z.literal('aks.storageContainer.create'),
    name: z.string(),
    path: z.string(),
  }),
  /** Uninstall-AksHci: removes the host, its VMs and files; refused while workload clusters exist. */
  z.object({ type: z.literal('aks.uninstall') }),
  /** Start-Sleep: a task that ends once this much virtual time has passed (the console waits for it). */
  z.object({
    type: z.literal('clock.sleep'),
    ms: z
      .number()
      .int()
      .min(1)
      .max(30 * 86_400_000),
  }),
  /** Ctrl+C on Start-Sleep: its task ends now. */
  z.object({ type: z.literal('clock.wake'), taskId: z.string() }),
  /** New-Item on a volume: an empty folder, or a file of sizeBytes (what New-Item -Value wrote). */
  z.object({
    type: z.literal('file.create'),
    path: z.string().max(32_767),
    directory: z.boolean().default(false),
    sizeBytes: bytes.min(0).default(0),
  }),
  /** Copy-Item of a file (or of a folder, as an empty folder) on the volumes. */
  z.object({
    type: z.literal('file.copy'),
    source: z.string().max(32_767),
    destination: z.string().max(32_767),
  }),
])
export type Command = z.infer<typeof commandSchema>
export type CommandInput = z.input<typeof commandSchema>
export type CommandType = Command['type']
