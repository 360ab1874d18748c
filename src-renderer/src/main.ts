import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { createTransport, setApi } from './api/client'
import { createAppRouter } from './router'
import { useLabStore } from './stores/lab'
import './styles/theme.css'
import './styles/base.css'

const transport = createTransport()
const root = document.getElementById('app')!

if (!transport) {
  // A browser page without the web host's token cannot reach the engine: say what to do.
  root.innerHTML =
    '<div class="message-bar error" style="margin:24px">This page needs the address the HCI Lab web host ' +
    'printed, including its <code>?token=…</code>. Start it with <code>npm run web</code> and open that address.</div>'
} else {
  setApi(transport)
  const app = createApp(App)
  app.use(createPinia())
  app.use(createAppRouter())
  app.mount(root)
  void useLabStore().start()
}
