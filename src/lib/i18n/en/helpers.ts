/** The Models dialog's search helpers: the embedding model every library downloads, and the reranker. */
export const helpers = {
  'helpers.title': 'Search helpers',
  'helpers.intro': 'Two small models find the passages an answer is written from. They run on the processor; every library downloads the first one.',
  'helpers.embedder.what': 'An embedding model: it turns your documents and questions into lists of numbers that capture their meaning, so Hearth finds passages that mean what you ask even in other words.',
  'helpers.reranker.what': 'A reranker: it re-reads the passages found for a question and puts the most relevant first. Answers get better; each question takes a little longer.',
  'helpers.facts': '{size} download · needs about {memory} of memory · {languages}',
  'helpers.state.inUse': 'in use',
  'helpers.state.downloading': 'downloading',
  'helpers.state.waiting': 'downloads when Hearth starts',
  'helpers.state.notUsed': 'not used',
  'helpers.state.on': 'on for this device',
  'helpers.state.off': 'off (Settings → Advanced turns it on)',
} as const;
