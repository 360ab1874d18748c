// The console engine: a PowerShell 5.1-style session over a lab.
export { ConsoleSession, type ConsoleHost } from './session'
export { stripAnsi } from './session-text'
export { createRegistry } from './builtins'
export { Registry } from './registry'
export type {
  CmdletDef,
  CmdletContext,
  NativeDef,
  NativeContext,
  ParamDef,
  ParamType,
  ViewDef,
  ViewColumn,
  BoundArgs,
} from './registry'
export { PsObject, psEnum, type PsValue } from './values'
export { PsError, NativeError, cmdletError, cimNotFound } from './errors'
