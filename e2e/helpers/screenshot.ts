/** Screenshots under e2e/artifacts/, checked for visible content by counting non-background pixels in a blank page's canvas. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { ROOT } from './server';

export const ARTIFACTS = join(ROOT, 'e2e', 'artifacts');

export interface PixelStats { width: number; height: number; nonWhite: number; colours: number }

export async function pixelStats(context: BrowserContext, png: Buffer): Promise<PixelStats> {
  const scratch = await context.newPage();
  try {
    return await scratch.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width; c.height = img.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      let nonWhite = 0;
      const colours = new Set<number>();
      for (let i = 0; i < d.length; i += 16) { // every 4th pixel is plenty
        const r = d[i], g = d[i + 1], bl = d[i + 2];
        if (r < 240 || g < 240 || bl < 240) nonWhite++;
        if (colours.size < 5000) colours.add((r >> 3) * 1024 + (g >> 3) * 32 + (bl >> 3));
      }
      return { width: c.width, height: c.height, nonWhite: nonWhite * 4, colours: colours.size };
    }, png.toString('base64'));
  } finally {
    await scratch.close();
  }
}

/** Saves a full-page screenshot and returns its pixel statistics. */
export async function snap(page: Page, name: string): Promise<PixelStats & { path: string }> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  const png = await page.screenshot({ fullPage: true });
  writeFileSync(path, png);
  return { ...(await pixelStats(page.context(), png)), path };
}
