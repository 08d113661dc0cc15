/**
 * Whether to rerank passages with the cross-encoder. It costs roughly a second per question on a
 * laptop CPU and more on phones, so 'auto' turns it on only for devices with plenty of cores and memory.
 */
import type { DeviceCapabilities } from './capabilities';

export function shouldRerank(setting: 'auto' | 'on' | 'off', caps: Pick<DeviceCapabilities, 'deviceMemoryGB' | 'hardwareConcurrency'>): boolean {
  if (setting !== 'auto') return setting === 'on';
  return (caps.deviceMemoryGB ?? 0) >= 8 && caps.hardwareConcurrency >= 8;
}
