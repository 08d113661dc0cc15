/**
 * The dialogs (Settings, Models, Storage) are not part of the first screen: each is its own chunk,
 * loaded when it is first opened (from the offline cache once the app is installed) and kept.
 */
let settings: Promise<typeof import('../../components/model/SettingsDialog.svelte')> | null = null;
let models: Promise<typeof import('../../components/models/ModelsDialog.svelte')> | null = null;
let storage: Promise<typeof import('../../components/storage/StorageDialog.svelte')> | null = null;

export const loadSettingsDialog = () => (settings ??= import('../../components/model/SettingsDialog.svelte')).then((m) => m.default);
export const loadModelsDialog = () => (models ??= import('../../components/models/ModelsDialog.svelte')).then((m) => m.default);
export const loadStorageDialog = () => (storage ??= import('../../components/storage/StorageDialog.svelte')).then((m) => m.default);
