import { mount } from 'svelte';
import App from './App.svelte';
import { i18n } from './lib/i18n/i18n.svelte';
import { registerServiceWorker } from './lib/pwa/register';
import { preloadRenderers } from './lib/render/lazy-renderers';
import { yieldToMain } from './lib/yield-to-main';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');
// The interface language's catalog first (English needs none), so the first frame is in it.
// The app is drawn in a task of its own, after the one that ran the modules' code.
void Promise.all([i18n.load(), yieldToMain()]).then(() => {
  document.documentElement.lang = i18n.locale;
  target.replaceChildren(); // the mark index.html shows while the script loads
  mount(App, { target });
  registerServiceWorker();
  preloadRenderers();
});
