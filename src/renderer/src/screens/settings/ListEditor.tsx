import { useId, useState } from 'react';

interface ListEditorProps {
  /** Names the list and its field, e.g. "DNS servers". */
  label: string;
  /** Names the text field that adds an entry, e.g. "Add a DNS server". */
  addLabel: string;
  placeholder: string;
  items: string[];
  /** Shown when the list is empty: what that means. */
  emptyText: string;
  /** Problems with particular entries, by index (from main's answer). */
  itemErrors?: Map<number, string>;
  /** None where this admin may not change the list (the server's console, by role): it is only shown. */
  onChange?: (items: string[]) => void;
}

/** A short list of text entries: add one at a time, remove any. Saving is the caller's. */
export function ListEditor({ label, addLabel, placeholder, items, emptyText, itemErrors, onChange }: ListEditorProps) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const problemId = useId();

  const add = () => {
    const entry = text.trim();
    if (!entry) return setProblem('Type an entry first.');
    if (items.includes(entry)) return setProblem(`${entry} is in the list already.`);
    onChange?.([...items, entry]);
    setText('');
    setProblem(null);
  };

  return (
    <div className="list-editor">
      {items.length > 0 ? (
        <ul className="list-editor-items" aria-label={label}>
          {items.map((item, index) => {
            const error = itemErrors?.get(index);
            return (
              <li key={item} className={error ? 'invalid' : undefined}>
                <code>{item}</code>
                {onChange ? (
                  <button type="button" className="button subtle small danger-text" aria-label={`Remove ${item}`} onClick={() => onChange(items.filter((other) => other !== item))}>
                    Remove
                  </button>
                ) : null}
                {error ? (
                  <span className="field-error" role="alert">
                    {error}
                  </span>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="muted small">{emptyText}</p>
      )}
      {onChange ? (
        <div className="list-editor-add">
          <input
            className="list-editor-input"
            aria-label={addLabel}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? problemId : undefined}
            placeholder={placeholder}
            autoComplete="off"
            spellCheck={false}
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              setProblem(null);
            }}
            onKeyDown={(event) => {
              // Enter adds the entry here; it does not save the whole setting.
              if (event.key === 'Enter') {
                event.preventDefault();
                add();
              }
            }}
          />
          <button type="button" className="button small" onClick={add}>
            Add
          </button>
        </div>
      ) : null}
      {problem ? (
        <p id={problemId} className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
