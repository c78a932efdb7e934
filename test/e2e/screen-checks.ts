import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { seriousAccessibilityViolations } from './browser';

/** Buttons, labels, headings and statuses whose words do not fit their box: what longer words break first. */
export function overflowing(page: Page): Promise<string[]> {
  return page
    .locator('.desk button, .desk label:not(.check-in-field label), .desk h1, .desk h2, .desk th, .desk .booking-status, .dialog button, .dialog h2')
    .evaluateAll((all) =>
      all
        .filter((element) => {
          const box = element.getBoundingClientRect();
          // Visually hidden text (a 1 px box) is for screen readers and overflows on purpose.
          return box.width > 1 && (element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1);
        })
        .map((element) => `${element.tagName.toLowerCase()}: ${element.textContent?.trim() ?? ''}`),
    );
}

/**
 * What every screen must be at a reception PC's size, in any language: axe-clean, one header row of
 * at most 64 px, nothing wider than the window, no words cut off; then its screenshot under test-results/.
 */
export async function checkScreenLayout(page: Page, name: string): Promise<void> {
  expect(await seriousAccessibilityViolations(page), name).toEqual([]);
  expect((await page.locator('.desk-header').boundingBox())?.height, name).toBeLessThanOrEqual(64);
  expect(await page.locator('html').evaluate((root) => root.scrollWidth - root.clientWidth), name).toBeLessThanOrEqual(0);
  expect(await overflowing(page), name).toEqual([]);
  const size = page.viewportSize();
  await mkdir('test-results', { recursive: true });
  await page.screenshot({ path: `test-results/${name}-${size?.width}x${size?.height}.png` });
}
