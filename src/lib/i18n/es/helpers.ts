import type { helpers as en } from '../en/helpers';

export const helpers: Record<keyof typeof en, string> = {
  'helpers.title': 'Ayudantes de búsqueda',
  'helpers.intro': 'Dos modelos pequeños encuentran los pasajes con los que se redacta una respuesta. Funcionan en el procesador; toda biblioteca descarga el primero.',
  'helpers.embedder.what': 'Un modelo de embeddings: convierte sus documentos y preguntas en listas de números que recogen su significado, para que Hearth encuentre pasajes que dicen lo que usted pregunta, incluso con otras palabras.',
  'helpers.reranker.what': 'Un reordenador: vuelve a leer los pasajes encontrados para una pregunta y pone primero los más pertinentes. Las respuestas mejoran; cada pregunta tarda un poco más.',
  'helpers.facts': '{size} de descarga · necesita unos {memory} de memoria · {languages}',
  'helpers.state.inUse': 'en uso',
  'helpers.state.downloading': 'descargando',
  'helpers.state.waiting': 'se descarga al iniciar Hearth',
  'helpers.state.notUsed': 'sin usar',
  'helpers.state.on': 'activado en este dispositivo',
  'helpers.state.off': 'desactivado (Ajustes → Avanzado lo activa)',
};
