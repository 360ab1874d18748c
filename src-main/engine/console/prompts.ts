import { cmdletError, PsError } from './errors'
import type { ParamDef } from './registry'
import type { PsValue } from './values'

// The questions an interactive console asks in the middle of a statement: values for mandatory
// parameters the line left out, and -Confirm's "Are you sure?". A command cannot stop half way and
// wait for a key, so the statement asks, the session shows the question as its prompt, and the next
// line typed is the answer: the statement then runs again from its start with every answer typed
// so far, taken in the order it asks for them. Nothing of the lab changes before the last answer
// (binding happens before any command runs; cmdlets ask about every target before acting).

/** Thrown by a statement that needs one more answer: the session prints `lines`, then asks `prompt`. */
export class Question {
  constructor(
    readonly lines: string[],
    readonly prompt: string,
  ) {}
}

const CONFIRM_CHOICES =
  '[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help (default is "Y"): '
const CONFIRM_HELP = [
  'Y - Continue with only the next step of the operation.',
  'A - Continue with all the steps of the operation.',
  'N - Skip this operation and proceed with the next operation.',
  'L - Skip this operation and all subsequent operations.',
  'S - Pause the current pipeline and return to the command prompt. Type "exit" to resume the pipeline.',
]

export type ConfirmChoice = 'yes' | 'yesToAll' | 'no' | 'noToAll'

/** The answers typed for the statement being asked about; null in a non-interactive session. */
export class Answers {
  private readonly typed: string[] = []
  private used = 0

  /** The statement runs again from its start: its questions take the answers from the first. */
  rewind(): void {
    this.used = 0
  }

  add(answer: string): void {
    this.typed.push(answer)
  }

  private next(): string | undefined {
    return this.typed[this.used++]
  }

  /** Values for the missing mandatory parameters, asked one by one (arrays until an empty line). */
  missing(commandName: string, position: number, params: ParamDef[]): Record<string, PsValue> {
    const header = [
      `cmdlet ${commandName} at command pipeline position ${position}`,
      'Supply values for the following parameters:',
    ]
    const values: Record<string, PsValue> = {}
    let first = true
    const ask = (label: string): string => {
      const answer = this.next()
      if (answer === undefined) throw new Question(first ? header : [], `${label}: `)
      first = false
      return answer
    }
    for (const param of params) {
      if (!isArray(param)) {
        values[param.name] = ask(param.name)
        continue
      }
      const items: string[] = []
      for (let line = ask(`${param.name}[0]`); line !== ''; line = ask(`${param.name}[${items.length}]`))
        items.push(line)
      values[param.name] = items
    }
    return values
  }

  /** -Confirm's question about one operation, asked again until the answer is one of its choices. */
  confirm(operation: string, target: string): ConfirmChoice {
    const lines = [
      '',
      'Confirm',
      'Are you sure you want to perform this action?',
      `Performing the operation "${operation}" on target "${target}".`,
    ]
    for (;;) {
      const answer = this.next()
      if (answer === undefined) throw new Question(lines, CONFIRM_CHOICES)
      const choice = CHOICES[answer.trim().toLowerCase()]
      if (choice) return choice
      // Help, or an answer that is none of the choices: PowerShell asks the same question again.
      lines.splice(0, lines.length, ...(answer.trim() === '?' ? CONFIRM_HELP : []))
    }
  }
}

const CHOICES: Record<string, ConfirmChoice> = {
  '': 'yes',
  y: 'yes',
  a: 'yesToAll',
  n: 'no',
  l: 'noToAll',
}

function isArray(param: ParamDef): boolean {
  return typeof param.type === 'string' && param.type.endsWith('[]')
}

/** -Confirm in a session that cannot ask (hci-lab run), as powershell -NonInteractive says it. */
export function nonInteractiveError(): PsError {
  return new PsError({
    message: 'PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.',
    category: 'InvalidOperation',
    reason: 'HostException',
    errorId: 'HostFunctionNotImplemented',
  })
}

/**
 * A question comes after the statement already changed the lab (a -Confirm in a loop, the second
 * command of a pipeline asking after the first acted): the statement cannot run again for the answer.
 */
export function askedTooLate(): PsError {
  const error = cmdletError(
    "HCI Lab's console cannot ask here: this statement already changed the lab before this question. " +
      'Run the commands one per line, or answer ahead with -Confirm:$false.',
    'PromptAfterChange',
    'InvalidOperation',
    'PSInvalidOperationException',
  )
  Object.assign(error.record, { invocationName: '', activity: '', fqidSuffix: '' })
  return error
}
