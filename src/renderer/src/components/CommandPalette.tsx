import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { runMenuCommand } from '../lib/menu-commands';
import { KIND_LABEL, paletteItems, type PaletteItem } from '../lib/palette-items';
import { useAppInfo } from '../data/app-queries';
import { isMacPlatform, paletteShortcutLabel } from '../lib/shortcuts';
import { usePaletteStore } from '../stores/palette-store';
import { usePaletteSources } from './use-palette-sources';
import { mayCallAs, useConsoleRole } from '../data/may-call';

/**
 * Jump to any screen, member, team, organization or domain, or run an action
 * of the File menu, by typing: a modal dialog holding a combobox and its
 * listbox (the ARIA 1.2 pattern). Arrow keys move, Enter opens, Escape closes
 * and gives focus back.
 */
export function CommandPalette() {
  const open = usePaletteStore((state) => state.open);
  return open ? <PaletteDialog /> : null;
}

function PaletteDialog() {
  const hide = usePaletteStore((state) => state.hide);
  const canChooseDatabase = Boolean(useAppInfo()?.canChooseDatabase);
  const role = useConsoleRole();
  const ref = useRef<HTMLDialogElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const [typed, setTyped] = useState('');
  // The selected result by id, so results arriving late (members) never move the selection under the admin.
  const [activeId, setActiveId] = useState<string | null>(null);
  const titleId = useId();
  const listId = useId();
  const optionId = (index: number) => `${listId}-option-${index}`;

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const sources = usePaletteSources(typed);

  const items = useMemo(
    () => paletteItems(typed, { ...sources, canChooseDatabase, mayCall: (channel) => mayCallAs(role, channel) }),
    [typed, sources, canChooseDatabase, role],
  );
  const current = Math.max(0, items.findIndex((item) => item.id === activeId));
  const select = (index: number) => setActiveId(items[index]?.id ?? null);

  useEffect(() => {
    document.getElementById(optionId(current))?.scrollIntoView({ block: 'nearest' });
    // optionId depends only on listId, which is stable.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current]);

  const go = (item: PaletteItem | undefined) => {
    if (!item) return;
    hide();
    if (item.command) runMenuCommand(item.command);
    else window.location.hash = item.href;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      select((current + 1) % Math.max(items.length, 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      select((current - 1 + items.length) % Math.max(items.length, 1));
    } else if (event.key === 'Home' && event.ctrlKey) {
      event.preventDefault();
      select(0);
    } else if (event.key === 'End' && event.ctrlKey) {
      event.preventDefault();
      select(items.length - 1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      go(items[current]);
    }
  };

  return (
    <dialog
      ref={ref}
      className="dialog palette"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        hide();
      }}
      onClick={(event) => {
        // A click on the backdrop (the dialog element itself, outside its box) closes it.
        if (event.target === ref.current) hide();
      }}
    >
      <h2 id={titleId} className="visually-hidden">
        Go to
      </h2>
      <div className="palette-search">
        <input
          className="palette-input"
          type="text"
          role="combobox"
          aria-label="Go to a screen, member, team, organization or domain, or run an action"
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={items.length > 0 ? optionId(current) : undefined}
          placeholder="Go to a screen, member, team, organization or domain, or run an action…"
          autoComplete="off"
          spellCheck={false}
          value={typed}
          onChange={(event) => {
            setTyped(event.target.value);
            setActiveId(null);
          }}
          onKeyDown={onKeyDown}
        />
        <kbd className="palette-key" aria-hidden="true">
          {paletteShortcutLabel(isMacPlatform())}
        </kbd>
      </div>
      <ul ref={listRef} id={listId} className="palette-list" role="listbox" aria-label="Results">
        {items.map((item, index) => (
          <li
            key={item.id}
            id={optionId(index)}
            role="option"
            aria-selected={index === current}
            className="palette-option"
            onMouseMove={() => select(index)}
            onClick={() => go(item)}
          >
            <span className="palette-label">{item.label}</span>
            <span className="palette-detail">{item.detail}</span>
            <span className="palette-kind">{KIND_LABEL[item.kind]}</span>
          </li>
        ))}
      </ul>
      {items.length === 0 ? (
        <p className="palette-empty" role="status">
          Nothing matches “{typed.trim()}”.
        </p>
      ) : null}
      <p className="palette-help muted" aria-hidden="true">
        ↑↓ to move · Enter to open or run · Esc to close
      </p>
    </dialog>
  );
}
