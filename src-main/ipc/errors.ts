import type { ErrorCategory, LabError } from '@shared/errors'
import { LabFailure } from '@shared/errors'
import { LabFileError } from '../persistence'

// Everything that crosses the bridge is data. These turn whatever a handler threw into a LabError
// a person can read; nothing is re-thrown to the renderer.

const FILE_CATEGORIES: Record<LabFileError['code'], ErrorCategory> = {
  NotFound: 'ObjectNotFound',
  NotALab: 'InvalidData',
  Damaged: 'InvalidData',
  NewerVersion: 'InvalidData',
  Exists: 'ResourceExists',
  ReadOnly: 'InvalidOperation',
  DiskFull: 'ResourceUnavailable',
  Quota: 'LimitsExceeded',
  Io: 'ResourceUnavailable',
}

export function labError(code: string, message: string, category: ErrorCategory): LabError {
  return { code, message, category }
}

export function toLabError(e: unknown): LabError {
  if (e instanceof LabFailure) return e.error
  if (e instanceof LabFileError) return labError(`File${e.code}`, e.message, FILE_CATEGORIES[e.code])
  const message = e instanceof Error ? e.message : String(e)
  return labError('Internal', message || 'Unexpected error.', 'NotSpecified')
}
