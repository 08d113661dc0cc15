import type { failures as en } from '../en/failures';

export const failures: Record<keyof typeof en, string> = {
  'failures.what.embedder': 'Das Einbettungsmodell „{name}“ konnte nicht geladen werden',
  'failures.what.llm': 'Das Sprachmodell „{name}“ konnte nicht geladen werden',
  'failures.what.catalog': 'Der Modellkatalog konnte nicht geladen werden',
  'failures.what.storage': 'Die auf diesem Gerät gespeicherten Dokumente konnten nicht gelesen werden',
  'failures.why.offline': 'Dieses Gerät ist offline.',
  'failures.why.unreachable': '{host} hat nicht geantwortet: Das Netzwerk oder dieser Server ist ausgefallen, oder die Adresse ist falsch.',
  'failures.why.not-found': 'Seine Dateien liegen nicht unter {host}: Die Adresse im Katalog oder die Modellquelle ist falsch.',
  'failures.why.blocked': '{host} hat den Download abgelehnt: Vielleicht ist eine Anmeldung nötig, oder ein Netzwerkfilter sperrt ihn.',
  'failures.why.no-space': 'Auf diesem Gerät ist nicht genug freier Speicher dafür.',
  'failures.why.memory': 'Diesem Gerät ging dafür der Arbeitsspeicher aus.',
  'failures.why.gpu': 'Der Grafikchip dieses Geräts kann es nicht ausführen.',
  'failures.why.broken': 'Seine Dateien sind beschädigt oder in einer Form, die Hearth nicht lesen kann.',
  'failures.why.unknown': 'Etwas Unerwartetes ist schiefgegangen (Code {code}).',
  'failures.host.unknown': 'Die Modellquelle',
  'failures.hint.offline': 'Verbinden Sie sich mit dem Internet und tippen Sie dann auf „Erneut versuchen“. Es wird einmal heruntergeladen; danach funktioniert Hearth auch offline.',
  'failures.action.retry': 'Erneut versuchen',
  'failures.action.smaller-model': 'Kleineres Modell wählen',
  'failures.action.other-model': 'Anderes Modell wählen',
  'failures.action.free-space': 'Speicher freigeben',
  'failures.action.settings': 'Modellquelle ändern',
  'failures.retrying': 'Neuer Versuch…',
  'failures.embedderMissing':
    'Solange es nicht geladen ist, können keine Dokumente hinzugefügt oder durchsucht werden. Vorhandene Dokumente und Unterhaltungen sind sicher, frühere Unterhaltungen lassen sich weiter lesen, und ein Sprachmodell kann weiterhin gewählt und heruntergeladen werden.',
  'failures.askBlocked': 'Das Einbettungsmodell „{name}“ ist nicht geladen, deshalb können Ihre Dokumente noch nicht durchsucht werden. Tippen Sie unter „Dokumente“ auf „Erneut versuchen“.',
};
