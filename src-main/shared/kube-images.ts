// The simulated container registry: the images the lab knows, with the OS they are built for, how long
// a pull takes and how a container of them behaves. Anything else is "unknown": a Linux image that
// pulls for a while and runs. The seed's sample app (Cosmos Darwin's 17-line Python logger, demo1/2/3)
// is published here as mcr.microsoft.com/azurestackhci/aks-demo:latest (the post never names its
// registry; this name is the lab's choice). A container's command decides how long it runs and how
// it exits (sleep N, echo, true/false: kube-commands.ts); only without one does the behaviour here say.

export type ImageBehaviour =
  | 'serve' // runs until deleted (web servers, the demo app)
  | 'exit-without-command' // busybox: without command/args it exits 0 at once (CrashLoopBackOff)

export interface ImageInfo {
  os: 'linux' | 'windows'
  build?: number // Windows images: the OS build they need (process isolation matches builds)
  pullMs: number
  behaviour: ImageBehaviour
  /** PID 1 has no SIGTERM handler (a script, `sleep`): it runs on until the grace period's SIGKILL. */
  ignoresSigterm?: true
}

const SECOND = 1000

const CATALOGUE: Record<string, ImageInfo> = {
  nginx: { os: 'linux', pullMs: 6 * SECOND, behaviour: 'serve' },
  busybox: { os: 'linux', pullMs: 3 * SECOND, behaviour: 'exit-without-command', ignoresSigterm: true },
  'mcr.microsoft.com/azurestackhci/aks-demo': {
    os: 'linux',
    pullMs: 10 * SECOND,
    behaviour: 'serve',
    ignoresSigterm: true,
  },
  'mcr.microsoft.com/windows/servercore': {
    os: 'windows',
    build: 17763,
    pullMs: 4 * 60 * SECOND,
    behaviour: 'serve',
  },
  'mcr.microsoft.com/dotnet/framework/samples': {
    os: 'windows',
    build: 17763,
    pullMs: 5 * 60 * SECOND,
    behaviour: 'serve',
  },
}

/** Windows tags that name another build than the image's default. */
const WINDOWS_TAG_BUILDS: Record<string, number> = { ltsc2019: 17763, '1809': 17763, ltsc2022: 20348 }

export const UNKNOWN_IMAGE_PULL_MS = 20 * SECOND
/** Images of the AKS node VHDs (kube-system's), already on every node. */
const PREPULLED = 'mcr.microsoft.com/oss/'

/** `nginx:1.21` → repository `nginx`, tag `1.21`; `docker.io/library/` prefixes are dropped. */
export function splitImage(image: string): { repository: string; tag: string } {
  const noDigest = image.split('@')[0]!
  const slash = noDigest.lastIndexOf('/')
  const colon = noDigest.lastIndexOf(':')
  const [repo, tag] =
    colon > slash ? [noDigest.slice(0, colon), noDigest.slice(colon + 1)] : [noDigest, 'latest']
  return { repository: repo.replace(/^(docker\.io\/)?(library\/)?/, ''), tag }
}

const infos = new Map<string, ImageInfo>()

/** What the simulated registry knows of an image (asked for every container start: remembered). */
export function imageInfo(image: string): ImageInfo {
  let info = infos.get(image)
  if (!info) {
    if (infos.size >= 1000) infos.clear() // images typed by hand: a bound, not a leak
    infos.set(image, (info = Object.freeze(lookUpImage(image))))
  }
  return info
}

function lookUpImage(image: string): ImageInfo {
  if (image.startsWith(PREPULLED))
    return { os: image.endsWith('-windows') ? 'windows' : 'linux', pullMs: 0, behaviour: 'serve' }
  const { repository, tag } = splitImage(image)
  const known = CATALOGUE[repository]
  if (!known) return { os: 'linux', pullMs: UNKNOWN_IMAGE_PULL_MS, behaviour: 'serve' }
  const build = known.os === 'windows' ? (WINDOWS_TAG_BUILDS[tag] ?? known.build) : undefined
  return { ...known, ...(build ? { build } : {}) }
}
