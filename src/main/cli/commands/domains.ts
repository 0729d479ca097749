import type { Domain, UnmanagedAccount } from '@shared/schemas/domains';
import { parseDnsServer } from '../../domains/dns';
import { isVerified } from '../../domains/verify';
import { writeFileAtomic } from '../../exports/write-file';
import { EXIT_OK, EXIT_REFUSED, EXIT_USAGE, formatTable, printError, report, type CommandContext, type CommandSpec, type OptionValues } from '../command';

const domainOption = { type: 'string', valueName: 'DOMAIN', required: true, description: 'the domain, such as acme.com (any case)' } as const;
const PAGE = 500;

function usageProblem(context: CommandContext, message: string): number {
  context.io.err(context.json ? JSON.stringify({ error: { code: 'USAGE', message } }) : `roster: ${message}`);
  return EXIT_USAGE;
}

/** --on or --off, exactly one of them; null after saying so. */
function onOrOff(context: CommandContext, values: OptionValues): boolean | null {
  if ((values.on === true) !== (values.off === true)) return values.on === true;
  usageProblem(context, 'give either --on or --off');
  return null;
}

const date = (iso: string | null) => (iso ? iso.slice(0, 10) : '');

function status(row: UnmanagedAccount): string {
  return [row.waitingSince && `waiting for a seat since ${date(row.waitingSince)}`, row.invitedUntil && `invited until ${date(row.invitedUntil)}`]
    .filter(Boolean)
    .join('; ');
}

/** Says how a switched domain now treats new accounts. */
const SWITCHES = {
  capture: {
    channel: 'domains:setCapture',
    summary: 'Switch domain capture on or off: while on, a new account on the verified domain joins the enterprise and takes a seat',
    on: (d: Domain) => `Domain capture is on for ${d.display}: a new account on it joins the enterprise and takes a seat, or waits for one when none is free.`,
    off: (d: Domain) => `Domain capture is off for ${d.display}: new accounts on it no longer join by themselves.`,
  },
  lock: {
    channel: 'domains:setLock',
    summary: 'Switch domain lock on or off: while on, a new account on the verified domain needs an invitation (capture wins over lock)',
    on: (d: Domain) =>
      `Domain lock is on for ${d.display}: a new account on it needs an invitation${d.capture ? '; while domain capture is on, capture takes new accounts instead' : ''}.`,
    off: (d: Domain) => `Domain lock is off for ${d.display}: anyone may create an account on it.`,
  },
} as const;

/** Every unmanaged account (of one domain, or all), a page at a time. */
async function allUnmanaged(context: CommandContext, domainId: number | undefined, waitingOnly: boolean) {
  const rows: UnmanagedAccount[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await context.core.invoke('domains:unmanaged', { domainId, waitingOnly, offset, limit: PAGE });
    if (!page.ok) return page;
    rows.push(...page.value.rows);
    if (page.value.rows.length < PAGE) return { ok: true as const, value: rows };
  }
}

/** Writes the unmanaged accounts' CSV (the same file the app exports) to `file`, atomically. */
async function exportUnmanaged(context: CommandContext, domain: Domain | undefined, file: string): Promise<number> {
  const exported = await context.core.invoke('domains:exportUnmanaged', { domainId: domain?.id });
  if (!exported.ok) return printError(context.io, context.json, exported.error);
  if (exported.value.kind !== 'download') throw new Error(`The command line expected the export's content, not "${exported.value.kind}".`);
  const counted = await context.core.invoke('domains:unmanaged', { domainId: domain?.id, limit: 1 });
  if (!counted.ok) return printError(context.io, context.json, counted.error);
  const written = await writeFileAtomic(file, exported.value.content);
  if (!written.ok) return printError(context.io, context.json, written.error);
  const accounts = counted.value.total;
  context.io.out(
    context.json
      ? JSON.stringify({ path: written.value, accounts }, null, 2)
      : `Wrote ${accounts} unmanaged account${accounts === 1 ? '' : 's'}${domain ? ` on ${domain.display}` : ''} to ${written.value}.`,
  );
  return EXIT_OK;
}

export const domainCommands: CommandSpec[] = [
  {
    path: ['domains', 'add'],
    summary: 'Claim a domain: prints the DNS TXT record that proves it is yours',
    options: { domain: { ...domainOption, description: 'the domain to claim, such as acme.com: a registrable domain or a subdomain of one' } },
    details: ['With --json: the domain, with "record": {"name","value"} to create.'],
    async run(context, values) {
      const result = await context.core.invoke('domains:add', { domain: values.domain as string });
      return report(context, result, (domain) =>
        [
          `Added ${domain.display}. To verify it, create this DNS record, then run: roster domains verify --domain ${domain.domain}`,
          `  Type:   TXT`,
          `  Name:   ${domain.record.name}`,
          `  Value:  ${domain.record.value}`,
        ].join('\n'),
      );
    },
  },
  {
    path: ['domains', 'verify'],
    summary: 'Look the TXT record up in DNS and say exactly what was found; exit 0 only if the domain is verified',
    options: {
      domain: domainOption,
      dns: {
        type: 'string',
        valueName: 'HOST:PORT',
        multiple: true,
        description: "a DNS server to ask instead of those in Settings (or the system's): an IP address, with :PORT if not 53 (repeat for more)",
      },
    },
    details: [
      'Exit status 1 when the domain is not verified after the check (the record is missing or',
      'different, or the DNS server failed or did not answer); the reason is on stderr. The check',
      'is recorded either way, and a verified domain whose record is gone loses its verification.',
      'With --json: the domain on stdout when verified; otherwise {"error":{"code":"NOT_VERIFIED",',
      '"message","outcome","found"}} on stderr.',
    ],
    async run(context, values) {
      const servers = values.dns as string[] | undefined;
      const bad = servers?.find((server) => parseDnsServer(server) === null);
      if (bad !== undefined) return usageProblem(context, `--dns must be an IP address, with :PORT if not 53 (such as 127.0.0.1:5353), not "${bad}"`);
      const found = await context.core.invoke('domains:find', { domain: values.domain as string });
      if (!found.ok) return printError(context.io, context.json, found.error);
      const result = await context.core.invoke('domains:verify', { id: found.value.id, servers });
      if (!result.ok) return printError(context.io, context.json, result.error);
      const domain = result.value;
      const check = domain.lastCheck!;
      if (isVerified(check)) {
        context.io.out(context.json ? JSON.stringify(domain, null, 2) : `${domain.display} is verified. ${check.message}`);
        return EXIT_OK;
      }
      const message = domain.verified ? `${domain.display} could not be checked. ${check.message}` : `${domain.display} is not verified. ${check.message}`;
      context.io.err(context.json ? JSON.stringify({ error: { code: 'NOT_VERIFIED', message, outcome: check.outcome, found: check.found } }) : `roster: ${message}`);
      return EXIT_REFUSED;
    },
  },
  ...(['capture', 'lock'] as const).map(
    (which): CommandSpec => ({
      path: ['domains', which],
      summary: SWITCHES[which].summary,
      options: {
        domain: domainOption,
        on: { type: 'boolean', description: 'switch it on (the domain must be verified)' },
        off: { type: 'boolean', description: 'switch it off' },
      },
      details: ['Give exactly one of --on and --off.'],
      async run(context, values) {
        const on = onOrOff(context, values);
        if (on === null) return EXIT_USAGE;
        const found = await context.core.invoke('domains:find', { domain: values.domain as string });
        if (!found.ok) return printError(context.io, context.json, found.error);
        const result = await context.core.invoke(SWITCHES[which].channel, { id: found.value.id, on });
        return report(context, result, (domain) => (on ? SWITCHES[which].on(domain) : SWITCHES[which].off(domain)));
      },
    }),
  ),
  {
    path: ['domains', 'unmanaged'],
    summary: 'List accounts on verified domains that hold no seat (unmanaged), or write them to a CSV file',
    options: {
      domain: { ...domainOption, required: false, description: 'only this domain (default: every verified domain)' },
      waiting: { type: 'boolean', description: 'only accounts that domain capture put on the waiting list for a seat' },
      out: { type: 'string', valueName: 'FILE', description: 'write them all to FILE as CSV instead (replaced whole, never half written)' },
    },
    details: ['With --json: one entry per account, {"accountId","email","name","domain","display","createdAt","lastLoginAt","waitingSince","invitedUntil"}.'],
    async run(context, values) {
      if (values.out !== undefined && values.waiting === true) {
        return usageProblem(context, '--out writes every unmanaged account (with the date each began waiting); leave out --waiting');
      }
      let domain: Domain | undefined;
      if (values.domain !== undefined) {
        const found = await context.core.invoke('domains:find', { domain: values.domain as string });
        if (!found.ok) return printError(context.io, context.json, found.error);
        domain = found.value;
      }
      if (values.out !== undefined) return exportUnmanaged(context, domain, values.out as string);
      const result = await allUnmanaged(context, domain?.id, values.waiting === true);
      return report(context, result, (rows) => {
        if (rows.length > 0) {
          return formatTable(
            ['EMAIL', 'NAME', 'DOMAIN', 'ACCOUNT CREATED', 'LAST LOGIN', 'STATUS'],
            rows.map((row) => [row.email, row.name, row.display, date(row.createdAt), date(row.lastLoginAt), status(row)]),
          );
        }
        if (domain && !domain.verified) return `${domain.display} is not verified, so no account on it counts as unmanaged yet.`;
        const where = domain ? domain.display : 'the verified domains';
        return values.waiting === true ? `No account on ${where} is waiting for a seat.` : `No unmanaged accounts on ${where}.`;
      });
    },
  },
  {
    path: ['domains', 'list'],
    summary: 'List the domains: verification, capture, lock, and unmanaged accounts on each',
    options: {},
    async run(context) {
      const result = await context.core.invoke('domains:list');
      return report(context, result, (domains) =>
        domains.length === 0
          ? 'No domains yet. Add one with: roster domains add --domain DOMAIN'
          : formatTable(
              ['DOMAIN', 'VERIFIED', 'CAPTURE', 'LOCK', 'UNMANAGED', 'WAITING'],
              domains.map((domain) => [
                domain.display,
                domain.verifiedAt ? date(domain.verifiedAt) : 'no',
                domain.capture ? 'on' : 'off',
                domain.lock ? 'on' : 'off',
                String(domain.unmanagedCount),
                String(domain.waitingCount),
              ]),
            ),
      );
    },
  },
  {
    path: ['domains', 'remove'],
    summary: 'Remove a domain: capture and lock stop; accounts and seats stay as they are',
    options: { domain: domainOption },
    async run(context, values) {
      const found = await context.core.invoke('domains:find', { domain: values.domain as string });
      if (!found.ok) return printError(context.io, context.json, found.error);
      const result = await context.core.invoke('domains:remove', { id: found.value.id });
      const waiting = found.value.waitingCount;
      return report(context, result, () =>
        [
          `Removed ${found.value.display}. Accounts on it stay as they are; no seat was freed.`,
          ...(waiting > 0 ? [`${waiting} account${waiting === 1 ? ' was' : 's were'} waiting for a seat through it and no longer ${waiting === 1 ? 'is' : 'are'}.`] : []),
        ].join(' '),
      );
    },
  },
];
