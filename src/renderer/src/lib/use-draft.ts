import { useState } from 'react';

/**
 * A setting edited as a draft: it follows the stored value until it is changed
 * here, and is saved on purpose. The stored value is compared by content, not
 * by reference: a reload that brings back the same value (live updates reload
 * the settings on every change) must not throw away what the admin is typing.
 */
export function useDraft<S, D = S>(stored: S, toDraft: (stored: S) => D = (value) => value as unknown as D) {
  const key = JSON.stringify(stored);
  const [draft, setDraft] = useState(() => toDraft(stored));
  const [shownKey, setShownKey] = useState(key);
  if (shownKey !== key) {
    setShownKey(key);
    setDraft(toDraft(stored));
  }
  return { draft, setDraft, reset: () => setDraft(toDraft(stored)) };
}
