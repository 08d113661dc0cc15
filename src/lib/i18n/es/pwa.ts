import type { pwa as en } from '../en/pwa';

export const pwa: Record<keyof typeof en, string> = {
  'pwa.install': 'Instalar',
  'pwa.install.title': 'Instalar Hearth como aplicación en este dispositivo: se abre en su propia ventana, también sin conexión.',
  'pwa.offline': 'Sin conexión: todo lo que está en este dispositivo sigue funcionando.',
  'pwa.update.ready': 'Hay una nueva versión de Hearth lista.',
  'pwa.update.button': 'Actualizar',
  'pwa.update.later': 'Más tarde',
  'pwa.update.afterAnswer': 'Hearth se actualizará en cuanto termine la respuesta que se está escribiendo.',
  'pwa.update.afterDocuments': 'Hearth se actualizará en cuanto se guarden los documentos que se están añadiendo.',
  'pwa.update.afterTransfer': 'Hearth se actualizará en cuanto termine la descarga, la importación o la copia de seguridad en curso.',
  'pwa.update.applying': 'Actualizando Hearth…',
  'pwa.launch.add': 'Elija los archivos que quiere añadir: pulse «Add documents» o suelte archivos en esta ventana.',
  'pwa.shared.file': '«{name}», compartido con Hearth, se está añadiendo a su biblioteca.',
  'pwa.shared.files': 'Se están añadiendo a su biblioteca {count} archivos compartidos con Hearth: {names}.',
  'pwa.shared.text': 'El texto compartido se está añadiendo a su biblioteca como el documento «{name}».',
  'pwa.shared.textTitle': 'Texto compartido',
  'pwa.shared.nothing': 'No llegó nada de lo compartido: estaba vacío o ya se había añadido. Compártalo de nuevo si falta algo.',
  'pwa.shared.failed': 'Lo compartido no se pudo guardar (puede que el navegador no tenga espacio). Compártalo de nuevo o añada los archivos con «Add documents».',
  'pwa.opened.file': '«{name}», abierto con Hearth, se está añadiendo a su biblioteca.',
  'pwa.opened.files': 'Se están añadiendo a su biblioteca {count} archivos abiertos con Hearth: {names}.',
};
