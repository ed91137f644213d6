/** What every browser test file shares: a fresh demo server, a browser page, the API as the demo visitor, sign-in. */
import { afterAll, beforeAll } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, type Session } from './browser';
import { ensureWebBuilt, startServer, type RunningServer } from './server';

export interface DemoSession {
  server: RunningServer;
  s: Session;
  page: Page;
}

/** Registers beforeAll/afterAll that start a demo server and a browser; the returned object is filled before the tests run. */
export function useDemoSession(): DemoSession {
  const ctx = {} as DemoSession;
  beforeAll(async () => {
    ensureWebBuilt();
    ctx.server = await startServer();
    ctx.s = await openBrowser();
    ctx.page = ctx.s.page;
  });
  afterAll(async () => {
    await ctx.s?.close();
    await ctx.server?.stop();
  });
  return ctx;
}

/** JSON from the server's API as the demo visitor (no cookie: the demo's investigator). */
export async function apiJson<T>(server: RunningServer, path: string, init?: RequestInit): Promise<T> {
  const r = await fetch(`${server.url}${path}`, init);
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return r.json() as Promise<T>;
}

/** Signs in on the sign-in screen with a demo account (`demo-<role>`, password printed by `vigil serve`). */
export async function signInAs(ctx: DemoSession, role: 'reviewer' | 'administrator' | 'analyst' | 'investigator'): Promise<void> {
  const { page, server } = ctx;
  await page.goto(server.url + '/login', { waitUntil: 'networkidle' });
  await page.getByLabel('User name').fill(`demo-${role}`);
  await page.locator('#pw').fill(`try-the-${role}-role`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(server.url + '/');
}
