import { useEffect, type ReactNode } from 'react';
import { countOf } from '@shared/text';
import { routeTitle, SCREEN_LABELS, screenHref, screens, sectionOf, type Route, type Screen } from '../lib/route';
import { isMacPlatform, paletteShortcutLabel } from '../lib/shortcuts';
import { isConsole } from '../lib/api';
import { useAppInfo, useEnterprise } from '../data/app-queries';
import { usePaletteStore } from '../stores/palette-store';
import { useUnmanagedTotals } from '../data/unmanaged-totals';
import { AuditorNote, SignedInAs } from './SignedInAs';
import { ConnectionBanner } from './ConnectionBanner';
import { CopyBanner } from './CopyBanner';
import { windowTitle, workingOn } from '../screens/servers/where';

const NAV: { screen: Screen; label: string }[] = screens.map((screen) => ({ screen, label: SCREEN_LABELS[screen] }));

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** New accounts domain capture found no free seat for: the admin must claim them, so the sidebar says so on every screen. */
function WaitingBadge() {
  const { waiting } = useUnmanagedTotals();
  if (waiting === 0) return null;
  const label = `${countOf(waiting, 'account')} waiting for a seat`;
  return (
    <span className="nav-badge" role="img" aria-label={label} title={label}>
      {waiting.toLocaleString()}
    </span>
  );
}

export function AppShell({ route, children }: { route: Route; children: ReactNode }) {
  const info = useAppInfo();
  const enterprise = useEnterprise();
  const section = sectionOf(route);
  const title = info?.copy ? `${routeTitle(route)} — Offline copy of ${info.copy.of}` : windowTitle(routeTitle(route), info?.server);
  useEffect(() => {
    document.title = title;
  }, [title]);
  const showPalette = usePaletteStore((state) => state.show);
  const shortcut = paletteShortcutLabel(isMacPlatform());
  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          <div className="brand-mark" aria-hidden="true">
            R
          </div>
          <div className="brand-text">
            <span className="brand-name">Roster</span>
            <span className="brand-enterprise" title={enterprise?.name}>
              {enterprise?.name}
            </span>
          </div>
        </div>
        <button type="button" className="palette-button" aria-keyshortcuts={shortcut === '⌘K' ? 'Meta+K' : 'Control+K'} onClick={showPalette}>
          <span>Go to…</span>
          <kbd aria-hidden="true">{shortcut}</kbd>
        </button>
        <ul className="nav-list">
          {NAV.map((item) => (
            <li key={item.screen}>
              <a
                href={screenHref(item.screen)}
                className="nav-link"
                aria-current={item.screen === section ? 'page' : undefined}
              >
                {item.label}
                {item.screen === 'domains' ? <WaitingBadge /> : null}
              </a>
            </li>
          ))}
        </ul>
        {isConsole ? (
          <div className="sidebar-footer">
            <SignedInAs />
          </div>
        ) : info?.server ? (
          <div className="sidebar-footer sidebar-server" aria-label="Where Roster works">
            <span className="sidebar-db" title={info.server.url}>
              {info.server.host}
            </span>
            <span className="sidebar-who" title={workingOn(info.server)}>
              signed in as {info.server.email}, {info.server.role}
            </span>
          </div>
        ) : info ? (
          <div className="sidebar-footer" title={info.databasePath}>
            {info.copy ? <span className="badge">Offline copy</span> : info.mode === 'browser' ? <span className="badge">Browser mode</span> : null}
            <span className="sidebar-db">{fileName(info.databasePath)}</span>
          </div>
        ) : null}
      </nav>
      <main className="content">
        <CopyBanner />
        <ConnectionBanner />
        <AuditorNote />
        {children}
      </main>
    </div>
  );
}
