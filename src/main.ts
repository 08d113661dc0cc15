import { mount } from 'svelte';
import App from './App.svelte';
import { registerServiceWorker } from './lib/pwa/register';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');
mount(App, { target });
registerServiceWorker();
