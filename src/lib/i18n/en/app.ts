/** The frame of the app: starting, the phone drawer, dropping files, keyboard shortcuts. */
export const app = {
  'app.starting': 'Starting Hearth…',
  'app.drawer.open': 'Chats and documents',
  'app.drawer.close': 'Back to the conversation',
  'app.drop': 'Drop the files to add them to your documents',
  'app.drop.notReady': 'Documents cannot be added yet: the embedding model is not ready.',
  'app.shortcuts.title': 'Keyboard shortcuts',
  'app.shortcuts.new-chat': 'Start a new chat',
  'app.shortcuts.focus-question': 'Go to the question box',
  'app.shortcuts.escape': 'Close the open panel or dialog; with none open, stop the answer being written',
  'app.progress.left': 'about {time} left',
} as const;
