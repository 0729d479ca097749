import type { Locator, Page } from '@playwright/test';

/** An unmanaged-accounts table, on a domain's page or across all domains. */
export class UnmanagedList {
  readonly table: Locator;
  readonly rows: Locator;
  readonly search: Locator;
  readonly waitingOnly: Locator;
  readonly exportButton: Locator;
  readonly selection: Locator;
  /** A refusal of the last bulk action (no free seats, say). */
  readonly error: Locator;

  constructor(
    readonly page: Page,
    name: string,
  ) {
    this.table = page.getByRole('table', { name });
    this.rows = this.table.locator('tbody tr:not(.empty-row)');
    this.search = page.getByRole('searchbox', { name: 'Search unmanaged accounts' });
    this.waitingOnly = page.getByRole('checkbox', { name: 'Waiting for a seat only' });
    this.exportButton = page.getByRole('button', { name: 'Export CSV' });
    this.selection = page.getByRole('region', { name: 'Selection' });
    this.error = page.locator('.card').filter({ has: this.table }).getByRole('alert');
  }

  row(email: string): Locator {
    return this.rows.filter({ hasText: email });
  }

  /** The text of a row's cell under a column heading, e.g. cell('ana@acme.example', 'Invited until'). */
  async cell(email: string, column: string): Promise<Locator> {
    const headers = await this.table.getByRole('columnheader').allTextContents();
    const index = headers.findIndex((header) => header.trim() === column);
    if (index < 0) throw new Error(`No column "${column}" in ${headers.join(', ')}`);
    return this.row(email).getByRole('cell').nth(index);
  }

  async select(...emails: string[]): Promise<void> {
    for (const email of emails) await this.table.getByRole('checkbox', { name: `Select ${email}` }).check();
  }

  invite(): Promise<void> {
    return this.selection.getByRole('button', { name: /^Invite \d+ accounts?$/ }).click();
  }

  claim(): Promise<void> {
    return this.selection.getByRole('button', { name: /^Claim \d+ accounts?$/ }).click();
  }
}

/** Locators for the Domains screen, one domain's page, and Settings → Domains & invitations. */
export class DomainsPage {
  readonly heading: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly dialog: Locator;
  readonly notices: Locator;
  readonly addButton: Locator;
  readonly unmanagedLink: Locator;
  /** The sidebar's count of accounts waiting for a seat, on the Domains link; absent when none waits. */
  readonly waitingBadge: Locator;
  /** "N accounts are waiting for a seat", on a domain's page (and on Licenses). */
  readonly waitingBanner: Locator;

  // One domain's page.
  readonly record: Locator;
  readonly recordName: Locator;
  readonly recordValue: Locator;
  readonly verifyButton: Locator;
  readonly lastCheck: Locator;
  readonly foundRecords: Locator;
  readonly switches: Locator;
  readonly capture: Locator;
  readonly lock: Locator;
  readonly subdomains: Locator;
  /** The default team as the page names it (or "No default team"). */
  readonly defaultTeam: Locator;
  readonly lostNotice: Locator;

  // Settings.
  readonly domainSettings: Locator;
  readonly dnsServers: Locator;
  readonly inviteRule: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Domains' });
    this.table = page.getByRole('table', { name: 'Domains' });
    this.rows = this.table.locator('tbody tr:not(.empty-row)');
    this.dialog = page.getByRole('dialog');
    this.notices = page.getByRole('status', { name: 'Notices' });
    this.addButton = page.getByRole('button', { name: 'Add domain' });
    this.unmanagedLink = page.getByRole('link', { name: /^Unmanaged accounts/ });
    this.waitingBadge = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Domains/ }).getByRole('img', { name: /waiting for a seat$/ });
    this.waitingBanner = page.getByRole('status', { name: 'Accounts waiting for a seat' });

    this.record = page.getByRole('region', { name: 'DNS record' });
    this.recordName = this.record.getByRole('definition').filter({ has: page.getByRole('button', { name: 'Copy record name' }) }).locator('code');
    this.recordValue = this.record.getByRole('definition').filter({ has: page.getByRole('button', { name: 'Copy record value' }) }).locator('code');
    this.verifyButton = this.record.getByRole('button', { name: /^(Verify now|Check again|Checking…)$/ });
    this.lastCheck = page.getByRole('region', { name: 'Last check' });
    this.foundRecords = this.lastCheck.getByRole('list').getByRole('listitem');
    this.switches = page.getByRole('region', { name: /^New accounts on / });
    this.capture = page.getByRole('switch', { name: 'Domain capture' });
    this.lock = page.getByRole('switch', { name: 'Domain lock' });
    this.subdomains = page.getByRole('switch', { name: 'Include subdomains' });
    this.defaultTeam = page.getByRole('group', { name: 'Default team' }).locator('.default-team-name');
    this.lostNotice = page.getByRole('alert').filter({ hasText: 'is no longer verified' });

    this.domainSettings = page.getByRole('region', { name: 'Domains & invitations' });
    this.dnsServers = this.domainSettings.getByRole('group', { name: 'DNS servers' });
    this.inviteRule = this.domainSettings.getByRole('group', { name: 'Invitations may go to' });
  }

  /** Chooses the default team in its dialog, found by typing its name, and applies it. */
  async chooseDefaultTeam(name: string): Promise<void> {
    await this.page.getByRole('group', { name: 'Default team' }).getByRole('button', { name: /^(Choose|Change)…$/ }).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByRole('searchbox', { name: 'Filter teams' }).fill(name);
    await dialog.getByRole('radio', { name: new RegExp(`^${name}`) }).check();
    await dialog.getByRole('button', { name: 'Make default team' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Domains' }).click();
    await this.heading.waitFor();
  }

  row(domain: string): Locator {
    return this.rows.filter({ has: this.page.getByRole('link', { name: domain }) });
  }

  domainHeading(domain: string): Locator {
    return this.page.getByRole('heading', { level: 1, name: domain });
  }

  /** Opens the Add domain dialog and submits the name; the dialog stays open when it is refused. */
  async add(domain: string): Promise<void> {
    await this.addButton.click();
    await this.dialog.getByLabel('Domain').fill(domain);
    await this.dialog.getByRole('button', { name: 'Add domain' }).click();
  }

  /** Adds a domain and waits for its page. */
  async addAndOpen(domain: string): Promise<void> {
    await this.open();
    await this.add(domain);
    await this.domainHeading(domain).waitFor();
  }

  async openDomain(domain: string): Promise<void> {
    await this.open();
    await this.table.getByRole('link', { name: domain }).click();
    await this.domainHeading(domain).waitFor();
  }

  /** Runs a DNS check and waits for its answer. */
  async verify(): Promise<void> {
    await this.verifyButton.click();
    await this.page.getByRole('button', { name: /^(Verify now|Check again)$/ }).waitFor();
  }

  unmanaged(name: string): UnmanagedList {
    return new UnmanagedList(this.page, name);
  }

  async openSettings(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await this.domainSettings.waitFor();
  }

  async addDnsServer(server: string): Promise<void> {
    await this.dnsServers.getByRole('textbox', { name: 'Add a DNS server' }).fill(server);
    await this.dnsServers.getByRole('button', { name: 'Add', exact: true }).click();
  }

  saveDnsServers(): Promise<void> {
    return this.dnsServers.getByRole('button', { name: 'Save DNS servers' }).click();
  }

  /** Settings: checks domains with this DNS server only. */
  async useDnsServer(server: string): Promise<void> {
    await this.openSettings();
    await this.addDnsServer(server);
    await this.saveDnsServers();
    await this.notices.getByText(`Domains are now checked with ${server}.`).waitFor();
  }
}
