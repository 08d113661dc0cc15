import type { badge as en } from '../en/badge';

export const badge: Record<keyof typeof en, string> = {
  'badge.openElsewhere': 'abierto en otra ventana',
  'badge.gpuReset': 'chip gráfico reiniciado, se recarga con la próxima pregunta',
  'badge.restarted': 'reiniciado, se recarga con la próxima pregunta',
  'badge.attention': 'requiere atención',
  'badge.starting': 'iniciando…',
  'badge.ready': 'listo',
  'badge.downloadingElsewhere': 'descargando en otra ventana de Hearth',
  'badge.downloaded': 'descargado, se carga con la primera pregunta',
  'badge.builtInReady': 'se carga con la primera pregunta (nada que descargar)',
  'badge.builtInDownload': 'el navegador lo descarga al usarlo por primera vez',
  'badge.loadsFirst': 'se carga con la primera pregunta ({size})',
  'badge.loading': 'Cargando el modelo',
  'badge.elsewhereLabel': 'Modelo abierto en otra ventana',
  'badge.openThere': 'Abierto allí: {names}.',
  'badge.useThere': 'Usarlo allí',
  'badge.moving': 'Trayéndolo aquí…',
  'badge.moveHere': 'Traerlo aquí',
  'badge.loadToo': 'Cargarlo también aquí',
  'badge.bothFit': 'Este dispositivo parece tener memoria para ambos; aun así la memoria gráfica puede agotarse, lo que detiene el modelo en las dos ventanas.',
};
