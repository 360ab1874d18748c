import { nonInteractiveError, type Answers, type ConfirmChoice } from './prompts'
import type { BoundArgs, CmdletDef } from './registry'

// PowerShell's ShouldProcess for one command of a pipeline, made each time the command is bound:
// -WhatIf describes, -Confirm (or a ConfirmImpact High command in an interactive console) asks,
// -Verbose reports what is done.

const YELLOW = '\x1b[93m'
const RESET = '\x1b[0m'

export class ShouldProcess {
  /** -Confirm's "Yes to All" or "No to All", for the rest of this run of the command. */
  private decided: ConfirmChoice | null = null

  constructor(
    private readonly def: CmdletDef,
    /** The command's bound parameters (bound after this object is made). */
    private readonly args: () => BoundArgs,
    /** Where host text goes: the statement's lines printed before its output. */
    private readonly host: (line: string) => void,
    /** The statement's answers; null when the session cannot ask. */
    private readonly answers: () => Answers | null,
    /** $VerbosePreference = 'Continue': verbose text shows without -Verbose. */
    private readonly verbosePreferred: () => boolean,
  ) {}

  verbose(text: string): void {
    const wanted = this.args().Verbose
    if (wanted === true || (wanted === undefined && this.verbosePreferred()))
      this.host(`${YELLOW}VERBOSE: ${text}${RESET}`)
  }

  ask(target: string, operation: string): boolean {
    const args = this.args()
    if (args.WhatIf === true) {
      this.host(`What if: Performing the operation "${operation}" on target "${target}".`)
      return false
    }
    const answers = this.answers()
    const impactAsks = this.def.confirmImpact === 'High' && args.Confirm !== false && answers !== null
    if (args.Confirm === true || impactAsks) {
      if (this.decided) return this.decided === 'yesToAll'
      if (!answers) throw nonInteractiveError()
      const choice = answers.confirm(operation, target)
      if (choice === 'yesToAll' || choice === 'noToAll') this.decided = choice
      if (choice === 'no' || choice === 'noToAll') return false
    }
    this.verbose(`Performing the operation "${operation}" on target "${target}".`)
    return true
  }
}
