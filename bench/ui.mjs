/* global document, window -- the functions given to waitForFunction and evaluate run in the page */
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

/** What identifies each row of a list's answer in its rendered row: a person's address, or a team's name (null: no rows to compare). */
const rowKeys = (answer) => {
  const rows = (answer?.ok === true ? answer.value : answer)?.rows;
  return Array.isArray(rows) ? rows.map((row) => String(row.email ?? row.name)) : null;
};

/**
 * The order `table` says it has (the aria-sort of its heading `label`) and the text of each of its rows: a
 * re-sort is shown once the heading says the new order and the rows are the new answer's.
 */
const shownOrder = ([table, rows, label]) => ({
  sort: [...document.querySelectorAll(`${table} thead th`)].find((th) => th.textContent.includes(label))?.getAttribute('aria-sort') ?? null,
  rows: [...document.querySelectorAll(rows)].map((row) => row.textContent),
});

/**
 * Clicks the sort heading `label` of `table` `repeats` times (each click the other way), timing each until the
 * re-sort shows: the heading says the new order, and the rows read otherwise than before, or (where the new order
 * happens to begin, or be, as the old one did: on Licenses, by name and by Last Active oldest first both start
 * with the first person by name when that person was never active) they are the rows of the answer to the
 * call the click made on `channel`. Waiting for the first row to change alone waited forever in that case.
 */
async function resorts(page, { table, label, channel }, repeats) {
  const rows = `${table} ${ROWS}`;
  const samples = [];
  for (let i = 0; i < repeats; i += 1) {
    const before = await page.evaluate(shownOrder, [table, rows, label]);
    await page.evaluate((token) => {
      window.rosterResort = token;
      window.rosterAnswer = null;
    }, i);
    // The first call on the channel after the click is the new order's (the page asks again even for one it has cached).
    void page
      .waitForRequest((request) => request.url().includes(`/api/invoke/${channel}`), { timeout: 60_000 })
      .then(async (request) => {
        const keys = rowKeys(await (await request.response())?.json());
        await page.evaluate(([token, answer]) => {
          if (window.rosterResort === token) window.rosterAnswer = answer;
        }, [i, keys]);
      })
      .catch(() => {});
    const heading = page.locator(`${table} thead th`, { hasText: label }).locator('button.sort-button');
    samples.push(
      await timed(
        () => heading.click(),
        () =>
          page.waitForFunction(
            ([args, was]) => {
              const [table, rows, label] = args;
              const sort = [...document.querySelectorAll(`${table} thead th`)].find((th) => th.textContent.includes(label))?.getAttribute('aria-sort') ?? null;
              if (sort === null || sort === was.sort) return false;
              const now = [...document.querySelectorAll(rows)].map((row) => row.textContent);
              if (now.length !== was.rows.length || now.some((text, n) => text !== was.rows[n])) return true;
              const answer = window.rosterAnswer;
              return Array.isArray(answer) && answer.length === now.length && answer.every((key, n) => now[n].includes(key));
            },
            [[table, rows, label], before],
            { polling: 'raf' },
          ),
      ),
    );
  }
  return samples;
}

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

    // Teams: a page of 50, sorted and searched in the core (teams:page).
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
    const licensesResort = await resorts(page, { table: 'table[aria-label="Seats"]', label: 'Last active', channel: 'seats:list' }, repeats);
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
    const teamsResort = await resorts(page, { table: 'table[aria-label="Teams"]', label: 'Members', channel: 'teams:page' }, repeats);
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
    const teamResort = await resorts(page, { table: `table[aria-label="Members of ${team}"]`, label: 'Last active', channel: 'teams:members' }, repeats);
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
