// Stagecraft as a user meets it: the packaged vsix installed into code-server, a Dockerfile
// opened in the browser, the findings in the Problems panel, the quick fix via Ctrl+. and a save.
// The result is checked on disk: Monaco renders only the visible lines, so the DOM is no witness.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sharedCodeServer, useEditorHarness } from './codeServer';
import { installVsix, runOrThrow, scratchDir } from './setup';
import { poll } from './poll';
import { goBasicFixture, projectRoot, resultsDir, vsixPath } from './paths';
import {
  Workbench,
  acceptRefactorPreview,
  codeActionEntry,
  dirtyTabs,
  goToLine,
  isDisabledEntry,
  lightBulb,
  openInQuickOpen,
  openWorkbench,
  pickCodeAction,
  problemsText,
  refactorPreviewShown,
  runCommand,
  screenshot,
  squiggles,
} from './workbench';

const CODES = ['single-stage-build', 'runtime-not-distroless'];
const SPLIT_TITLE = 'Split into build and distroless runtime stages';
const WAIT = { timeoutMs: 60_000 };
const README_SCREENSHOT = path.join(projectRoot, 'docs', 'images', 'diagnostics.png');
const DECLINED_FIXTURE = path.join(path.dirname(goBasicFixture), 'go-healthcheck-curl-not-offered');

useEditorHarness();

describe('Stagecraft in code-server, as a user', function () {
  this.timeout(5 * 60_000);
  let workbench: Workbench;
  let dockerfile: string;

  before(async function () {
    fs.mkdirSync(resultsDir, { recursive: true });
    for (const stale of fs.readdirSync(resultsDir).filter((name) => name.startsWith('failure-'))) {
      fs.rmSync(path.join(resultsDir, stale));
    }
    // Always package: checking freshness against every source is more fragile than 10 s of build.
    runOrThrow('npm', ['run', 'package']);
    const server = await sharedCodeServer('installed', (extensionsDir, userDataDir) => installVsix(extensionsDir, userDataDir, vsixPath));
    // A plain folder name: it is the window title in the screenshots (and the README's).
    const workspace = path.join(scratchDir('ui'), 'my-service');
    fs.mkdirSync(workspace);
    dockerfile = path.join(workspace, 'Dockerfile');
    fs.copyFileSync(path.join(goBasicFixture, 'input.Dockerfile'), dockerfile);
    // A second service whose build the Go recipe knows but declines (its CMD needs a shell).
    fs.mkdirSync(path.join(workspace, 'worker'));
    fs.copyFileSync(path.join(DECLINED_FIXTURE, 'input.Dockerfile'), path.join(workspace, 'worker', 'Dockerfile'));
    workbench = await openWorkbench(server, workspace, [['openFile', server.remoteUri(dockerfile)]]);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench) {
      await screenshot(workbench.page, `failure-${this.currentTest.title.replace(/\W+/g, '-')}`);
    }
  });

  after(async () => {
    await workbench?.context.close();
  });

  it('shows both findings in the Problems panel and a squiggle in the editor', async () => {
    const { page } = workbench;
    await runCommand(page, 'Problems: Focus on Problems View');
    await poll(async () => {
      const text = await problemsText(page);
      return CODES.every((code) => text.includes(code)) ? text : undefined;
    }, { what: `the Problems panel to list ${CODES.join(' and ')}`, ...WAIT });
    await poll(async () => ((await squiggles(page)) > 0 ? true : undefined), { what: 'a warning squiggle in the editor', ...WAIT });

    // Back to the editor, so the screenshot shows the file with focus where a user would have it.
    await goToLine(page, fromLine(dockerfile));
    const shot = await screenshot(page, '01-problems');
    if (process.env.STAGECRAFT_UPDATE_SCREENSHOTS === '1' || !fs.existsSync(README_SCREENSHOT)) {
      fs.mkdirSync(path.dirname(README_SCREENSHOT), { recursive: true });
      fs.copyFileSync(shot, README_SCREENSHOT);
    }
  });

  it('applies "Split into build and distroless runtime stages" from the light bulb, through the refactor preview, and saves expected.Dockerfile', async () => {
    const { page } = workbench;
    // Select the whole FROM line, so the request's range surely covers both diagnostics.
    await goToLine(page, fromLine(dockerfile));
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+End');
    const bulb = lightBulb(page);
    await bulb.waitFor({ state: 'visible', timeout: WAIT.timeoutMs });
    await bulb.click();
    const entry = codeActionEntry(page, SPLIT_TITLE);
    await entry.waitFor({ timeout: WAIT.timeoutMs });
    await screenshot(page, '02-quick-fix-menu');
    await pickCodeAction(page, SPLIT_TITLE);

    // The edit is annotated needsConfirmation: the Refactor Preview must ask before the buffer changes.
    const landed = await poll(async () => {
      if ((await dirtyTabs(page)) > 0) {
        return 'edited without a preview';
      }
      return (await refactorPreviewShown(page)) ? 'preview' : undefined;
    }, { what: 'the quick fix to open the Refactor Preview', ...WAIT });
    assert.equal(landed, 'preview');
    await screenshot(page, '02b-refactor-preview');
    await acceptRefactorPreview(page);
    await poll(async () => ((await dirtyTabs(page)) > 0 ? true : undefined), { what: 'the previewed edit to apply', ...WAIT });

    await page.keyboard.press('Control+s');
    const expected = fs.readFileSync(path.join(goBasicFixture, 'expected.Dockerfile'), 'utf8');
    await poll(() => (fs.readFileSync(dockerfile, 'utf8') === expected ? true : undefined), {
      what: 'the saved Dockerfile to equal expected.Dockerfile',
      ...WAIT,
    }).catch(() => undefined);
    await screenshot(page, '03-after-fix');
    // Compared here rather than in the poll, so a mismatch shows a diff instead of a timeout.
    assert.equal(fs.readFileSync(dockerfile, 'utf8'), expected);
  });

  it('shows the split greyed out in the Refactor menu, with the reason, where the recipe declines', async () => {
    const { page } = workbench;
    await openInQuickOpen(page, 'worker/Dockerfile');
    await goToLine(page, 1);
    await page.keyboard.press('Control+Shift+R');
    const entry = codeActionEntry(page, `${SPLIT_TITLE}: not offered.`);
    await entry.waitFor({ timeout: WAIT.timeoutMs });
    await screenshot(page, '04-declined-refactor-menu');
    const reason = fs.readFileSync(path.join(DECLINED_FIXTURE, 'declined.txt'), 'utf8').trim();
    assert.ok(await isDisabledEntry(entry), 'the split entry is greyed out');
    // The menu truncates long titles; the full title, reason included, is the entry's tooltip.
    assert.equal(await entry.getAttribute('title'), `${SPLIT_TITLE}: not offered. ${reason}`);
    await page.keyboard.press('Escape');
  });
});

/** 1-based line of the first FROM in a file (fixtures may start with a `# syntax` line). */
function fromLine(file: string): number {
  const index = fs.readFileSync(file, 'utf8').split('\n').findIndex((line) => /^\s*FROM\s/i.test(line));
  assert.ok(index >= 0, `no FROM line in ${file}`);
  return index + 1;
}
