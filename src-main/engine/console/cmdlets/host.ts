import { dateTimeText } from '../dates'
import { bindingErrors, PsError } from '../errors'
import { DEFAULT_DATE_FORMAT, formatDate } from '../format/date-format'
import { outDefault } from '../format/objects'
import type { CmdletDef, Registry } from '../registry'
import { enumerate, PsObject, toText, type PsValue } from '../values'

// Microsoft.PowerShell.Utility's host and time cmdlets: Write-Host, Write-Verbose, Out-Null,
// Out-String, Get-Date and Start-Sleep. Time is the lab's virtual clock: Get-Date reads it, and
// Start-Sleep blocks the line as Install-AksHci does until that much virtual time has passed (the
// app's clock runs at the lab's speed meanwhile; the CLI moves it straight on; Ctrl+C stops it).

const UTILITY = { module: 'Microsoft.PowerShell.Utility', version: '3.1.0.0', commandType: 'Cmdlet' } as const
const CMD = 'Microsoft.PowerShell.Commands'

const CONSOLE_COLORS = [
  'Black',
  'DarkBlue',
  'DarkGreen',
  'DarkCyan',
  'DarkRed',
  'DarkMagenta',
  'DarkYellow',
  'Gray',
  'DarkGray',
  'Blue',
  'Green',
  'Cyan',
  'Red',
  'Magenta',
  'Yellow',
  'White',
] as const
const COLOR = { enum: 'System.ConsoleColor', values: CONSOLE_COLORS }
/** ANSI foreground codes of the console colours, in CONSOLE_COLORS' order. */
const ANSI = [30, 34, 32, 36, 31, 35, 33, 37, 90, 94, 92, 96, 91, 95, 93, 97]

/** The longest Start-Sleep: as far as `sim advance` moves the clock in one go. */
const MAX_SLEEP_SECONDS = 30 * 86_400

function colored(text: string, foreground: PsValue, background: PsValue): string {
  const fg = CONSOLE_COLORS.indexOf(toText(foreground) as (typeof CONSOLE_COLORS)[number])
  const bg = CONSOLE_COLORS.indexOf(toText(background) as (typeof CONSOLE_COLORS)[number])
  const codes = [...(fg >= 0 ? [ANSI[fg]!] : []), ...(bg >= 0 ? [ANSI[bg]! + 10] : [])]
  return codes.length ? `\x1b[${codes.join(';')}m${text}\x1b[0m` : text
}

/** A DateTime of the virtual clock: prints as the long date and time, converts as [string] does. */
export function dateTimeObject(ms: number): PsObject {
  const d = new Date(ms)
  return new PsObject(
    'System.DateTime',
    {
      DisplayHint: 'DateTime',
      DateTime: formatDate(ms, DEFAULT_DATE_FORMAT),
      Date: dateTimeText(ms - (ms % 86_400_000)),
      Day: d.getUTCDate(),
      DayOfWeek: formatDate(ms, 'dddd'),
      DayOfYear: Math.floor((ms - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1,
      Hour: d.getUTCHours(),
      Kind: 'Local',
      Millisecond: d.getUTCMilliseconds(),
      Minute: d.getUTCMinutes(),
      Month: d.getUTCMonth() + 1,
      Second: d.getUTCSeconds(),
      Year: d.getUTCFullYear(),
    },
    'DateTime',
    dateTimeText(ms),
  )
}

function rangeError(name: string, value: number, min: number, max: number): PsError {
  const bound =
    value < min
      ? `less than the minimum allowed range of ${min}. Supply an argument that is greater than or equal to ${min}`
      : `greater than the maximum allowed range of ${max}. Supply an argument that is less than or equal to ${max}`
  return new PsError({
    message: `Cannot validate argument on parameter '${name}'. The ${value} argument is ${bound} and then try the command again.`,
    category: 'InvalidData',
    reason: 'ParameterBindingValidationException',
    errorId: 'ParameterArgumentValidationError',
  })
}

const CMDLETS: CmdletDef[] = [
  {
    name: 'Write-Host',
    ...UTILITY,
    implementingType: `${CMD}.WriteHostCommand`,
    synopsis: 'Writes text to the console (not down the pipeline).',
    params: [
      { name: 'Object', type: 'Object', position: 0, aliases: ['Msg', 'Message'], remaining: true },
      { name: 'NoNewline', type: 'Switch' },
      { name: 'Separator', type: 'Object' },
      { name: 'ForegroundColor', type: COLOR },
      { name: 'BackgroundColor', type: COLOR },
    ],
    invoke(ctx, args, input) {
      const separator = args.Separator === undefined ? ' ' : toText(args.Separator)
      const items = args.Object !== undefined ? [args.Object] : input.length ? input : ['']
      for (const item of items) {
        const text = enumerate(item).map(toText).join(separator)
        ctx.writeHost(
          colored(text, args.ForegroundColor ?? null, args.BackgroundColor ?? null),
          args.NoNewline !== true,
        )
      }
      return []
    },
  },
  {
    name: 'Write-Verbose',
    ...UTILITY,
    implementingType: `${CMD}.WriteVerboseCommand`,
    synopsis: 'Writes "VERBOSE: message" to the console when -Verbose is given.',
    params: [{ name: 'Message', type: 'String', position: 0, mandatory: true, aliases: ['Msg'] }],
    invoke(ctx, args) {
      ctx.writeVerbose(toText(args.Message ?? null))
      return []
    },
  },
  {
    name: 'Out-Null',
    module: 'Microsoft.PowerShell.Core',
    version: '3.0.0.0',
    commandType: 'Cmdlet',
    implementingType: `${CMD}.OutNullCommand`,
    synopsis: 'Discards its input.',
    params: [{ name: 'InputObject', type: 'Object' }],
    invoke: () => [],
  },
  {
    name: 'Out-String',
    ...UTILITY,
    implementingType: `${CMD}.OutStringCommand`,
    synopsis: 'Turns objects into the text the console would show: one string, or a line each with -Stream.',
    params: [
      { name: 'InputObject', type: 'Object' },
      { name: 'Width', type: 'Int32' },
      { name: 'Stream', type: 'Switch' },
    ],
    invoke(ctx, args, input) {
      const values = args.InputObject !== undefined ? enumerate(args.InputObject) : input
      const width = typeof args.Width === 'number' && args.Width > 0 ? args.Width : ctx.width
      const lines = outDefault(values, ctx.registry, width)
      if (args.Stream === true) return lines
      return lines.length ? [`${lines.join('\n')}\n`] : []
    },
  },
  {
    name: 'Get-Date',
    ...UTILITY,
    implementingType: `${CMD}.GetDateCommand`,
    synopsis: "Gets the lab's virtual date and time (-Format gives it as text: -Format 'yyyy-MM-dd HH:mm').",
    params: [{ name: 'Format', type: 'String' }],
    invoke(ctx, args) {
      const now = ctx.state().clock.now
      return [args.Format === undefined ? dateTimeObject(now) : formatDate(now, toText(args.Format))]
    },
  },
  {
    name: 'Start-Sleep',
    ...UTILITY,
    implementingType: `${CMD}.StartSleepCommand`,
    synopsis:
      "Waits until the lab's virtual clock has moved on by that many seconds (or -Milliseconds); Ctrl+C stops waiting.",
    params: [
      { name: 'Seconds', type: 'Int32', position: 0 },
      { name: 'Milliseconds', type: 'Int32', aliases: ['ms'] },
    ],
    checkParameterSets(args) {
      const { Seconds: seconds, Milliseconds: ms } = args
      if (seconds !== undefined && ms !== undefined) throw bindingErrors.ambiguousSet()
      if (typeof seconds === 'number' && (seconds < 0 || seconds > MAX_SLEEP_SECONDS))
        throw rangeError('Seconds', seconds, 0, MAX_SLEEP_SECONDS)
      if (typeof ms === 'number' && (ms < 0 || ms > MAX_SLEEP_SECONDS * 1000))
        throw rangeError('Milliseconds', ms, 0, MAX_SLEEP_SECONDS * 1000)
      if (seconds === undefined && ms === undefined) throw bindingErrors.missingMandatory(['Seconds'])
    },
    invoke(ctx, args) {
      const ms = typeof args.Seconds === 'number' ? args.Seconds * 1000 : (args.Milliseconds as number)
      if (ms === 0) return []
      const { taskId } = ctx.dispatch({ type: 'clock.sleep', ms }) as { taskId: string }
      ctx.waitFor(taskId, { type: 'clock.wake', taskId })
      return []
    },
  },
]

export function registerHost(registry: Registry): void {
  registry.addView({
    key: 'DateTime',
    columns: [],
    render: (o) => ['', toText(o.get('DateTime')), '', ''],
  })
  for (const cmdlet of CMDLETS) registry.addCmdlet(cmdlet)
  registry.addAlias('sleep', 'Start-Sleep')
}
