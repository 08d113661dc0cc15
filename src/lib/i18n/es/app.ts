import type { app as en } from '../en/app';

export const app: Record<keyof typeof en, string> = {
  'app.starting': 'Iniciando Hearth…',
  'app.drawer.open': 'Chats y documentos',
  'app.drawer.close': 'Volver a la conversación',
  'app.drop': 'Suelta los archivos para añadirlos a tus documentos',
  'app.drop.notReady': 'Aún no se pueden añadir documentos: el modelo de embeddings no está listo.',
  'app.shortcuts.title': 'Atajos de teclado',
  'app.shortcuts.new-chat': 'Empezar un chat nuevo',
  'app.shortcuts.focus-question': 'Ir al cuadro de pregunta',
  'app.shortcuts.escape': 'Cerrar el panel o diálogo abierto; si no hay ninguno, detener la respuesta en curso',
  'app.progress.left': 'quedan unos {time}',
};
