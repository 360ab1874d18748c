import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import type { Component } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { setApi } from '@/api/client'
import { useLabStore } from '@/stores/lab'
import { fakeApi, type FakeApi } from './fakeApi'

/** Mounts a component with Pinia, a router and a lab store fed by a fake API over a real engine Lab. */
export async function mountWithLab(
  component: Component,
  options: { api?: FakeApi; props?: Record<string, unknown> } = {},
) {
  const api = options.api ?? fakeApi()
  setApi(api)
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:pathMatch(.*)*', component: { render: () => null } }],
  })
  await useLabStore().start()
  const wrapper = mount(component, {
    props: options.props,
    global: { plugins: [pinia, router] },
    attachTo: document.body,
  })
  await flushPromises()
  return { wrapper, api, router }
}

/** Lets the create/extend panels' debounced engine check run. */
export async function settle(ms = 250): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms))
  await flushPromises()
}
