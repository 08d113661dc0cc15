import { mount } from 'svelte';
import App from './App.svelte';
import { i18n } from './lib/i18n/i18n.svelte';
import { registerServiceWorker } from './lib/pwa/register';
import { preloadRenderers } from './lib/render/lazy-renderers';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');
document.documentElement.lang = i18n.locale;
mount(App, { target });
registerServiceWorker();
preloadRenderers();
