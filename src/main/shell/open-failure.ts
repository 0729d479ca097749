import { dialog } from 'electron';

/**
 * The database cannot be opened at start (a newer Roster's file, read-only,
 * locked, not a Roster database): say why, in the words of its StoreError,
 * and offer another file instead of only quitting.
 */
export async function askAfterOpenFailure(message: string): Promise<'open' | 'create' | 'quit'> {
  const { response } = await dialog.showMessageBox({
    type: 'error',
    title: 'Roster',
    message: 'Roster cannot open its database',
    detail: message,
    buttons: ['Open Another Database…', 'Create a New Database…', 'Quit'],
    defaultId: 0,
    cancelId: 2,
    noLink: true,
  });
  return response === 0 ? 'open' : response === 1 ? 'create' : 'quit';
}
