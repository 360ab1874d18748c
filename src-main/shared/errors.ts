// Errors are data. An engine error carries what a person needs to act on it, plus the PowerShell
// error record parts so the console can print it the way Windows PowerShell does.

export type ErrorCategory =
  | 'InvalidArgument'
  | 'InvalidData'
  | 'InvalidOperation'
  | 'ObjectNotFound'
  | 'ResourceExists'
  | 'ResourceUnavailable'
  | 'LimitsExceeded'
  | 'NotSpecified'

export interface LabError {
  code: string // stable machine code, e.g. 'VolumeNameTaken'
  message: string
  category: ErrorCategory
  target?: string // the object the error is about (volume name…)
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: LabError }

export class LabFailure extends Error {
  constructor(readonly error: LabError) {
    super(error.message)
    this.name = 'LabFailure'
  }
}

export function fail(code: string, message: string, category: ErrorCategory, target?: string): never {
  throw new LabFailure({ code, message, category, ...(target === undefined ? {} : { target }) })
}
