import { useEffect, useState } from 'react';

/** Copies a value to the clipboard and says so on the button for a moment. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = () =>
    navigator.clipboard.writeText(text).then(
      () => setState('copied'),
      // No clipboard (a page without permission): the value is on screen to select by hand.
      () => setState('failed'),
    );

  return (
    <button type="button" className="button small copy-button" aria-label={label} title={state === 'failed' ? 'Select the text and copy it yourself' : undefined} onClick={() => void copy()}>
      <span aria-live="polite">{state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy'}</span>
    </button>
  );
}
