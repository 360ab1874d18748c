import type { Extent } from './syntax/ast'

// PowerShell error records as data. Cmdlets and the binder throw PsError with what they know; the
// runtime fills in the command's name, extent and error-id suffix before the record is printed.

export interface ErrorRecord {
  message: string
  category: string // ErrorCategory, e.g. InvalidArgument
  reason: string // exception short name, e.g. ParameterBindingException
  errorId: string // e.g. NamedParameterNotFound
  target?: { name: string; type: string } // CategoryInfo "(name:type)"; absent → "(:)"
  extent?: Extent // the token the error is about
  invocationName?: string // "Get-Volume : " prefix; '' for none
  activity?: string // CategoryInfo "[Get-Volume]"
  fqidSuffix?: string // FullyQualifiedErrorId ",Get-Volume"
  parse?: boolean // parse errors print their position first
}

export class PsError extends Error {
  constructor(readonly record: ErrorRecord) {
    super(record.message)
    this.name = 'PsError'
  }
}

/** Errors that only a native command (sim, later kubectl) prints: plain red text, no record. */
export class NativeError extends Error {
  /** `output`: what the command printed before failing (kubectl apply's good documents), not red. */
  constructor(
    readonly lines: string[],
    readonly output: string[] = [],
  ) {
    super(lines.join('\n'))
    this.name = 'NativeError'
  }
}

const stringTarget = (name: string) => ({ name, type: 'String' })

export function parseError(message: string, errorId: string, extent: Extent): PsError {
  return new PsError({
    message,
    category: 'ParserError',
    reason: 'ParentContainsErrorRecordException',
    errorId,
    extent,
    parse: true,
    invocationName: '',
    activity: '',
  })
}

export function commandNotFound(name: string, extent: Extent): PsError {
  return new PsError({
    message:
      `The term '${name}' is not recognized as the name of a cmdlet, function, script file, or operable program. ` +
      'Check the spelling of the name, or if a path was included, verify that the path is correct and try again.',
    category: 'ObjectNotFound',
    reason: 'CommandNotFoundException',
    errorId: 'CommandNotFoundException',
    target: stringTarget(name),
    extent,
    invocationName: name,
    activity: '',
    fqidSuffix: '',
  })
}

function binding(message: string, errorId: string, extent?: Extent): PsError {
  return new PsError({
    message,
    category: 'InvalidArgument',
    reason: 'ParameterBindingException',
    errorId,
    extent,
  })
}

function validation(message: string, errorId: string, extent?: Extent): PsError {
  return new PsError({
    message,
    category: 'InvalidData',
    reason: 'ParameterBindingValidationException',
    errorId,
    extent,
  })
}

export const bindingErrors = {
  notFound: (name: string, extent: Extent) =>
    binding(
      `A parameter cannot be found that matches parameter name '${name}'.`,
      'NamedParameterNotFound',
      extent,
    ),
  ambiguous: (name: string, matches: string[], extent: Extent) =>
    binding(
      `Parameter cannot be processed because the parameter name '${name}' is ambiguous. ` +
        `Possible matches include: ${matches.map((m) => `-${m}`).join(' ')}.`,
      'AmbiguousParameter',
      extent,
    ),
  alreadyBound: (name: string, extent: Extent) =>
    binding(
      `Cannot bind parameter because parameter '${name}' is specified more than once. To provide multiple ` +
        'values to parameters that can accept multiple values, use the array syntax. For example, ' +
        '"-parameter value1,value2,value3".',
      'ParameterAlreadyBound',
      extent,
    ),
  positional: (text: string, extent: Extent) =>
    binding(
      `A positional parameter cannot be found that accepts argument '${text}'.`,
      'PositionalParameterNotFound',
      extent,
    ),
  missingArgument: (name: string, typeName: string, extent: Extent) =>
    binding(
      `Missing an argument for parameter '${name}'. Specify a parameter of type '${typeName}' and try again.`,
      'MissingArgument',
      extent,
    ),
  missingMandatory: (names: string[]) =>
    binding(
      `Cannot process command because of one or more missing mandatory parameters: ${names.join(' ')}.`,
      'MissingMandatoryParameter',
    ),
  ambiguousSet: () =>
    binding(
      'Parameter set cannot be resolved using the specified named parameters.',
      'AmbiguousParameterSet',
    ),
  convert: (name: string, detail: string, extent: Extent) =>
    binding(`Cannot bind parameter '${name}'. ${detail}`, 'CannotConvertArgumentNoMessage', extent),
  booleanOnly: (name: string, typeName: string, extent: Extent) =>
    new PsError({
      message:
        `Cannot convert '${typeName}' to the type 'System.Boolean' required by parameter '${name}'. ` +
        'Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.',
      category: 'InvalidArgument',
      reason: 'ParameterBindingArgumentTransformationException',
      errorId: 'ParameterArgumentTransformationError',
      extent,
    }),
  validateSet: (name: string, value: string, set: readonly string[], extent: Extent) =>
    validation(
      `Cannot validate argument on parameter '${name}'. The argument "${value}" does not belong to the set ` +
        `"${set.join(',')}" specified by the ValidateSet attribute. Supply an argument that is in the set and ` +
        'then try the command again.',
      'ParameterArgumentValidationError',
      extent,
    ),
  emptyString: (name: string, extent: Extent) =>
    validation(
      `Cannot bind argument to parameter '${name}' because it is an empty string.`,
      'ParameterArgumentValidationErrorEmptyStringNotAllowed',
      extent,
    ),
  emptyArray: (name: string, extent: Extent) =>
    validation(
      `Cannot bind argument to parameter '${name}' because it is an empty array.`,
      'ParameterArgumentValidationErrorEmptyArrayNotAllowed',
      extent,
    ),
  nullValue: (name: string, extent: Extent) =>
    validation(
      `Cannot bind argument to parameter '${name}' because it is null.`,
      'ParameterArgumentValidationErrorNullNotAllowed',
      extent,
    ),
}

/** A Storage (CIM) query that matched nothing, as the cmdletization layer words it. */
export function cimNotFound(cimClass: string, property: string, value: string): PsError {
  return new PsError({
    message: `No ${cimClass} objects found with property '${property}' equal to '${value}'.  Verify the value of the property and retry.`,
    category: 'ObjectNotFound',
    reason: 'CimJobException',
    errorId: `CmdletizationQuery_NotFound_${property}`,
    target: stringTarget(value),
  })
}

/** A cmdlet's own runtime error. */
export function cmdletError(
  message: string,
  errorId: string,
  category = 'InvalidArgument',
  reason = 'CimException',
  target?: string,
): PsError {
  return new PsError({
    message,
    category,
    reason,
    errorId,
    ...(target === undefined ? {} : { target: stringTarget(target) }),
  })
}
