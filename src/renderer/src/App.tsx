import { useEffect, useLayoutEffect } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { AppShell } from './components/AppShell';
import { BusyIndicator } from './components/BusyIndicator';
import { CommandPalette } from './components/CommandPalette';
import { Notices } from './components/Notices';
import { isConsole } from './lib/api';
import { followChanges } from './lib/live-updates';
import { followConnection } from './lib/follow-connection';
import { followMenuAndShortcuts } from './lib/menu-commands';
import { pageKey, useRoute, type Route } from './lib/route';
import { AuditScreen } from './screens/audit/AuditScreen';
import { CompareScreen } from './screens/compare/CompareScreen';
import { DomainScreen } from './screens/domains/DomainScreen';
import { DomainsScreen } from './screens/domains/DomainsScreen';
import { UnmanagedScreen } from './screens/domains/UnmanagedScreen';
import { FirstRunScreen } from './screens/first-run/FirstRunScreen';
import { LicensesScreen } from './screens/licenses/LicensesScreen';
import { MemberScreen } from './screens/member/MemberScreen';
import { OrganizationScreen } from './screens/organization/OrganizationScreen';
import { OrganizationsScreen } from './screens/orgs/OrganizationsScreen';
import { ReportsScreen } from './screens/reports/ReportsScreen';
import { ScimScreen } from './screens/scim/ScimScreen';
import { ConsoleGate } from './screens/sign-in/ConsoleGate';
import { ConnectServerHost } from './screens/servers/ConnectServerDialog';
import { useServerRole } from './stores/server-role-store';
import { useOfflineCopy } from './stores/offline-copy-store';
import { SettingsScreen } from './screens/settings/SettingsScreen';
import { TeamScreen } from './screens/team/TeamScreen';
import { TeamsScreen } from './screens/teams/TeamsScreen';
import { appErrorOf, queryClient, useContractQuery } from './data/query';
import { followSystemTheme } from './stores/theme-store';

function CurrentScreen({ route }: { route: Route }) {
  switch (route.screen) {
    case 'organization':
      return <OrganizationScreen key={route.orgId} orgId={route.orgId} />;
    case 'team':
      return <TeamScreen key={route.teamId} teamId={route.teamId} />;
    case 'member':
      return <MemberScreen key={route.accountId} accountId={route.accountId} />;
    case 'teams':
      return <TeamsScreen />;
    case 'organizations':
      return <OrganizationsScreen />;
    case 'domain':
      return <DomainScreen key={route.domainId} domainId={route.domainId} />;
    case 'unmanaged':
      return <UnmanagedScreen waitingOnly={route.waitingOnly} />;
    case 'domains':
      return <DomainsScreen />;
    case 'reports':
      return <ReportsScreen />;
    case 'scim':
      return <ScimScreen />;
    case 'audit':
      return <AuditScreen />;
    case 'compare':
      return <CompareScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'licenses':
      return <LicensesScreen />;
  }
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      {/* The server's console shows the app only to a signed-in admin. */}
      {isConsole ? (
        <ConsoleGate>
          <Window />
        </ConsoleGate>
      ) : (
        <Window />
      )}
    </QueryClientProvider>
  );
}

function Window() {
  const info = useContractQuery('app:info', undefined, { staleTime: Infinity });
  const enterpriseQuery = useContractQuery('enterprise:get', undefined);
  const enterprise = enterpriseQuery.data ?? null;
  const failed = info.error ?? enterpriseQuery.error;
  const phase = info.data && enterpriseQuery.data !== undefined ? 'ready' : failed ? 'error' : 'loading';
  const error = appErrorOf(failed);
  const load = () => void Promise.all([info.refetch(), enterpriseQuery.refetch()]);
  const route = useRoute();
  // The role rule (data/may-call.ts) follows the admin a desktop app is signed in as on a server, before the window paints.
  const serverRole = info.data?.server?.role ?? null;
  useLayoutEffect(() => useServerRole.getState().setRole(serverRole), [serverRole]);
  // So does the offline-copy rule: a copy offers no change at all.
  const copy = info.data?.copy ?? null;
  useLayoutEffect(() => useOfflineCopy.getState().setCopy(copy), [copy]);

  useEffect(() => followChanges(), []);
  useEffect(() => followConnection(), []);

  useEffect(() => followSystemTheme(), []);
  useEffect(() => followMenuAndShortcuts(), []);

  // A new screen starts at its top, as a new page would.
  const routeKey = pageKey(route);
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [routeKey]);

  // data-app-state is the readiness signal end-to-end tests wait for.
  return (
    <div className="app" data-app-state={phase}>
      {phase === 'loading' ? (
        <div className="splash" aria-busy="true">
          Opening Roster…
        </div>
      ) : phase === 'error' ? (
        <div className="splash" role="alert">
          <h1>Roster cannot show your enterprise</h1>
          <p>{error?.message}</p>
          <button type="button" className="button" onClick={load}>
            Try again
          </button>
        </div>
      ) : !enterprise ? (
        <FirstRunScreen />
      ) : (
        <AppShell route={route}>
          <CurrentScreen route={route} />
        </AppShell>
      )}
      {phase === 'ready' && enterprise ? <CommandPalette /> : null}
      {phase === 'ready' ? <ConnectServerHost /> : null}
      <BusyIndicator />
      <Notices />
    </div>
  );
}
