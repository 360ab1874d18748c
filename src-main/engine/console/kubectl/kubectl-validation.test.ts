import { describe, expect, it } from 'vitest'
import { claimOf, deploymentWithReplicas, validationLab } from './validation-kit'

// The inputs of issue 10 the API server (or kubectl before it) refuses, through the in-app kubectl:
// kubectl's exact words, nothing applied and nothing logged. Clusters are v1.20: kubectl v1.32
// checks a manifest against the server's OpenAPI types itself (the server cannot), and the server's
// JSON decoder and validation judge the rest.

const STOP = 'if you choose to ignore these errors, turn validation off with --validate=false'
const invalidType = (got: string) =>
  `error: error validating "d.yaml": error validating data: ValidationError(Deployment.spec.replicas): invalid type for io.k8s.api.apps.v1.DeploymentSpec.replicas: got "${got}", expected "integer"; ${STOP}`
const undecodable = (value: string) =>
  `Error from server (BadRequest): error when creating "d.yaml": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal ${value} into Go struct field DeploymentSpec.spec.replicas of type int32`

describe('replicas the API server refuses', () => {
  const k = validationLab()

  it.each([
    ['abc', invalidType('string')],
    ['"3"', invalidType('string')],
    ['[]', invalidType('array')],
    ['{}', invalidType('map')],
    ['2.5', undecodable('number 2.5')],
    ['2147483648', undecodable('number 2147483648')],
    ['.nan', 'error: error parsing d.yaml: error converting YAML to JSON: json: unsupported value: NaN'],
    ['.inf', 'error: error parsing d.yaml: error converting YAML to JSON: json: unsupported value: +Inf'],
    [
      '-1',
      'The Deployment "d" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    ],
  ])('replicas: %s', (replicas, message) => {
    k.files.set('d.yaml', deploymentWithReplicas(replicas))
    expect(k.refused('kubectl apply -f d.yaml')).toEqual({ output: message, unchanged: true })
    expect(k.refused('kubectl create -f d.yaml')).toEqual({ output: message, unchanged: true })
  })

  it('takes 3 and shows it; a second apply of 2.5 is the patch the server cannot convert', () => {
    k.files.set('d.yaml', deploymentWithReplicas('3'))
    expect(k.run('kubectl apply -f d.yaml')).toBe('deployment.apps/d created')
    expect(k.run("kubectl get deployment d -o jsonpath='{.spec.replicas}'")).toBe('3')
    k.files.set('d.yaml', deploymentWithReplicas('2.5'))
    const again = k.refused('kubectl apply -f d.yaml')
    expect(again.unchanged).toBe(true)
    expect(again.output).toMatch(
      /^The request is invalid: patch: Invalid value: "map\[metadata:map\[annotations:map\[kubectl\.kubernetes\.io\/last-applied-configuration:\{.*\}\\n\]\] spec:map\[replicas:2\.5\]\]": cannot convert float64 to int32$/,
    )
    k.files.set('d.yaml', deploymentWithReplicas('abc'))
    expect(k.refused('kubectl apply -f d.yaml')).toEqual({ output: invalidType('string'), unchanged: true })
  })

  it('refuses create deployment replicas kubectl cannot read, or the server refuses', () => {
    const flag = (value: string, reason: string) =>
      `Error: invalid argument "${value}" for "-r, --replicas" flag: strconv.ParseInt: parsing "${value}": ${reason}\nSee 'kubectl create deployment --help' for usage.`
    expect(k.refused('kubectl create deployment e --image=nginx --replicas=abc')).toEqual({
      output: flag('abc', 'invalid syntax'),
      unchanged: true,
    })
    expect(k.refused('kubectl create deployment e --image=nginx --replicas=2147483648').output).toBe(
      flag('2147483648', 'value out of range'),
    )
    expect(k.refused('kubectl create deployment e --image=nginx --replicas=-1')).toEqual({
      output:
        'error: failed to create deployment: Deployment.apps "e" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      unchanged: true,
    })
  })

  it('refuses a patch whose result does not decode, in the strategic and the merge path', () => {
    expect(k.refused(`kubectl patch deployment demo2 -p '{"spec":{"replicas":"x"}}'`)).toEqual({
      output:
        'The request is invalid: patch: Invalid value: "map[spec:map[replicas:x]]": cannot convert string to int32',
      unchanged: true,
    })
    const merge = k.refused(`kubectl patch deployment demo2 --type merge -p '{"spec":{"replicas":2.5}}'`)
    expect(merge.unchanged).toBe(true)
    expect(merge.output).toMatch(
      /^The request is invalid: patch: Invalid value: "\{.*\\"replicas\\":2\.5.*\}": json: cannot unmarshal number 2\.5 into Go struct field DeploymentSpec\.spec\.replicas of type int32$/,
    )
  })

  it('refuses replicas kubectl scale cannot read, or the Scale cannot hold', () => {
    const flag = (value: string, reason: string) =>
      `Error: invalid argument "${value}" for "--replicas" flag: strconv.ParseInt: parsing "${value}": ${reason}\nSee 'kubectl scale --help' for usage.`
    expect(k.refused('kubectl scale deployment demo2 --replicas=abc')).toEqual({
      output: flag('abc', 'invalid syntax'),
      unchanged: true,
    })
    expect(k.refused('kubectl scale deployment demo2 --replicas=2.5').output).toBe(
      flag('2.5', 'invalid syntax'),
    )
    expect(k.refused('kubectl scale deployment demo2 --replicas=1e20').output).toBe(
      flag('1e20', 'invalid syntax'),
    )
    expect(k.refused('kubectl scale deployment demo2 --replicas=99999999999999999999').output).toBe(
      flag('99999999999999999999', 'value out of range'),
    )
    expect(k.refused('kubectl scale deployment demo2 --replicas=-1')).toEqual({
      output: 'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0',
      unchanged: true,
    })
    for (const replicas of ['2147483648', '9223372036854775807']) {
      const big = k.refused(`kubectl scale deployment demo2 --replicas=${replicas}`)
      expect(big.unchanged).toBe(true)
      expect(big.output).toMatch(
        new RegExp(
          `^The request is invalid: patch: Invalid value: ".*\\\\"kind\\\\":\\\\"Scale\\\\".*\\\\"replicas\\\\":${replicas}\\}.*": json: cannot unmarshal number ${replicas} into Go struct field ScaleSpec\\.spec\\.replicas of type int32$`,
        ),
      )
    }
    expect(k.refused('kubectl scale deployment nope --replicas=2147483648').output).toBe(
      'Error from server (NotFound): deployments.apps "nope" not found',
    )
  })
})

describe('claim sizes', () => {
  const k = validationLab()
  const refusedClaim = (storage: string) => {
    k.files.set('c.yaml', claimOf(storage))
    return k.refused('kubectl apply -f c.yaml')
  }

  it('refuses a negative or zero size, as ValidatePersistentVolumeClaimSpec does', () => {
    expect(refusedClaim('-1Gi')).toEqual({
      output: [
        'The PersistentVolumeClaim "c" is invalid: ',
        '* spec.resources[storage]: Invalid value: "-1Gi": must be greater than or equal to 0',
        '* spec.resources[storage]: Invalid value: "-1Gi": must be greater than zero',
      ].join('\n'),
      unchanged: true,
    })
    expect(refusedClaim('0')).toEqual({
      output:
        'The PersistentVolumeClaim "c" is invalid: spec.resources[storage]: Invalid value: "0": must be greater than zero',
      unchanged: true,
    })
    expect(refusedClaim('1 GB')).toEqual({
      output: `Error from server (BadRequest): error when creating "c.yaml": PersistentVolumeClaim in version "v1" cannot be handled as a PersistentVolumeClaim: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
      unchanged: true,
    })
  })

  it('stores a plain number as the server does, provisions it, and shows 1Gi; time goes on', () => {
    k.files.set('c.yaml', claimOf('1073741824'))
    expect(k.run('kubectl apply -f c.yaml')).toBe('persistentvolumeclaim/c created')
    expect(k.run("kubectl get pvc c -o jsonpath='{.spec.resources.requests.storage}'")).toBe('1073741824')
    expect(k.lab.dispatch({ type: 'clock.advance', ms: 60_000 }).ok).toBe(true)
    expect(k.run('kubectl get pvc c')).toMatch(/\nc\s+Bound\s+pvc-\S+\s+1Gi\s+RWO\s+default\s+/)
    expect(k.lab.dispatch({ type: 'clock.advance', ms: 60_000 }).ok).toBe(true)
    expect(k.run('kubectl delete pvc c')).toBe('persistentvolumeclaim "c" deleted')
  })

  it('accepts 1m (a positive size: one byte, rounded up) and binds it', () => {
    k.files.set('tiny.yaml', claimOf('1m', 'tiny'))
    expect(k.run('kubectl apply -f tiny.yaml')).toBe('persistentvolumeclaim/tiny created')
    expect(k.lab.dispatch({ type: 'clock.advance', ms: 5 * 60_000 }).ok).toBe(true)
    expect(k.run('kubectl get pvc tiny')).toMatch(/\ntiny\s+Bound\s+pvc-\S+\s+1\s+RWO\s+/)
  })

  it('accepts a size beyond any volume (capped as the server caps it); provisioning fails, time goes on', () => {
    k.files.set('huge.yaml', claimOf('9999999999999999999999Ki', 'huge'))
    expect(k.run('kubectl apply -f huge.yaml')).toBe('persistentvolumeclaim/huge created')
    expect(k.run("kubectl get pvc huge -o jsonpath='{.spec.resources.requests.storage}'")).toBe(
      '9223372036854775807',
    )
    expect(k.lab.dispatch({ type: 'clock.advance', ms: 5 * 60_000 }).ok).toBe(true)
    expect(k.run('kubectl get pvc huge')).toMatch(/\nhuge\s+Pending\s+/)
    expect(k.run('kubectl describe pvc huge')).toContain('ProvisioningFailed')
    expect(k.run('kubectl delete pvc huge')).toBe('persistentvolumeclaim "huge" deleted')
    expect(k.lab.dispatch({ type: 'clock.advance', ms: 60_000 }).ok).toBe(true)
  })
})

describe('int64 fields the server takes whole', () => {
  const k = validationLab()

  it.each([
    ['-1', 'negative'],
    ['1000000000000000000', 'huge'],
  ])('a terminationGracePeriodSeconds of %s: the pod runs, is deleted, time goes on', (grace, name) => {
    k.files.set(
      'g.yaml',
      `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\nspec:\n  terminationGracePeriodSeconds: ${grace}\n  containers: [{name: web, image: nginx}]\n`,
    )
    expect(k.run('kubectl apply -f g.yaml')).toBe(`pod/${name} created`)
    expect(k.lab.dispatch({ type: 'clock.advance', ms: 2 * 60_000 }).ok).toBe(true)
    expect(k.run(`kubectl delete pod ${name}`)).toBe(`pod "${name}" deleted`)
    expect(k.lab.dispatch({ type: 'clock.advance', ms: 2 * 60_000 }).ok).toBe(true)
  })
})

describe('label and annotation keys', () => {
  const k = validationLab()
  const NAME_PART =
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"

  it.each([
    ['label', 'labels'],
    ['annotate', 'annotations'],
  ])('kubectl %s refuses __proto__ as any invalid key', (verb, field) => {
    expect(k.refused(`kubectl ${verb} deployment demo2 __proto__=x`)).toEqual({
      output: `The Deployment "demo2" is invalid: metadata.${field}: Invalid value: "__proto__": ${NAME_PART}`,
      unchanged: true,
    })
  })

  it('takes keys named like Object members as the plain keys they are', () => {
    expect(k.run('kubectl label deployment demo2 constructor=x toString=y')).toBe(
      'deployment.apps/demo2 labeled',
    )
    expect(k.run("kubectl get deployment demo2 -o jsonpath='{.metadata.labels.constructor}'")).toBe('x')
    expect(k.run('kubectl label deployment demo2 constructor- toString-')).toBe(
      'deployment.apps/demo2 unlabeled',
    )
    expect(k.run('kubectl label deployment demo2 hasOwnProperty-')).toBe(
      'deployment.apps/demo2 not unlabeled',
    )
  })

  it('selects by __proto__ only what carries that label: nothing', () => {
    const before = k.lab.hash()
    expect(k.run('kubectl delete pods -l __proto__=x')).toBe('No resources found in default namespace.')
    expect(k.lab.hash()).toBe(before)
  })

  it('refuses a document whose label key is __proto__', () => {
    k.files.set(
      'p.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: p\n  labels: {__proto__: x}\ndata: {a: b}\n',
    )
    expect(k.refused('kubectl apply -f p.yaml')).toEqual({
      output: `The ConfigMap "p" is invalid: metadata.labels: Invalid value: "__proto__": ${NAME_PART}`,
      unchanged: true,
    })
  })
})
