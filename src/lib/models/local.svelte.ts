/** The imported models as reactive state, kept in step with localStorage (see `local-models.ts`). */
import type { LocalModel } from '../catalog/types';
import { readLocalModels, writeLocalModels } from './local-models';

export class LocalModelList {
  list = $state.raw<LocalModel[]>(readLocalModels());

  get(id: string): LocalModel | undefined {
    return this.list.find((l) => l.model.id === id);
  }

  add(model: LocalModel): void {
    this.#set([...this.list.filter((l) => l.model.id !== model.model.id), model]);
  }

  remove(id: string): void {
    this.#set(this.list.filter((l) => l.model.id !== id));
  }

  #set(next: LocalModel[]): void {
    this.list = next;
    try {
      writeLocalModels(next);
    } catch {
      // Storage full or blocked: the list still holds for this session.
    }
  }
}
