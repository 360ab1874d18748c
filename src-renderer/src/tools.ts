import type { IconName } from '@/components/icons'

// The tool list, as data: a capability adds its tool here (with its routes) and the left pane,
// search and routing pick it up. Order and groups follow WAC's cluster tool list.

export interface Tool {
  id: string
  label: string // sentence case, as WAC names tools
  icon: IconName
  path: string
  group?: 'Compute' | 'Storage' | 'Networking' | 'Tools'
  /** Pinned at the bottom of the list (Settings). */
  pinned?: boolean
}

export const TOOLS: Tool[] = [
  { id: 'dashboard', label: 'Dashboard', icon: 'dashboard', path: '/dashboard' },
  {
    id: 'aks',
    label: 'Azure Kubernetes Service',
    icon: 'kubernetes',
    path: '/aks',
  },
  { id: 'vms', label: 'Virtual machines', icon: 'vm', path: '/vms', group: 'Compute' },
  { id: 'servers', label: 'Servers', icon: 'server', path: '/servers', group: 'Compute' },
  { id: 'volumes', label: 'Volumes', icon: 'volume', path: '/volumes', group: 'Storage' },
  { id: 'drives', label: 'Drives', icon: 'drive', path: '/drives', group: 'Storage' },
  { id: 'powershell', label: 'PowerShell', icon: 'powershell', path: '/powershell', group: 'Tools' },
  { id: 'settings', label: 'Settings', icon: 'settings', path: '/settings', pinned: true },
]

export function filterTools(tools: Tool[], query: string): Tool[] {
  const q = query.trim().toLowerCase()
  return q ? tools.filter((t) => t.label.toLowerCase().includes(q)) : tools
}
