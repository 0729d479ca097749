import { create } from 'zustand';
import type { AppError } from '@shared/errors';

export interface Notice {
  id: number;
  text: string;
  /** warning: done in part (an import with rejected lines): what went through stands. */
  tone: 'success' | 'warning' | 'error';
}

interface NoticesState {
  notices: Notice[];
  push(text: string, tone?: Notice['tone']): void;
  dismiss(id: number): void;
}

const VISIBLE_MS = 6000;
let nextId = 1;

/** Brief notices that say what just happened ("Deleted organization …"). */
export const useNoticesStore = create<NoticesState>()((set, get) => ({
  notices: [],
  push(text, tone = 'success') {
    const id = nextId++;
    set({ notices: [...get().notices, { id, text, tone }] });
    setTimeout(() => get().dismiss(id), VISIBLE_MS);
  },
  dismiss(id) {
    set({ notices: get().notices.filter((notice) => notice.id !== id) });
  },
}));

/** How a failure is shown: a cancel the person asked for ("Report cancelled, nothing was written.") is no error. */
export function failureTone(error: AppError): 'success' | 'error' {
  return error.code === 'CANCELLED' ? 'success' : 'error';
}
