import type { CommandInput } from '@shared/commands'
import type { LabState } from '../core/state'
import type { PsObject, PsValue, ScriptBlock } from './values'

// What a cmdlet is: one definition drives binding, completion, Get-Command and Get-Help. Later
// capabilities (AKS, Get-VM, Get-ChildItem, kubectl) add a file that calls register*().

export type EnumType = { enum: string; values: readonly string[] }
export type ParamType =
  | 'String'
  | 'String[]'
  | 'UInt64'
  | 'UInt64[]'
  | 'UInt16'
  | 'Int32'
  | 'Boolean'
  | 'Switch'
  | 'ScriptBlock'
  | 'Object'
  | 'Object[]'
  | EnumType

export interface ParamDef {
  name: string
  type: ParamType
  mandatory?: boolean
  position?: number
  validateSet?: readonly string[]
  aliases?: readonly string[]
  /**
   * Also bound from pipeline input (ValueFromPipeline / ByPropertyName): a mandatory one is not
   * missing in a command that has input (`Get-ChildItem | Remove-Item`); the cmdlet reads `input`.
   */
  pipeline?: boolean
  /** Takes every positional argument left over, as one array (ValueFromRemainingArguments). */
  remaining?: boolean
}

/** The bound parameters, by canonical name. Switches are true/false. */
export type BoundArgs = Record<string, PsValue>

export interface CmdletContext {
  /** The lab as it is now (read it again after dispatching). */
  state(): Readonly<LabState>
  /** Applies an engine command; a domain error becomes a PowerShell error record (thrown). */
  dispatch(command: CommandInput): unknown
  /** Runs a script block with $_ set to `item`. */
  invoke(block: ScriptBlock, item: PsValue): PsValue[]
  /** Queues a non-terminating error: printed after the output; the line stops after this statement. */
  writeError(error: Error): void
  registry: Registry
  width: number
  /** The name as typed (an alias stays an alias). */
  invocationName: string
  /**
   * Blocks the line until this task ends, as Install-AksHci does: the rest of the line runs after
   * it. `cancel` is the command that stops the work (Ctrl+C); null when the work cannot be stopped
   * (as a real cluster scale or delete goes on in the cloud agent), so Ctrl+C leaves the line waiting.
   * `then` gives the cmdlet's output once the work is done (New-AksHciCluster's cluster object);
   * it is printed, not passed down the pipeline.
   */
  waitFor(taskId: string, cancel: CommandInput | null, then?: () => PsValue[]): void
  /**
   * PowerShell's ShouldProcess, for cmdlets that declare supportsShouldProcess: false under -WhatIf
   * (it prints "What if: …"), the user's answer under -Confirm, true otherwise ("VERBOSE: …" under
   * -Verbose). Ask for every target before changing anything: an unanswered -Confirm re-runs the
   * statement once the user answers.
   */
  shouldProcess(target: string, operation: string): boolean
  /** Text for the host, not the pipeline (Write-Host, What if:, VERBOSE:), printed before the output. */
  writeHost(text: string, newline?: boolean): void
  /** Prints "VERBOSE: text" when -Verbose is on for this command. */
  writeVerbose(text: string): void
  /** The modules the session has loaded (Import-Module, or by using one of their commands). */
  importedModules: Set<string>
}

export interface CmdletDef {
  name: string
  module: string // Source column of Get-Command
  version: string
  commandType: 'Cmdlet' | 'Function'
  synopsis: string
  params: ParamDef[]
  /** FullyQualifiedErrorId suffix: compiled cmdlets use their class, CDXML functions their name. */
  implementingType?: string
  /** Takes -WhatIf and -Confirm (SupportsShouldProcess): it changes the lab through ctx.shouldProcess. */
  supportsShouldProcess?: boolean
  /**
   * ConfirmImpact High: the interactive console asks before each change even without -Confirm
   * ($ConfirmPreference is High); -Confirm:$false skips it. A non-interactive session does not ask.
   */
  confirmImpact?: 'High'
  /**
   * The parameter-set rules the binder cannot see (-Size or tiers, one operator of Where-Object):
   * checked with the binding, before any command of the pipeline runs. Throws the binding error.
   */
  checkParameterSets?(args: BoundArgs): void
  invoke(ctx: CmdletContext, args: BoundArgs, input: PsValue[]): PsValue[]
}

export interface NativeContext {
  state(): Readonly<LabState>
  dispatch(command: CommandInput): unknown
  width: number
  /** A file's text for `kubectl apply -f`: the prompt's folder, else the host's disk; null if none. */
  readFile(path: string): string | null
}

/** A program with its own argument syntax (sim, later kubectl): it gets the words as typed. */
export interface NativeDef {
  name: string
  synopsis: string
  run(ctx: NativeContext, args: string[], input: PsValue[]): PsValue[]
  /** Candidates for the word being completed, given the words before it. */
  complete?(argsBefore: string[]): string[]
}

export type Align = 'left' | 'right'

export interface ViewColumn {
  label: string
  value(o: PsObject): string
  align?: Align
  width?: number // fixed width; otherwise the column fits its widest cell
}

export interface ViewDef {
  key: string
  columns: ViewColumn[]
  /** Properties Format-List shows by default; all properties when absent. */
  list?: string[]
  /** Out-Default shows these objects as a list, not a table (objects the real cmdlet lists). */
  listByDefault?: boolean
  /** Objects printed as text rather than a table or list (a DateTime's long date). */
  render?(o: PsObject): string[]
  /** Tables of these objects start a new group, with this header, when the value changes. */
  groupBy?: { value(o: PsObject): string; header(value: string): string }
}

export class Registry {
  private readonly cmdlets = new Map<string, CmdletDef>()
  private readonly natives = new Map<string, NativeDef>()
  private readonly aliasMap = new Map<string, { alias: string; target: string }>()
  private readonly views = new Map<string, ViewDef>()

  addCmdlet(def: CmdletDef): void {
    this.cmdlets.set(def.name.toLowerCase(), def)
  }

  addNative(def: NativeDef): void {
    this.natives.set(def.name.toLowerCase(), def)
  }

  addAlias(alias: string, target: string): void {
    this.aliasMap.set(alias.toLowerCase(), { alias, target })
  }

  addView(view: ViewDef): void {
    this.views.set(view.key, view)
  }

  view(key: string | undefined): ViewDef | undefined {
    return key === undefined ? undefined : this.views.get(key)
  }

  /** Resolves a command name (case-insensitive, through aliases; "sim.exe" finds "sim"). */
  resolve(name: string): { kind: 'cmdlet'; def: CmdletDef } | { kind: 'native'; def: NativeDef } | undefined {
    const lower = name.toLowerCase()
    const target = this.aliasMap.get(lower)?.target.toLowerCase() ?? lower
    const cmdlet = this.cmdlets.get(target)
    if (cmdlet) return { kind: 'cmdlet', def: cmdlet }
    const native = this.natives.get(target) ?? this.natives.get(target.replace(/\.exe$/, ''))
    return native ? { kind: 'native', def: native } : undefined
  }

  allCmdlets(): CmdletDef[] {
    return [...this.cmdlets.values()]
  }

  allNatives(): NativeDef[] {
    return [...this.natives.values()]
  }

  aliases(): { alias: string; target: string }[] {
    return [...this.aliasMap.values()]
  }
}
