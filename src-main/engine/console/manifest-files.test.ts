import { describe, expect, it } from 'vitest'
import { clusterConsole } from './testkit'

// kubectl's errors about a manifest name the file as it was typed (or STDIN), never a placeholder.

const FILES = {
  'broken.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: [name: x\n',
  'nowhere.yaml':
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: nowhere\nspec:\n  containers:\n  - name: c\n    image: nginx\n',
}

describe('manifest errors name the file', () => {
  it.each([
    ['apply, a YAML error', 'kubectl apply -f broken.yaml', 'error: error parsing broken.yaml: '],
    ['create, a YAML error', 'kubectl create -f broken.yaml', 'error: error parsing broken.yaml: '],
    ['delete, a YAML error', 'kubectl delete -f broken.yaml', 'error: error parsing broken.yaml: '],
    ['a rejected document', 'kubectl apply -f nowhere.yaml', 'error when creating "nowhere.yaml"'],
    ['a YAML error on STDIN', "'a: [' | kubectl apply -f -", 'error: error parsing STDIN: '],
  ])('%s', (_, line, expected) => {
    const { session } = clusterConsole(FILES)
    const reply = session.run(line)
    expect(reply.output).toContain(expected)
    expect(reply.output).not.toContain('{file}')
  })
})
