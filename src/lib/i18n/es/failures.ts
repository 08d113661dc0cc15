import type { failures as en } from '../en/failures';

export const failures: Record<keyof typeof en, string> = {
  'failures.what.embedder': 'No se pudo cargar el modelo de embeddings «{name}»',
  'failures.what.llm': 'No se pudo cargar el modelo de lenguaje «{name}»',
  'failures.what.catalog': 'No se pudo cargar el catálogo de modelos',
  'failures.what.storage': 'No se pudieron leer los documentos guardados en este dispositivo',
  'failures.why.offline': 'Este dispositivo no tiene conexión.',
  'failures.why.unreachable': '{host} no respondió: la red o ese servidor no funcionan, o la dirección es incorrecta.',
  'failures.why.not-found': 'Sus archivos no están en {host}: la dirección del catálogo o la fuente de modelos es incorrecta.',
  'failures.why.blocked': '{host} rechazó la descarga: puede que haga falta iniciar sesión o que un filtro de red la bloquee.',
  'failures.why.no-space': 'No hay suficiente espacio libre en este dispositivo.',
  'failures.why.memory': 'Este dispositivo se quedó sin memoria para este modelo.',
  'failures.why.gpu': 'El chip gráfico de este dispositivo no puede ejecutarlo.',
  'failures.why.broken': 'Sus archivos están dañados o en un formato que Hearth no puede leer.',
  'failures.why.unknown': 'Algo inesperado salió mal (código {code}).',
  'failures.host.unknown': 'La fuente de modelos',
  'failures.hint.offline': 'Conéctese a Internet y pulse Reintentar. Se descarga una sola vez; después, Hearth también funciona sin conexión.',
  'failures.action.retry': 'Reintentar',
  'failures.action.smaller-model': 'Elegir un modelo más pequeño',
  'failures.action.other-model': 'Elegir otro modelo',
  'failures.action.free-space': 'Liberar espacio',
  'failures.action.settings': 'Cambiar la fuente de modelos',
  'failures.retrying': 'Reintentando…',
  'failures.embedderMissing':
    'Mientras no esté cargado, no se pueden añadir ni buscar documentos. Los documentos y conversaciones que ya tiene están a salvo, las conversaciones anteriores se pueden seguir leyendo y todavía se puede elegir y descargar un modelo de lenguaje.',
  'failures.askBlocked': 'El modelo de embeddings «{name}» no está cargado, así que aún no se pueden buscar sus documentos. Pulse Reintentar en Documentos.',
};
