import type { PsValue } from '../values'

// The syntax tree of one console line. Every node keeps its extent (offsets into the line) so that
// errors can point at the token that caused them, as PowerShell's "At line:1 char:N" does.

export interface Extent {
  start: number
  end: number // one past the last character
}

export type Expr =
  | { kind: 'const'; value: PsValue; extent: Extent }
  | { kind: 'expandable'; parts: (string | Expr)[]; extent: Extent }
  | { kind: 'var'; name: string; extent: Extent }
  | { kind: 'member'; target: Expr; name: string; extent: Extent }
  | { kind: 'method'; target: Expr; name: string; args: Expr[]; extent: Extent }
  | { kind: 'index'; target: Expr; index: Expr; extent: Extent }
  | { kind: 'array'; items: Expr[]; extent: Extent }
  | { kind: 'binary'; op: string; left: Expr; right: Expr; extent: Extent }
  | { kind: 'unary'; op: string; operand: Expr; extent: Extent }
  | { kind: 'sub'; body: Statement[]; array: boolean; extent: Extent }
  | { kind: 'script'; text: string; body: Statement[]; extent: Extent }
  | { kind: 'hash'; entries: { key: string; value: Expr }[]; extent: Extent }
  | { kind: 'cast'; type: string; operand: Expr; extent: Extent }
  | { kind: 'static'; type: string; name: string; args: Expr[]; extent: Extent }

/** `-Name` or `-Name:value`. `text` is the token as typed (native commands get it raw). */
export interface ParamElement {
  kind: 'param'
  name: string
  text: string
  arg?: Expr
  extent: Extent
}

/** An argument; `bare` marks an unquoted word (native commands get its text unchanged). */
export interface ArgElement {
  kind: 'arg'
  expr: Expr
  text: string
  extent: Extent
}

export interface CommandAst {
  kind: 'command'
  name: string
  nameExtent: Extent
  elements: (ParamElement | ArgElement)[]
  extent: Extent
}

export interface ExprElement {
  kind: 'expr'
  expr: Expr
  extent: Extent
}

export interface Pipeline {
  elements: (CommandAst | ExprElement)[]
  extent: Extent
}

export type Statement =
  | { kind: 'pipeline'; pipeline: Pipeline; extent: Extent }
  | { kind: 'assign'; name: string; value: Pipeline; extent: Extent }
