// Driving the VS Code web workbench as a user does: keyboard, command palette and what is on
// screen. Selectors are kept here, in one place, because they are what a VS Code update breaks.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BrowserContext, Locator, Page } from 'playwright-core';
import { CodeServer, sharedBrowser } from './codeServer';
import { resultsDir } from './paths';

const UI_TIMEOUT_MS = 60_000;

export interface Workbench {
  context: BrowserContext;
  page: Page;
}

/** Opens the workbench on `folder` and waits until an editor shows text. */
export async function openWorkbench(server: CodeServer, folder: string, payload: ReadonlyArray<readonly [string, string]>): Promise<Workbench> {
  const context = await (await sharedBrowser()).newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(server.workbenchUrl(folder, payload));
  // A cold start (first load compiles nothing but fetches ~10 MB of workbench) can take a while.
  await page.locator('.monaco-workbench .editor-instance .monaco-editor .view-lines').first().waitFor({ timeout: 3 * UI_TIMEOUT_MS });
  return { context, page };
}

/** F1, type into the quick input, wait for the entry labelled `label`, and pick it. */
export async function quickInput(page: Page, text: string, label?: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await input.fill(text);
  if (label) {
    await page.locator('.quick-input-widget .quick-input-list').getByRole('option', { name: label }).first().waitFor({ timeout: UI_TIMEOUT_MS });
  }
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
}

export function runCommand(page: Page, label: string): Promise<void> {
  return quickInput(page, `>${label}`, label);
}

/** Moves the cursor to a 1-based line with the quick input's ":line" mode; the editor keeps focus. */
export function goToLine(page: Page, line: number): Promise<void> {
  return quickInput(page, `:${line}`);
}

/** Everything the Problems panel shows (messages, sources, codes, positions). */
export async function problemsText(page: Page): Promise<string> {
  return (await page.locator('.markers-panel').allInnerTexts()).join('\n');
}

export function squiggles(page: Page): Promise<number> {
  return page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error').count();
}

/** The code action menu (Ctrl+.) entry with this title. */
export function codeActionEntry(page: Page, title: string): Locator {
  return page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
}

/**
 * The light bulb VS Code shows when the cursor's line has code actions: in the glyph margin
 * (`codicon-gutter-lightbulb*`) when text starts the line, else floating over the text.
 */
export function lightBulb(page: Page): Locator {
  const inGutter = page.locator('.monaco-editor .margin [class*="codicon-gutter-lightbulb"]');
  const floating = page.locator('.monaco-editor .lightBulbWidget:visible');
  return inGutter.or(floating).first();
}

/** Whether a code action menu entry is shown disabled (greyed out, not selectable). */
export async function isDisabledEntry(entry: Locator): Promise<boolean> {
  const classes = (await entry.getAttribute('class')) ?? '';
  return classes.includes('option-disabled') || (await entry.getAttribute('aria-disabled')) === 'true';
}

/** Opens a workspace file with Quick Open (Ctrl+P), as a user does. */
export async function openInQuickOpen(page: Page, relativePath: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await input.fill(relativePath);
  // Rows read "<name> <folder>": pick the one in the right folder (a recent file may come first).
  const folder = path.dirname(relativePath);
  const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: folder }).first();
  await row.waitFor({ timeout: UI_TIMEOUT_MS });
  await row.click();
  await input.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
  // Two open files with one name: the tab shows the folder too.
  await page.locator('.tabs-container .tab.active', { hasText: folder }).waitFor({ timeout: UI_TIMEOUT_MS });
}

/**
 * Picks an open code action menu entry with the keyboard, as a user does: a mouse click would
 * hit the context view's pointer block that VS Code lays over the page while the menu is open.
 */
export async function pickCodeAction(page: Page, title: string): Promise<void> {
  const focused = page.locator('.action-widget .monaco-list-row.focused');
  for (let step = 0; step < 20; step++) {
    if ((await focused.getAttribute('aria-label', { timeout: UI_TIMEOUT_MS })) === title) {
      await page.keyboard.press('Enter');
      await page.locator('.action-widget').waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no code action titled "${title}" could be focused`);
}

/** Whether the Refactor Preview (shown for edits that need confirmation) is open. */
export function refactorPreviewShown(page: Page): Promise<boolean> {
  return page.locator('.bulk-edit-panel').getByRole('button', { name: 'Apply', exact: true }).isVisible();
}

/**
 * Accepts the Refactor Preview. Edits that need confirmation start unticked there, and Apply
 * applies only ticked ones, so tick every box first, as the user has to.
 */
export async function acceptRefactorPreview(page: Page): Promise<void> {
  const panel = page.locator('.bulk-edit-panel');
  const unticked = panel.locator('input.edit-checkbox:not(:checked)');
  for (let step = 0; step < 50 && (await unticked.count()) > 0; step++) {
    await unticked.first().check();
  }
  await panel.getByRole('button', { name: 'Apply', exact: true }).click();
}

export function dirtyTabs(page: Page): Promise<number> {
  return page.locator('.tabs-container .tab.dirty').count();
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
