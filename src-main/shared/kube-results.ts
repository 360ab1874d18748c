// What the workload commands (kube.apply/delete/scale/patch) return: one line per document or object,
// as kubectl prints them (`deployment.apps/demo2 configured`), or the document's own error. Engine
// error texts name the manifest with FILE_TOKEN, since the command carries the text and not its file
// name: the console puts the name it read (`demo2.yaml`, `STDIN`) in with withFile.

export const FILE_TOKEN = '{file}'

export type KubeAction = 'created' | 'configured' | 'unchanged' | 'deleted' | 'scaled' | 'patched'

export interface KubeObjectResult {
  kind: string
  name: string
  namespace: string | null // null: cluster-scoped
  resource: string // `pod`, `deployment.apps`: kubectl's resource/name prefix
  action?: KubeAction // absent when error is set
  error?: string // kubectl's text for this document (nothing of it was applied)
  warning?: string // printed before the line (`Warning: resource pods/x is missing the … annotation`)
}

export interface KubeCommandResult {
  results: KubeObjectResult[]
}

export function withFile(text: string, file: string): string {
  return text.split(FILE_TOKEN).join(file)
}

/** kubectl's line for a result: `pod/demo1 created`, or its error text. */
export function resultLine(r: KubeObjectResult, file = 'STDIN'): string {
  if (r.error) return withFile(r.error, file)
  return `${r.resource}/${r.name} ${r.action}`
}
