/**
 * Where documents are embedded, forced: `localStorage['hearth.embedDevice']` = 'webgpu' or 'wasm'
 * (anything else, or nothing, is 'auto': device/embed-policy.ts decides). Not a setting in the
 * dialog and not in backups: it is for troubleshooting a GPU and for tests that prove the GPU path
 * on a software adapter.
 */
import type { EmbedDeviceSetting } from '../device/embed-policy';

export const EMBED_DEVICE_KEY = 'hearth.embedDevice';

export function readEmbedDevice(storage: Pick<Storage, 'getItem'> = localStorage): EmbedDeviceSetting {
  try {
    const value = storage.getItem(EMBED_DEVICE_KEY);
    return value === 'webgpu' || value === 'wasm' ? value : 'auto';
  } catch {
    return 'auto';
  }
}
