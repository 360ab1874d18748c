import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'

// Hash history: the page is a file in Electron and carries ?token=… on the web host; both keep
// working across reloads when the route lives in the hash.

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/dashboard' },
  { path: '/dashboard', component: () => import('@/views/Dashboard/DashboardView.vue') },
  { path: '/aks', component: () => import('@/views/Aks/AksView.vue') },
  { path: '/aks/setup', component: () => import('@/views/Aks/SetupWizard.vue') },
  { path: '/aks/clusters/new', component: () => import('@/views/Aks/ClusterWizard.vue') },
  {
    path: '/aks/clusters/:name',
    component: () => import('@/views/Aks/ClusterDetail.vue'),
    props: true,
  },
  { path: '/vms', component: () => import('@/views/Vms/VmsView.vue') },
  { path: '/servers', component: () => import('@/views/Servers/ServersView.vue') },
  { path: '/drives', component: () => import('@/views/Drives/DrivesView.vue') },
  { path: '/volumes', component: () => import('@/views/Volumes/VolumesView.vue') },
  { path: '/volumes/:name', component: () => import('@/views/Volumes/VolumeDetail.vue'), props: true },
  { path: '/powershell', component: () => import('@/views/PowerShell/PowerShellView.vue') },
  { path: '/settings', redirect: '/settings/personalization' },
  { path: '/settings/:section', component: () => import('@/views/Settings/SettingsView.vue'), props: true },
  { path: '/:pathMatch(.*)*', redirect: '/dashboard' },
]

export function createAppRouter() {
  return createRouter({ history: createWebHashHistory(), routes })
}
