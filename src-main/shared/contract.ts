import { z } from 'zod'
import type { AksHost, ClusterGroup, VirtualMachine } from './aks'
import type { AksCluster, KubeconfigState } from './aks-cluster'
import type { ChangeBatch } from './changes'
import { commandSchema, hardwareSpecSchema } from './commands'
import type {
  CapacitySeries,
  ClockState,
  ClusterInfo,
  Drive,
  FileEntry,
  LabMeta,
  Server,
  StoragePool,
  Task,
  Volume,
  VSwitch,
} from './domain'
import type { LabError } from './errors'
import { IMPORT_LIMIT, MAX_IMPORT_BASE64_CHARS, mebibytes } from './message-limits'
import type { PerformanceHistory } from './performance'

// The one IPC contract between the renderer and whatever hosts the engine (Electron main or the
// web host). Invoke channels: name -> zod input schema + output type. Event channels: name -> payload.
// Every reply is an envelope: { ok: true, data } or { ok: false, error }.

/** What the renderer sees of a lab: the state without the engine's internals (rng, event queue). */
export interface LabView {
  meta: LabMeta
  clock: ClockState
  cluster: ClusterInfo
  pool: StoragePool
  servers: Record<string, Server>
  drives: Record<string, Drive>
  switches: Record<string, VSwitch>
  volumes: Record<string, Volume>
  files: Record<string, FileEntry>
  tasks: Record<string, Task>
  samples: Record<string, CapacitySeries>
  aks: AksHost
  vms: Record<string, VirtualMachine>
  clusterGroups: Record<string, ClusterGroup>
  aksClusters: Record<string, AksCluster>
  /** Kubernetes API objects of every workload cluster, keyed `<clusterId>/<kind>/<namespace>/<name>`. */
  kube: Record<string, KubeObject>
  kubeconfig: KubeconfigState
  /** The cluster's load, a sample per virtual minute (the Dashboard's performance charts). */
  performance: PerformanceHistory
}

/** A Kubernetes API object as kubernetes-types shapes it (apiVersion, kind, metadata, spec, status). */
export interface KubeObject {
  apiVersion: string
  kind: string
  metadata: {
    name: string
    namespace?: string
    uid: string
    resourceVersion: string
    creationTimestamp: string
    [k: string]: unknown
  }
  [k: string]: unknown
}

/** The LabView keys that hold one object rather than a collection keyed by id. */
export const SINGLETON_NAMES = [
  'meta',
  'clock',
  'cluster',
  'pool',
  'aks',
  'kubeconfig',
  'performance',
] as const

export interface LabSnapshot {
  version: number
  view: LabView
}

export interface LabEntry {
  name: string
  file: string
  lastOpened: string // ISO wall time
}

export interface LabInfo {
  name: string
  file: string
  recent: LabEntry[]
  /** The lab file cannot be written: the lab can be looked at, and commands are refused. */
  readOnly: boolean
  /** Set when the file was damaged and opened at its last good point: what was lost, and where the original is. */
  recovery: string | null
}

export interface ConsoleReply {
  output: string // ANSI-coloured text, lines separated by \r\n-free "\n"
  prompt: string
  /** Set when the line failed (a terminating error): the error's message, plain text. */
  error?: string
  /**
   * Set when the line started long work it blocks on (Install-AksHci): the host shows the session's
   * progress until the task ends, then resumes the session. console:run never returns it: it stays
   * pending instead, streaming console:output.
   */
  wait?: { taskId: string }
}

export interface Completion {
  replaceFrom: number // index in the line where the completed word starts
  candidates: string[]
}

/** Carries an output type at the type level only. */
const out = <T>() => undefined as unknown as T
const empty = z.object({}).strict()
const labName = z
  .string()
  .trim()
  .min(1, 'Enter a lab name.')
  .max(64, 'A lab name can have at most 64 characters.')
const sessionId = z.string().min(1).max(64)
const labPath = z
  .string()
  .min(1, 'Enter the path of a lab file.')
  .max(4096, 'A lab file path can have at most 4096 characters.')
const importBase64 = z.string().max(MAX_IMPORT_BASE64_CHARS, {
  error: (issue) => {
    const size =
      typeof issue.input === 'string' ? `; this one is ${mebibytes((issue.input.length * 3) / 4)}` : ''
    return `${IMPORT_LIMIT}${size}`
  },
})

export const invokeChannels = {
  'lab:info': { input: empty, output: out<LabInfo>() },
  'lab:snapshot': { input: empty, output: out<LabSnapshot>() },
  'lab:new': {
    input: z
      .object({
        name: labName,
        seed: z
          .number()
          .int()
          .min(0)
          .max(2 ** 32 - 1)
          .optional(),
        hardware: hardwareSpecSchema.optional(),
      })
      .strict(),
    output: out<LabInfo>(),
  },
  'lab:open': { input: z.object({ file: labPath }).strict(), output: out<LabInfo>() },
  'lab:saveAs': { input: z.object({ name: labName }).strict(), output: out<LabInfo>() },
  'lab:export': { input: empty, output: out<{ fileName: string; base64: string }>() },
  'lab:import': {
    input: z
      .object({
        fileName: z
          .string()
          .min(1, 'Enter the name of the lab file.')
          .max(255, 'A file name can have at most 255 characters.'),
        base64: importBase64,
      })
      .strict(),
    output: out<LabInfo>(),
  },
  'lab:delete': { input: z.object({ file: labPath }).strict(), output: out<LabInfo>() },
  'lab:command': { input: z.object({ command: commandSchema }).strict(), output: out<unknown>() },
  'lab:preview': { input: z.object({ command: commandSchema }).strict(), output: out<unknown>() },
  'console:open': { input: empty, output: out<{ sessionId: string; banner: string; prompt: string }>() },
  'console:run': {
    input: z
      .object({
        sessionId,
        line: z.string().max(100_000),
        width: z.number().int().min(40).max(500).optional(),
      })
      .strict(),
    output: out<ConsoleReply>(),
  },
  'console:complete': {
    input: z.object({ sessionId, line: z.string().max(100_000), cursor: z.number().int().min(0) }).strict(),
    output: out<Completion>(),
  },
  'console:close': { input: z.object({ sessionId }).strict(), output: out<null>() },
  /** Ctrl+C while a line waits (Install-AksHci): cancels the work; the pending console:run then ends. */
  'console:cancel': { input: z.object({ sessionId }).strict(), output: out<null>() },
} as const

export type InvokeChannel = keyof typeof invokeChannels
export type InvokeInput<C extends InvokeChannel> = z.input<(typeof invokeChannels)[C]['input']>
export type InvokeOutput<C extends InvokeChannel> = (typeof invokeChannels)[C]['output']

export interface EventPayloads {
  /**
   * Versioned changes of the open lab, throttled (≈10 a second at most). A batch too large to send
   * comes as a summary (resync: true, no changes): pull a new snapshot.
   */
  'lab:changes': ChangeBatch
  /** Another lab was opened (or created/imported): pull a new snapshot. */
  'lab:switched': LabInfo
  /**
   * Output of a console line still running (Install-AksHci's progress), before its console:run
   * resolves: whole lines joined by "\n" without a final newline, like ConsoleReply.output.
   */
  'console:output': { sessionId: string; text: string }
  /** Electron only: a File menu item the renderer carries out with its own dialogs. */
  'app:menu': { action: MenuAction }
}

export const MENU_ACTIONS = ['lab:new', 'lab:open', 'lab:saveAs', 'lab:export', 'lab:import'] as const
export type MenuAction = (typeof MENU_ACTIONS)[number]

export type EventChannel = keyof EventPayloads

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: LabError }

/** The one interface the renderer uses, whatever the transport (Electron bridge or WebSocket). */
export interface HciLabApi {
  invoke<C extends InvokeChannel>(channel: C, input: InvokeInput<C>): Promise<Envelope<InvokeOutput<C>>>
  on<E extends EventChannel>(event: E, listener: (payload: EventPayloads[E]) => void): () => void
}

export function isInvokeChannel(name: unknown): name is InvokeChannel {
  return typeof name === 'string' && Object.hasOwn(invokeChannels, name)
}
