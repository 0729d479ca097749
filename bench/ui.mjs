/* global document -- the functions given to waitForFunction run in the page */
// The UI benchmark: browser mode (out/main/browser.js) over a copy of a demo store,
// driven in Chromium by Playwright. One call measures the first screen after a cold
// load (and every call the app makes to get there), then Licenses, Teams and one big
// team's page (first rows after navigating there, re-sort, search, rows in the DOM),
// and last the peak resident memory of the process that holds the store.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

const ROWS = 'tbody tr:not(.empty-row):not(.virtual-spacer)';
const SEATS = `table[aria-label="Seats"] ${ROWS}`;
const TEAMS = `table[aria-label="Teams"] ${ROWS}`;
const teamRows = (name) => `table[aria-label="Members of ${name}"] ${ROWS}`;

export function chromiumPath() {
  const found = [process.env.ROSTER_CHROMIUM, '/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((file) => file && fs.existsSync(file));
  if (!found) throw new Error('No Chromium found: apt-get install chromium, or set ROSTER_CHROMIUM.');
  return found;
}

function startBrowserMode(root, dbPath, dataDir) {
  const child = spawn(process.execPath, [path.join(root, 'out', 'main', 'browser.js'), '--db', dbPath, '--port', '0'], {
    env: { ...process.env, ROSTER_USER_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const url = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)\n/.exec(output)?.[1];
      if (url) resolve({ child, url });
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => reject(new Error(`browser mode exited (${code}):\n${output}`)));
  });
}

/** Peak and current resident memory of a process, in MB (Linux /proc). */
export function memoryOf(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { peakMb: kb('VmHWM') / 1024, currentMb: kb('VmRSS') / 1024 };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timed(action, until) {
  const started = performance.now();
  await action();
  await until();
  return performance.now() - started;
}

/**
 * Every call the page makes to the core (POST /api/invoke/CHANNEL), with how long
 * its answer took as the page saw it; `since(mark)` lists those made after a mark.
 */
function recordCalls(page) {
  const calls = [];
  const started = new Map();
  const channelOf = (request) => /\/api\/invoke\/([^?]+)/.exec(request.url())?.[1];
  page.on('request', (request) => {
    if (channelOf(request)) started.set(request, performance.now());
  });
  const finished = (request) => {
    const channel = channelOf(request);
    if (!channel || !started.has(request)) return;
    const at = started.get(request);
    started.delete(request);
    calls.push({ channel: decodeURIComponent(channel), at, ms: Math.round(performance.now() - at), url: request.url(), body: request.postData(), headers: request.headers() });
  };
  page.on('requestfinished', finished);
  page.on('requestfailed', finished);
  return {
    mark: () => performance.now(),
    /** Resolves once no call has been in flight for `quietMs` (the page's event stream is not a call). */
    async settled(quietMs = 300) {
      let quietSince = performance.now();
      while (performance.now() - quietSince < quietMs) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        if (started.size > 0) quietSince = performance.now();
      }
    },
    since: (mark) => calls.filter((call) => call.at >= mark).map(({ channel, at, ms }) => ({ channel, atMs: Math.round(at - mark), ms })),
    /**
     * The calls made since `mark`, each made again alone (one at a time, best of
     * `tries`): the core's own time for each, without the wait behind the others
     * that the page's parallel calls add.
     */
    async alone(mark, tries = 3) {
      const made = calls.filter((call) => call.at >= mark);
      const unique = [...new Map(made.map((call) => [`${call.url} ${call.body}`, call])).values()];
      const timings = [];
      for (const call of unique) {
        let best = Infinity;
        for (let i = 0; i < tries; i += 1) {
          best = Math.min(best, await page.evaluate(async ({ url, body, headers }) => {
            const started = performance.now();
            await (await fetch(url, { method: 'POST', headers, body: body ?? undefined, credentials: 'same-origin' })).text();
            return performance.now() - started;
          }, { url: call.url, body: call.body, headers: call.headers }));
        }
        timings.push({ channel: call.channel, input: call.body ?? null, ms: Math.round(best) });
      }
      return timings.sort((a, b) => b.ms - a.ms);
    },
  };
}

/** Waits until the first row of `selector` reads otherwise than `before` (a re-sort is done). */
const firstRowChanged = (page, selector, before) =>
  page.waitForFunction(([rows, text]) => !!document.querySelector(rows) && document.querySelector(rows).textContent !== text, [selector, before], { polling: 'raf' });

/** Waits until `selector` holds a few rows, one of them containing `wanted` (a search is done). */
const fewRowsWith = (page, selector, wanted) =>
  page.waitForFunction(
    ([rows, text]) => {
      const found = document.querySelectorAll(rows);
      // An address can be part of a longer one (ana.lima1@ in juliana.lima1@): a few rows, one of them it.
      return found.length >= 1 && found.length <= 5 && [...found].some((row) => row.textContent.includes(text));
    },
    [selector, wanted],
    { polling: 'raf' },
  );

/** The first address in each row of `selector`: the person's own. */
const emailsIn = async (page, selector) => (await page.locator(selector).allInnerTexts()).map((text) => /[^\s@]+@[^\s@]+\.[a-z]+/i.exec(text)?.[0]).filter(Boolean);

/** Waits until every row of `selector` contains `wanted` (a filter of names, where several may contain it). */
const onlyRowsWith = (page, selector, wanted) =>
  page.waitForFunction(
    ([rows, text]) => {
      const found = [...document.querySelectorAll(rows)];
      return found.length >= 1 && found.every((row) => row.textContent.toLowerCase().includes(text.toLowerCase()));
    },
    [selector, wanted],
    { polling: 'raf' },
  );

const rowsInDom = (page, table) => page.locator(`table[aria-label="${table}"] tbody tr`).count();

/** Clicks a sort heading `repeats` times (each click the other way), timing each until the first row changed. */
async function resorts(page, selector, button, repeats) {
  const samples = [];
  for (let i = 0; i < repeats; i += 1) {
    const before = await page.locator(selector).first().textContent();
    samples.push(await timed(() => button.click(), () => firstRowChanged(page, selector, before)));
  }
  return samples;
}

/** Types each wanted text whole into `box`, timing each until its row shows (the screen's typing pause included), then clears it. */
async function searches(page, selector, box, wanted, done = fewRowsWith) {
  const samples = [];
  for (const text of wanted) {
    samples.push(await timed(() => box.fill(text), () => done(page, selector, text)));
    await box.fill('');
    await page.waitForFunction((rows) => document.querySelectorAll(rows).length > 5, selector, { polling: 'raf' });
  }
  return samples;
}

const summary = (samples) => ({ medianMs: median(samples), samples: samples.map(Math.round) });

/**
 * Measures the UI over `dbPath` (a copy: the app may write to it). `team` names the
 * team whose page is measured (the demo's largest is "Developers", a fifth of the
 * members). Every figure is in the object returned; the fields before `firstScreen`
 * are the Licenses figures the benchmark has always reported.
 */
export async function measureUi({ root, dbPath, workDir, repeats = 5, team = 'Developers', screenshots }) {
  const dataDir = path.join(workDir, 'ui-user-data');
  fs.mkdirSync(dataDir, { recursive: true });
  const server = await startBrowserMode(root, dbPath, dataDir);
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  const shoot = async (page, name) => {
    if (screenshots) await page.screenshot({ path: path.join(screenshots, `${name}.png`) });
  };
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const calls = recordCalls(page);
    const nav = page.getByRole('navigation', { name: 'Main' });
    const goTo = async (name, heading = name) => {
      await nav.getByRole('link', { name }).click();
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    };

    // The first screen (Licenses) after a cold page load, and every call made until the app is ready.
    const loadMark = calls.mark();
    const cold = await timed(() => page.goto(server.url), () => page.locator(SEATS).first().waitFor());
    await page.locator('[data-app-state="ready"]').waitFor();
    const ready = performance.now() - loadMark;
    await calls.settled();
    const startCalls = calls.since(loadMark);
    const startAlone = await calls.alone(loadMark);
    // The peak resident memory after each part, to tell which one raised it.
    const peaks = { firstScreen: memoryOf(server.child.pid).peakMb };
    await shoot(page, 'licenses');

    // Teams: every team in one client-side table, virtualized.
    const teamsMark = calls.mark();
    const teamsFirst = await timed(() => goTo('Teams'), () => page.locator(TEAMS).first().waitFor());
    peaks.teamsFirst = memoryOf(server.child.pid).peakMb;
    const teamsCalls = calls.since(teamsMark);
    await shoot(page, 'teams');

    // Licenses, from Teams: the first visit was the cold load, so these find the page cached and refresh it.
    const licensesNavigation = [];
    for (let i = 0; i < repeats; i += 1) {
      await goTo('Teams');
      licensesNavigation.push(await timed(() => nav.getByRole('link', { name: 'Licenses' }).click(), () => page.locator(SEATS).first().waitFor()));
    }
    const licensesResort = await resorts(page, SEATS, page.locator('th.col-lastActive button.sort-button'), repeats);
    const emails = await emailsIn(page, SEATS);
    const licenseEmails = Array.from({ length: repeats }, (_, i) => emails[(i * 7) % emails.length]);
    const licensesSearchMark = calls.mark();
    const licensesSearch = await searches(page, SEATS, page.getByRole('searchbox', { name: 'Search seats' }), licenseEmails);
    const licensesSearchCalls = await calls.alone(licensesSearchMark, 1);
    const licensesRows = await rowsInDom(page, 'Seats');
    peaks.licenses = memoryOf(server.child.pid).peakMb;

    // Teams again: navigating there, re-sorting by member count, filtering by a whole name.
    const teamsNavigation = [];
    for (let i = 0; i < repeats; i += 1) {
      await goTo('Licenses');
      teamsNavigation.push(await timed(() => nav.getByRole('link', { name: 'Teams' }).click(), () => page.locator(TEAMS).first().waitFor()));
    }
    const teamsResort = await resorts(page, TEAMS, page.locator('table[aria-label="Teams"] thead button', { hasText: 'Members' }), repeats);
    const teamNames = (await page.locator(`${TEAMS} td:first-child`).allInnerTexts()).map((text) => text.trim()).filter(Boolean);
    const teamsSearch = await searches(page, TEAMS, page.getByRole('searchbox', { name: 'Filter teams' }), Array.from({ length: repeats }, (_, i) => teamNames[(i * 3) % teamNames.length]), onlyRowsWith);
    const teamsDomRows = await rowsInDom(page, 'Teams');
    peaks.teams = memoryOf(server.child.pid).peakMb;
    const teamCount = Number((await page.locator('.toolbar-count').first().innerText()).replace(/[^\d]/g, ''));

    // One team's page, reached by its link on Teams; each visit after the first finds its page cached.
    const filter = page.getByRole('searchbox', { name: 'Filter teams' });
    const members = teamRows(team);
    const openTeam = async () => {
      await goTo('Teams');
      await filter.fill(team);
      const link = page.locator(TEAMS).getByRole('link', { name: team, exact: true });
      await link.waitFor();
      const mark = calls.mark();
      const ms = await timed(() => link.click(), () => page.locator(members).first().waitFor());
      return { ms, calls: calls.since(mark), mark };
    };
    const firstTeam = await openTeam();
    const teamAlone = await calls.alone(firstTeam.mark);
    const teamId = Number(/#\/teams\/(\d+)/.exec(page.url())?.[1]);
    const teamMembers = Number((await page.locator('.toolbar-count').first().innerText()).replace(/[^\d]/g, ''));
    await shoot(page, 'team');
    const teamNavigation = [];
    for (let i = 0; i < repeats; i += 1) teamNavigation.push((await openTeam()).ms);
    const teamResort = await resorts(page, members, page.locator('th button', { hasText: 'Last active' }), repeats);
    const shown = await emailsIn(page, members);
    const teamSearchMark = calls.mark();
    const teamSearch = await searches(page, members, page.getByRole('searchbox', { name: `Search the members of ${team}` }), Array.from({ length: repeats }, (_, i) => shown[(i * 7) % shown.length]));
    const teamSearchCalls = await calls.alone(teamSearchMark, 1);
    const teamDomRows = await rowsInDom(page, `Members of ${team}`);

    const memory = memoryOf(server.child.pid);
    const licenses = { firstMs: cold, navigation: summary(licensesNavigation), resort: summary(licensesResort), search: { ...summary(licensesSearch), calls: licensesSearchCalls }, domRows: licensesRows };
    return {
      // The Licenses figures, as before.
      coldMs: cold,
      navigationMs: licenses.navigation.medianMs,
      resortMs: licenses.resort.medianMs,
      searchMs: licenses.search.medianMs,
      samples: { navigation: licensesNavigation, resort: licensesResort, search: licensesSearch },
      domRows: { licenses: licensesRows, teams: teamsDomRows, team: teamDomRows },
      memory: { ...memory, peaksMb: { ...peaks, team: memory.peakMb } },
      // The first screen: cold load to its first rows, to the app's ready state, and the calls made meanwhile.
      firstScreen: { firstRowsMs: cold, readyMs: ready, calls: startCalls, alone: startAlone },
      licenses,
      teams: {
        count: teamCount,
        firstMs: teamsFirst,
        calls: teamsCalls,
        navigation: summary(teamsNavigation),
        resort: summary(teamsResort),
        search: summary(teamsSearch),
        domRows: teamsDomRows,
      },
      team: {
        name: team,
        id: teamId,
        members: teamMembers,
        firstMs: firstTeam.ms,
        calls: firstTeam.calls,
        alone: teamAlone,
        navigation: summary(teamNavigation),
        resort: summary(teamResort),
        search: { ...summary(teamSearch), calls: teamSearchCalls },
        domRows: teamDomRows,
      },
    };
  } finally {
    await browser.close();
    await new Promise((resolve) => {
      server.child.once('exit', resolve);
      server.child.kill('SIGTERM');
    });
  }
}
