import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';

/**
 * The small pages of a native app's sign-in (the confirmation and its
 * refusals), made on the server: no script at all, one inline style allowed
 * by its hash, forms posting only to this server (and the app's loopback
 * address, which the answer redirects to), never framed.
 */

const STYLE = `
:root { color-scheme: light dark; --bg: #f6f7f9; --card: #fff; --text: #1b1f24; --muted: #5b6470; --line: #d9dde3; --accent: #2458d6; --accent-text: #fff; --warn: #8a5a00; }
@media (prefers-color-scheme: dark) { :root { --bg: #14171c; --card: #1d2127; --text: #e8eaed; --muted: #a3abb6; --line: #343a43; --accent: #5b8cff; --accent-text: #0b1020; --warn: #f0c36b; } }
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: var(--bg); color: var(--text); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
main { width: min(480px, calc(100vw - 32px)); margin: 32px 0; }
.mark { width: 40px; height: 40px; border-radius: 10px; background: var(--accent); color: var(--accent-text); display: grid; place-items: center; font-weight: 700; font-size: 20px; margin: 0 auto 12px; }
h1 { font-size: 20px; margin: 0 0 4px; text-align: center; }
.host { color: var(--muted); text-align: center; margin: 0 0 20px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 20px 24px; }
.card p { margin: 0 0 12px; }
ul { margin: 0 0 16px; padding-left: 20px; color: var(--muted); }
li { margin-bottom: 4px; }
.who { font-weight: 600; }
.warn { color: var(--warn); font-size: 14px; }
.actions { display: flex; gap: 12px; justify-content: flex-end; margin-top: 8px; }
button { font: inherit; padding: 8px 18px; border-radius: 8px; border: 1px solid var(--line); background: transparent; color: var(--text); cursor: pointer; }
button.primary { background: var(--accent); border-color: var(--accent); color: var(--accent-text); font-weight: 600; }
button:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
code { font-size: 13px; }
`;

const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE, 'utf8').digest('base64')}'`;

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Text to put in the page, escaped; html`` parts stay as they are. */
export class Html {
  constructor(readonly text: string) {}
}
export function html(strings: TemplateStringsArray, ...values: (string | Html | Html[])[]): Html {
  let out = strings[0]!;
  values.forEach((value, index) => {
    const part = Array.isArray(value) ? value.map((item) => item.text).join('') : value instanceof Html ? value.text : escape(value);
    out += part + strings[index + 1]!;
  });
  return new Html(out);
}

/**
 * Sends a page. Its referrer policy is same-origin (the server's is
 * no-referrer): under no-referrer a browser posts a form with "Origin: null",
 * and the confirmation's Origin check would refuse its own page; nothing is
 * sent to another site either way. `formTo` is the origin the page's form may end up at, beyond
 * this server's (the app's loopback address, where Allow redirects).
 */
export function sendPage(reply: FastifyReply, status: number, title: string, body: Html, formTo: string | null = null): FastifyReply {
  const csp = [
    "default-src 'none'",
    `style-src ${STYLE_HASH}`,
    "base-uri 'none'",
    `form-action 'self'${formTo ? ` ${formTo}` : ''}`,
    "frame-ancestors 'none'",
  ].join('; ');
  const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${escape(title)} · Roster</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<div class="mark" aria-hidden="true">R</div>
${body.text}
</main>
</body>
</html>
`;
  return reply.code(status).header('Content-Security-Policy', csp).header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(page);
}

/** A refusal shown in the browser: what went wrong and what to do. */
export function sendProblem(reply: FastifyReply, status: number, host: string, title: string, lines: string[]): FastifyReply {
  return sendPage(
    reply,
    status,
    title,
    html`<h1>${title}</h1>
<p class="host">${host}</p>
<div class="card" role="alert">${lines.map((line) => html`<p>${line}</p>`)}</div>`,
  );
}
