import { useMemo, useState } from 'react';
import { type OrgRole } from '@shared/schemas/members';
import { PageHeader } from '../../components/PageHeader';
import { NotFoundScreen } from '../../components/ErrorBanner';
import { appErrorOf, useContractQueries, useContractQuery } from '../../data/query';
import { useContractMutation } from '../../data/use-contract-mutation';
import { accessAfter, describeAccessAfter } from '../../lib/access-after';
import { ROLE_LABEL } from '../../lib/labels';
import { describeReach } from '../../lib/reach';
import { screenHref } from '../../lib/route';
import { useNoticesStore } from '../../stores/notices-store';
import { RemoveOrgMemberDialog } from '../organization/RemoveOrgMemberDialog';
import { RemoveTeamMemberDialog } from '../team/RemoveTeamMemberDialog';
import { AddToOrgDialog, AddToTeamDialog } from './AddToPlaceDialogs';
import { MemberAudit } from './MemberAudit';
import { MemberOrgs } from './MemberOrgs';
import { MemberTeams } from './MemberTeams';
import { RemoveFromLicensesDialog } from './RemoveFromLicensesDialog';
import { SeatCard } from './SeatCard';
import { useMayCall } from '../../data/may-call';

type Place = { id: number; name: string };
type Dialog = { kind: 'addTeam' } | { kind: 'addOrg' } | { kind: 'leaveTeam'; team: Place } | { kind: 'leaveOrg'; org: Place } | { kind: 'release' } | null;

/** The changes made from a member's page, each to this member. */
function useMemberChanges(accountId: number) {
  const addToTeam = useContractMutation('teams:addMembers', { errors: 'inline' }).run;
  const removeFromTeam = useContractMutation('teams:removeMembers', { errors: 'inline' }).run;
  const addToOrg = useContractMutation('orgs:addMembers', { errors: 'inline' }).run;
  const setRole = useContractMutation('orgs:setMemberRole').run;
  const removeFromOrg = useContractMutation('orgs:removeMember', { errors: 'inline' }).run;
  const release = useContractMutation('members:remove', { errors: 'inline' }).run;
  return {
    addToTeam: (teamId: number) => addToTeam({ teamId, accountIds: [accountId] }),
    removeFromTeam: (teamId: number) => removeFromTeam({ teamId, accountIds: [accountId] }),
    addToOrg: (orgId: number, role: OrgRole) => addToOrg({ orgId, accountIds: [accountId], role }),
    setRole: (orgId: number, role: OrgRole) => setRole({ orgId, accountId, role }),
    removeFromOrg: (orgId: number) => removeFromOrg({ orgId, accountId }),
    release: () => release({ accountId }),
  };
}

/**
 * One member, to act from: their seat, the teams and organizations they are
 * in (joined, left and re-roled here), their access path by path, and what
 * the audit log holds about them.
 */
export function MemberScreen({ accountId }: { accountId: number }) {
  const accessQuery = useContractQuery('access:member', { accountId });
  const profileQuery = useContractQuery('members:get', { accountId });
  const rule = useContractQuery('settings:get', undefined).data?.reportRule ?? null;
  const access = accessQuery.data ?? null;
  const profile = profileQuery.data ?? null;
  const error = appErrorOf(accessQuery.error ?? profileQuery.error);
  // Only what this page shows, never every team or organization (20,000 teams at a million members):
  // each of their teams by id (what it reaches, who manages it), and the owner count of each organization
  // they own directly (to warn before the last owner steps down).
  const teamIds = useMemo(() => (access?.teams ?? []).map((team) => ({ id: team.id })), [access]);
  const ownedIds = useMemo(
    () => (access?.organizations ?? []).filter((entry) => entry.paths.some((path) => path.kind === 'direct' && path.role === 'owner')).map((entry) => ({ id: entry.org.id })),
    [access],
  );
  const teamQueries = useContractQueries('teams:get', teamIds);
  const ownedQueries = useContractQueries('orgs:get', ownedIds);
  const knownTeams = new Map(teamQueries.flatMap((query) => (query.data ? [[query.data.id, query.data] as const] : [])));
  const ownerCounts = new Map(ownedQueries.flatMap((query) => (query.data ? [[query.data.id, query.data.ownerCount] as const] : [])));
  const changes = useMemberChanges(accountId);
  const notify = useNoticesStore((state) => state.push);
  const [dialog, setDialog] = useState<Dialog>(null);
  // What this admin may change here (in the server's console, by role); the rest is not shown.
  const may = {
    release: useMayCall('members:remove'),
    addTeam: useMayCall('teams:addMembers'),
    leaveTeam: useMayCall('teams:removeMembers'),
    addOrg: useMayCall('orgs:addMembers'),
    setRole: useMayCall('orgs:setMemberRole'),
    leaveOrg: useMayCall('orgs:removeMember'),
  };

  if (error) {
    return <NotFoundScreen id="member-title" noun="member" error={error} back={{ href: screenHref('licenses'), label: 'Back to Licenses' }} />;
  }
  if (!access || !profile || access.member.accountId !== accountId || profile.accountId !== accountId) return <div className="screen muted">Loading…</div>;

  const { member, organizations } = access;
  const who = member.name || member.email;
  const close = () => setDialog(null);

  const setRole = async (org: Place, role: OrgRole) => {
    const [outcome] = accessAfter(organizations, { kind: 'setRole', orgId: org.id, role });
    const result = await changes.setRole(org.id, role);
    if (!result.ok) return;
    // Say what applies when a team keeps another role in force.
    const applies = outcome && outcome.after !== role ? ` ${describeAccessAfter(who, [outcome])}` : '';
    notify(`${who} is now ${ROLE_LABEL[role].toLowerCase()} of ${org.name} directly.${applies}`);
  };

  return (
    <section className="screen" aria-labelledby="member-title">
      <a className="back-link" href={screenHref('licenses')}>
        ← Licenses
      </a>
      <PageHeader
        id="member-title"
        title={who}
        description={`${member.name ? `${member.email} · ` : ''}${describeReach(organizations)}`}
        actions={
          may.release ? (
            <button type="button" className="button danger-outline" onClick={() => setDialog({ kind: 'release' })}>
              Remove from Licenses
            </button>
          ) : undefined
        }
      />

      <SeatCard profile={profile} rule={rule} />
      <MemberOrgs
        email={member.email}
        who={who}
        organizations={organizations}
        ownerCounts={ownerCounts}
        onAdd={may.addOrg ? () => setDialog({ kind: 'addOrg' }) : undefined}
        onRemove={may.leaveOrg ? (org) => setDialog({ kind: 'leaveOrg', org }) : undefined}
        onSetRole={may.setRole ? setRole : undefined}
      />
      <MemberTeams
        email={member.email}
        teams={access.teams}
        known={knownTeams}
        onAdd={may.addTeam ? () => setDialog({ kind: 'addTeam' }) : undefined}
        onRemove={may.leaveTeam ? (team) => setDialog({ kind: 'leaveTeam', team }) : undefined}
      />
      <MemberAudit email={member.email} />

      {dialog?.kind === 'addTeam' ? (
        <AddToTeamDialog
          who={who}
          access={access}
          onClose={close}
          onAdd={async (team) => {
            const result = await changes.addToTeam(team.id);
            if (result.ok) notify(`Added ${who} to ${team.name}.`);
            return result;
          }}
        />
      ) : null}
      {dialog?.kind === 'addOrg' ? (
        <AddToOrgDialog
          who={who}
          access={access}
          onClose={close}
          onAdd={async (org, role) => {
            const result = await changes.addToOrg(org.id, role);
            if (result.ok) notify(`Added ${who} to ${org.name} as ${ROLE_LABEL[role].toLowerCase()}.`);
            return result;
          }}
        />
      ) : null}
      {dialog?.kind === 'leaveTeam' ? (
        <RemoveTeamMemberDialog
          accountId={accountId}
          who={who}
          team={dialog.team}
          onClose={close}
          onRemove={async (remains) => {
            const result = await changes.removeFromTeam(dialog.team.id);
            if (result.ok) notify(`Removed ${who} from ${dialog.team.name}.${remains ? ` ${remains}` : ''} Their seat stays.`);
            return result;
          }}
        />
      ) : null}
      {dialog?.kind === 'leaveOrg' ? (
        <RemoveOrgMemberDialog
          accountId={accountId}
          who={who}
          org={dialog.org}
          onClose={close}
          onRemove={async (remains) => {
            const result = await changes.removeFromOrg(dialog.org.id);
            if (result.ok) notify(`Removed ${who} from ${dialog.org.name}.${remains ? ` ${remains}` : ''} Their seat is not freed.`);
            return result;
          }}
        />
      ) : null}
      {dialog?.kind === 'release' ? (
        <RemoveFromLicensesDialog
          who={who}
          profile={profile}
          access={access}
          onClose={close}
          onRemove={async () => {
            const result = await changes.release();
            if (result.ok) {
              // Nothing is left to act on here: back to the list the seat was in, which no longer has it.
              notify(`Removed ${member.email} from Licenses. Their seat is free.`);
              window.location.hash = screenHref('licenses');
            }
            return result;
          }}
        />
      ) : null}
    </section>
  );
}
