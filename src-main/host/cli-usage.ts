export const USAGE = `Usage:
  hci-lab new FILE [--servers N] [--cores N] [--memory SIZE] [--drives COUNTxSIZE[:MEDIA]]... [--seed N]
      Creates a lab file. Defaults: the seed's lab (2 servers, 4 cores, 64GiB, --drives 4x1.92TB:SSD).
      Sizes: 1.92TB (decimal, as drives are sold) or 64GiB (binary). MEDIA: NVMe, SSD (default), HDD.
      Repeat --drives for cache + capacity, e.g. --drives 2x1.6TB:NVMe --drives 4x4TB:HDD.
  hci-lab run FILE "COMMAND" ["COMMAND"...]
      Runs console commands (PowerShell cmdlets, kubectl, sim) in one session and saves the lab.
      Exit code: 0 all succeeded, 1 a command failed (earlier ones stay applied), 2 usage or file error.
  hci-lab shell FILE
      An interactive console on the lab, with history and Tab completion. Leave with exit or Ctrl+D.
  hci-lab help
      Shows this help.
`

/** A mistake in the command line: usage on stderr, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}
