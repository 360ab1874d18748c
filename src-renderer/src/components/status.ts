import type { VmState } from '@shared/aks'
import type { HealthStatus, ServerState, TaskState } from '@shared/domain'
import type { StatusKind } from './StatusIcon.vue'

export const healthKind: Record<HealthStatus, StatusKind> = {
  Healthy: 'success',
  Warning: 'warning',
  Unhealthy: 'error',
  Unknown: 'neutral',
}

export const serverKind: Record<ServerState, StatusKind> = { Up: 'success', Down: 'error', Paused: 'warning' }

export const vmKind: Record<VmState, StatusKind> = {
  Running: 'success',
  Starting: 'progress',
  Stopping: 'progress',
  Off: 'neutral',
}

export const taskKind: Record<TaskState, StatusKind> = {
  InProgress: 'progress',
  Success: 'success',
  Error: 'error',
  Warning: 'warning',
  Informational: 'info',
}

export const SERVER_STATES: ServerState[] = ['Up', 'Paused', 'Down']
export const HEALTH_STATES: HealthStatus[] = ['Healthy', 'Warning', 'Unhealthy']

export interface StateCount {
  label: string
  kind: StatusKind
  count: number
}

/** How many of `values` are in each state, in the order given (zeros included, as WAC lists them). */
export function countStates<S extends string>(
  states: S[],
  values: S[],
  kinds: Record<S, StatusKind>,
): StateCount[] {
  return states.map((s) => ({ label: s, kind: kinds[s], count: values.filter((v) => v === s).length }))
}
