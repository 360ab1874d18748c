import type { HealthStatus, ServerState, TaskState } from '@shared/domain'
import type { StatusKind } from './StatusIcon.vue'

export const healthKind: Record<HealthStatus, StatusKind> = {
  Healthy: 'success',
  Warning: 'warning',
  Unhealthy: 'error',
  Unknown: 'neutral',
}

export const serverKind: Record<ServerState, StatusKind> = { Up: 'success', Down: 'error', Paused: 'warning' }

export const taskKind: Record<TaskState, StatusKind> = {
  InProgress: 'progress',
  Success: 'success',
  Error: 'error',
  Warning: 'warning',
  Informational: 'info',
}
