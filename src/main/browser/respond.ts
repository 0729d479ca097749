import type { ServerResponse } from 'node:http';
import { CONTENT_SECURITY_POLICY_HEADER } from '@shared/csp';
import type { Result } from '@shared/result';

// How browser mode answers: every answer carries the same security headers, and
// an API answer is always a Result, whatever the status, so the page can show its message.

export const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY_HEADER,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export function send(response: ServerResponse, status: number, contentType: string, body: string | Buffer, headers = {}) {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': contentType, 'Cache-Control': 'no-store', ...headers });
  response.end(body);
}

export function sendResult(response: ServerResponse, result: Result<unknown>, status = 200, headers = {}) {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(result), headers);
}

export function sendText(response: ServerResponse, status: number, text: string) {
  send(response, status, 'text/plain; charset=utf-8', `${text}\n`);
}
