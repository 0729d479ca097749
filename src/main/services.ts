import { createActivityImporter } from './activity/import';
import { createActivityRepository } from './activity/repository';
import type { AuditRepository } from './audit/repository';
import { createAccessRepository } from './access/repository';
import { createAccessService } from './access/service';
import { createAuditRepository } from './audit/repository';
import { createLatestChange } from './audit/latest-change';
import type { Db } from './db/open';
import { createDomainRepository } from './domains/repository';
import { createInviteControl } from './domains/invite-control';
import { createDomainService } from './domains/service';
import { createEnterpriseRepository } from './enterprise/repository';
import { createEnterpriseService } from './enterprise/service';
import { createInvitationRepository } from './invitations/repository';
import { createInvitationService } from './invitations/service';
import { createMemberRepository } from './members/repository';
import { createMemberService } from './members/service';
import { createMemberProfiles } from './members/profile';
import { createOrgMemberRepository } from './org-members/repository';
import { createOrgMemberService } from './org-members/service';
import { createOrgRepository } from './orgs/repository';
import { createOrgService } from './orgs/service';
import { createReportRepository } from './report/repository';
import { createReportService } from './report/service';
import { createSeatRepository } from './seats/repository';
import { createSeatService } from './seats/service';
import { createSettingsRepository } from './settings/repository';
import { createSettingsService } from './settings/service';
import { createTeamPeople } from './teams/people';
import { createTeamRepository } from './teams/repository';
import { createTeamService } from './teams/service';

/**
 * Builds every repository and service over one database and one clock: the
 * composition root. `audit` may be swapped (the demo records at the real time
 * while its data has a past).
 */
/** Tuning the composition root takes; tests shorten the DNS timeout. */
export interface ServiceOptions {
  dnsTimeoutMs?: number;
}

export function createServices(db: Db, now: () => Date, audit: AuditRepository = createAuditRepository(db), options: ServiceOptions = {}) {
  const enterprise = createEnterpriseService({ db, enterprise: createEnterpriseRepository(db), audit, now });
  // What the audit log says about a record's latest change, for refusing stale edits (docs/RULES.md, V6).
  const latest = createLatestChange(db);
  const settings = createSettingsService({ db, settings: createSettingsRepository(db), enterprise, audit, latest, now });
  const orgRepository = createOrgRepository(db);
  const domainRepository = createDomainRepository(db);
  const orgMemberRepository = createOrgMemberRepository(db);
  const memberRepository = createMemberRepository(db);
  const invitationRepository = createInvitationRepository(db);
  const teamRepository = createTeamRepository(db);
  const orgs = createOrgService({ db, orgs: orgRepository, orgMembers: orgMemberRepository, enterprise, audit, latest, now });
  const inviteControl = createInviteControl({ settings, domains: domainRepository });
  const seats = createSeatService({ db, seats: createSeatRepository(db), reportRule: () => settings.current().reportRule, inviteControl, enterprise, audit, now });
  const invitations = createInvitationService({
    db,
    invitations: invitationRepository,
    members: memberRepository,
    orgs: orgRepository,
    orgMembers: orgMemberRepository,
    teams: teamRepository,
    inviteControl,
    seats,
    settings,
    enterprise,
    audit,
    now,
  });
  const members = createMemberService({
    db,
    members: memberRepository,
    domains: domainRepository,
    teams: teamRepository,
    invitationRepository,
    invitations,
    seats,
    enterprise,
    audit,
    now,
  });
  const memberProfiles = createMemberProfiles({ db, members: memberRepository, invitationRepository, invitations, reportRule: () => settings.current().reportRule, enterprise, now });
  const domains = createDomainService({ db, domains: domainRepository, teams: teamRepository, settings, enterprise, audit, now, dnsTimeoutMs: options.dnsTimeoutMs });
  const reportRule = () => settings.current().reportRule;
  const orgMembers = createOrgMemberService({ db, orgMembers: orgMemberRepository, orgs: orgRepository, members: memberRepository, enterprise, audit, reportRule, now });
  const teams = createTeamService({ db, teams: teamRepository, members: memberRepository, orgs: orgRepository, enterprise, audit, latest, now });
  const teamPeople = createTeamPeople({ db, teams: teamRepository, members: memberRepository, invitationRepository, invitations, enterprise, audit, reportRule, now });
  const access = createAccessService({
    access: createAccessRepository(db),
    members: memberRepository,
    teams: teamRepository,
    orgs: orgRepository,
    enterprise,
  });
  const activity = createActivityRepository(db);
  const importer = createActivityImporter({ db, members, activity, settings, audit, now });
  const reports = createReportService({ db, reports: createReportRepository(db), settings, now });
  return { audit, enterprise, settings, orgs, seats, invitations, members, memberProfiles, orgMembers, teams, teamPeople, access, domains, activity, importer, reports };
}

export type Services = ReturnType<typeof createServices>;
