// `stagecraft check` as CI runs it (the built dist/cli.js): formats, exit codes, the walk, fixes,
// bad input, and SARIF validated against the SARIF 2.1.0 schema (test/fixtures/sarif, offline).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { applyPatch } from 'diff';
import { PROJECT_ROOT } from './lspClient';
import { SHARED_CORPUS, requireSharedCorpus } from '../unit/helpers';

const CLI = path.join(PROJECT_ROOT, 'dist', 'cli.js');
const SARIF_SCHEMA = path.join(PROJECT_ROOT, 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Run {
  // A time limit, because mocha cannot time out a test blocked in spawnSync.
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 120_000, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The uid of `nobody`: a user a chmod can still refuse (root reads and writes past modes). */
const NOBODY = 65534;

/**
 * `run`, but as an ordinary user: as root the child runs as `nobody`, so a chmod 000 file or a
 * read-only folder is refused as it would be for a user. `folder` (created 0700) is opened to it.
 */
function runUnprivileged(args: string[], folder: string): Run {
  if (process.getuid?.() !== 0) {
    return run(args, folder);
  }
  fs.chmodSync(folder, 0o755);
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: folder, encoding: 'utf8', timeout: 120_000, uid: NOBODY, gid: NOBODY, env: process.env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh folder holding `files` (relative path → text or bytes). */
function folderWith(files: Record<string, string | Buffer>): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-check-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    fs.writeFileSync(path.join(folder, name), content);
  }
  return folder;
}

const SINGLE_STAGE = 'FROM python:3.12\nCOPY . /app\nCMD python /app/app.py\n';
const CLEAN = 'FROM golang:1.26 AS build\nRUN CGO_ENABLED=0 go build -o /app .\nFROM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n';
/** Clean but for one information finding: a stage nothing uses. */
const INFORMATION_ONLY = 'FROM alpine:3.22 AS unused\nRUN echo hi\n' + CLEAN;

interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: string;
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number } } }[];
  partialFingerprints: Record<string, string>;
}
interface SarifLog {
  version: string;
  runs: { tool: { driver: { rules: { id: string; helpUri: string }[] } }; results: SarifResult[]; invocations: { executionSuccessful: boolean }[] }[];
}

let validateSarif: ((log: unknown) => boolean) & { errors?: unknown };
function assertValidSarif(text: string): SarifLog {
  if (!validateSarif) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    validateSarif = ajv.compile(JSON.parse(fs.readFileSync(SARIF_SCHEMA, 'utf8')) as object);
  }
  const log = JSON.parse(text) as SarifLog;
  assert.ok(validateSarif(log), `SARIF does not validate: ${JSON.stringify(validateSarif.errors, null, 1).slice(0, 2000)}`);
  return log;
}

describe('stagecraft check (dist/cli.js)', () => {
  describe('formats', () => {
    it('text: file:line:column: severity rule: message, a summary line, no colour when piped', () => {
      const folder = folderWith({ Dockerfile: SINGLE_STAGE, 'svc/api.Dockerfile': CLEAN });
      const { status, stdout, stderr } = run(['check'], folder);
      assert.equal(status, 1);
      assert.equal(stderr, '');
      assert.match(stdout, /^Dockerfile:1:6: warning runtime-not-distroless: /m);
      assert.match(stdout, /^Dockerfile:3:1: warning shell-form-command: /m);
      assert.ok(!stdout.includes('\u001b['), 'colour escapes in piped output');
      assert.match(stdout, /^Dockerfile:3:5: information development-server-in-runtime: /m);
      // The folder is the build context, and it has no .dockerignore.
      assert.match(stdout, /^Dockerfile:2:1: information missing-dockerignore: `COPY \. \/app` sends the whole build context, and it has no \.dockerignore: the git history and any \.env file go into the build/m);
      assert.match(stdout, /^6 problems \(4 warnings, 2 information\) in 1 file of 2 checked\n$/m);
      const clean = run(['check', 'svc'], folder);
      assert.deepEqual(clean, { status: 0, stdout: '1 file checked: no problems\n', stderr: '' });
    });

    it('json: files sorted by path, findings with 1-based positions and their rule page', () => {
      const folder = folderWith({ 'b/Dockerfile': SINGLE_STAGE, 'a/Dockerfile': CLEAN });
      const { status, stdout } = run(['check', '--format', 'json'], folder);
      assert.equal(status, 1);
      const report = JSON.parse(stdout) as { version: number; files: { path: string; findings: { ruleId: string; line: number; column: number; docs: string }[] }[]; summary: Record<string, number> };
      assert.equal(report.version, 1);
      assert.deepEqual(report.files.map((file) => file.path), ['a/Dockerfile', 'b/Dockerfile']);
      assert.deepEqual(report.files[0].findings, []);
      const distroless = report.files[1].findings.find((finding) => finding.ruleId === 'runtime-not-distroless');
      assert.deepEqual({ line: distroless?.line, column: distroless?.column }, { line: 1, column: 6 });
      assert.match(distroless?.docs ?? '', /^https:\/\/.+\/docs\/rules\/runtime-not-distroless\.md$/);
      assert.equal(report.summary.warning, 4);
      assert.equal(report.summary.files, 2);
    });

    it('sarif: valid SARIF 2.1.0 with rule metadata, help links, relative uris, 1-based regions', () => {
      const folder = folderWith({ 'svc/Dockerfile': SINGLE_STAGE });
      const { status, stdout, stderr } = run(['check', '--format', 'sarif'], folder);
      assert.equal(status, 1);
      assert.equal(stderr, '');
      const log = assertValidSarif(stdout);
      const [sarifRun] = log.runs;
      const rules = sarifRun.tool.driver.rules;
      assert.ok(rules.some((rule) => rule.id === 'single-stage-build'));
      for (const rule of rules) {
        // BuildKit's checks (PascalCase ids) link to Docker's page for them; ours to our page.
        if (/^[A-Z]/.test(rule.id)) {
          assert.match(rule.helpUri, /^https:\/\/docs\.docker\.com\/go\/dockerfile\/rule\/[a-z-]+\/$/);
          continue;
        }
        assert.equal(rule.helpUri, `https://github.com/stagecraft-dev/stagecraft/blob/main/docs/rules/${rule.id}.md`);
        assert.ok(fs.existsSync(path.join(PROJECT_ROOT, 'docs', 'rules', `${rule.id}.md`)), `no page for ${rule.id}`);
      }
      const casing = rules.find((rule) => rule.id === 'ConsistentInstructionCasing');
      assert.equal(casing?.helpUri, 'https://docs.docker.com/go/dockerfile/rule/consistent-instruction-casing/');
      const distroless = sarifRun.results.find((result) => result.ruleId === 'runtime-not-distroless');
      assert.ok(distroless);
      assert.equal(distroless.level, 'warning');
      assert.equal(rules[distroless.ruleIndex ?? -1].id, 'runtime-not-distroless');
      assert.deepEqual(distroless.locations[0].physicalLocation.artifactLocation, { uri: 'svc/Dockerfile', uriBaseId: '%SRCROOT%' });
      // endColumn is exclusive in SARIF: python:3.12 is columns 6 to 16.
      assert.deepEqual(distroless.locations[0].physicalLocation.region, { startLine: 1, startColumn: 6, endLine: 1, endColumn: 17 });
    });

    it('sarif: fingerprints do not change when lines are added above a finding, and differ between findings', () => {
      const fingerprints = (text: string) => {
        const log = assertValidSarif(run(['check', '--format', 'sarif'], folderWith({ Dockerfile: text })).stdout);
        return new Map(log.runs[0].results.map((result) => [result.ruleId, Object.values(result.partialFingerprints)[0]]));
      };
      const before = fingerprints(SINGLE_STAGE);
      const after = fingerprints(`# syntax=docker/dockerfile:1\n\n${SINGLE_STAGE}`);
      assert.equal(after.get('shell-form-command'), before.get('shell-form-command'));
      assert.equal(after.get('runtime-not-distroless'), before.get('runtime-not-distroless'));
      assert.equal(new Set(before.values()).size, before.size);
      const changed = fingerprints(SINGLE_STAGE.replace('python /app/app.py', 'python /app/main.py'));
      assert.notEqual(changed.get('shell-form-command'), before.get('shell-form-command'));
    });
  });

  describe('exit codes and --fail-on', () => {
    it('0 when nothing is at or above --fail-on, 1 when something is', () => {
      const folder = folderWith({ 'warn/Dockerfile': SINGLE_STAGE, 'info/Dockerfile': INFORMATION_ONLY, 'clean/Dockerfile': CLEAN });
      assert.equal(run(['check', 'clean'], folder).status, 0);
      assert.equal(run(['check', 'warn'], folder).status, 1);
      assert.equal(run(['check', 'warn', '--fail-on', 'error'], folder).status, 0);
      assert.equal(run(['check', 'warn', '--fail-on', 'none'], folder).status, 0);
      const info = run(['check', 'info'], folder);
      assert.match(info.stdout, /information unused-stage/);
      assert.equal(info.status, 0, 'information is below the default --fail-on warning');
      assert.equal(run(['check', 'info', '--fail-on', 'information'], folder).status, 1);
      assert.equal(run(['check', 'clean', '--fail-on', 'hint'], folder).status, 0);
    });

    it('2 on usage errors, with a message; --help prints usage with 0, no arguments with 2', () => {
      const folder = folderWith({ Dockerfile: CLEAN });
      for (const [args, message] of [
        [['check', '--bogus'], /unknown option --bogus/],
        [['check', '--format', 'xml'], /--format must be one of text, json, sarif, not xml/],
        [['check', '--fail-on', 'sometimes'], /--fail-on must be one of/],
        [['check', '--format'], /--format needs a value/],
        [['check', '--dry-run'], /--dry-run needs --fix/],
        [['split', 'a', 'b'], /split takes one Dockerfile/],
      ] as const) {
        const result = run([...args], folder);
        assert.equal(result.status, 2, args.join(' '));
        assert.match(result.stderr, message);
        assert.equal(result.stdout, '');
      }
      const help = run(['--help'], folder);
      assert.equal(help.status, 0);
      assert.match(help.stdout, /^usage: stagecraft check/);
      const bare = run([], folder);
      assert.equal(bare.status, 2);
      assert.match(bare.stderr, /^usage: stagecraft check/);
    });
  });

  describe('bad input (exit 2, saying what was wrong)', () => {
    it('a missing path', () => {
      const folder = folderWith({ Dockerfile: CLEAN });
      const { status, stderr } = run(['check', 'Dockerfile', 'nope/Dockerfile'], folder);
      assert.equal(status, 2);
      assert.match(stderr, /nope\/Dockerfile: no such file or folder/);
    });

    it('a folder without Dockerfiles, and a glob that matches nothing', () => {
      const folder = folderWith({ 'docs/README.md': '# hi\n', 'docs/Dockerfile.md': '# about the Dockerfile\n' });
      const { status, stderr } = run(['check', 'docs'], folder);
      assert.equal(status, 2);
      assert.match(stderr, /docs: no Dockerfiles in this folder/);
      const glob = run(['check', 'docs/*.Containerfile'], folder);
      assert.equal(glob.status, 2);
      assert.match(glob.stderr, /no files match this glob/);
    });

    it('a binary file named on the command line; one found by the walk is skipped with a note', () => {
      const folder = folderWith({ 'img/Dockerfile.bin': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 0, 3]), 'img/Dockerfile': CLEAN });
      const named = run(['check', 'img/Dockerfile.bin'], folder);
      assert.equal(named.status, 2);
      assert.match(named.stderr, /img\/Dockerfile\.bin: not checked: it looks like binary data/);
      const walked = run(['check', 'img'], folder);
      assert.equal(walked.status, 0);
      assert.match(walked.stderr, /img\/Dockerfile\.bin: skipped: not checked: it looks like binary data/);
      const sarif = assertValidSarif(run(['check', 'img', '--format', 'sarif'], folder).stdout);
      assert.equal(sarif.runs[0].invocations[0].executionSuccessful, true);
      assert.equal(assertValidSarif(run(['check', 'img/Dockerfile.bin', '--format', 'sarif'], folder).stdout).runs[0].invocations[0].executionSuccessful, false);
    });

    it('an unreadable file', () => {
      const folder = folderWith({ Dockerfile: CLEAN });
      fs.chmodSync(path.join(folder, 'Dockerfile'), 0o000);
      const { status, stderr } = runUnprivileged(['check'], folder);
      assert.equal(status, 2);
      assert.match(stderr, /Dockerfile: cannot read: permission denied/);
    });

    it('a malformed configuration file, an invalid value in it, and a --config that does not exist', () => {
      const broken = folderWith({ Dockerfile: CLEAN, '.stagecraft.json': '{ "rules": { ' });
      const syntax = run(['check'], broken);
      assert.equal(syntax.status, 2);
      assert.match(syntax.stderr, /bad configuration: \.stagecraft\.json is not valid JSON/);
      const invalid = run(['check'], folderWith({ Dockerfile: CLEAN, '.stagecraft.json': '{ "rules": { "no-such-rule": "off" } }' }));
      assert.equal(invalid.status, 2);
      assert.match(invalid.stderr, /names an unknown rule "no-such-rule"/);
      const missing = run(['check', '--config', 'other.json'], folderWith({ Dockerfile: CLEAN }));
      assert.equal(missing.status, 2);
      assert.match(missing.stderr, /other\.json: cannot read the configuration file: no such file/);
    });
  });

  describe('the walk', () => {
    it('finds Dockerfile names, honours .gitignore files (nested ones too) and skips .git', () => {
      const folder = folderWith({
        '.gitignore': 'build/\n*.generated.Dockerfile\n',
        Dockerfile: CLEAN,
        'Containerfile.arm': CLEAN,
        'svc/api.Dockerfile': CLEAN,
        'svc/Dockerfile-alpine.template': CLEAN,
        'svc/.gitignore': 'vendor\n!keep.Dockerfile\n',
        'svc/vendor/Dockerfile': SINGLE_STAGE,
        'svc/x.generated.Dockerfile': SINGLE_STAGE,
        'build/Dockerfile': SINGLE_STAGE,
        '.git/Dockerfile': SINGLE_STAGE,
        'src/dockerfile_parser.go': 'package main\n',
        'docs/Dockerfile.md': '# about\n',
      });
      const { status, stdout } = run(['check', '--format', 'json'], folder);
      const report = JSON.parse(stdout) as { files: { path: string }[] };
      assert.deepEqual(report.files.map((file) => file.path), ['Containerfile.arm', 'Dockerfile', 'svc/Dockerfile-alpine.template', 'svc/api.Dockerfile']);
      assert.equal(status, 0);
      // A file named on the command line is checked even when ignored.
      assert.equal(run(['check', 'build/Dockerfile'], folder).status, 1);
    });

    it('globs select files whatever their names; --name adds names to the walk', () => {
      const folder = folderWith({ 'images/web.txt': SINGLE_STAGE, 'images/api.img': CLEAN, 'images/Dockerfile': CLEAN });
      const glob = JSON.parse(run(['check', 'images/*.img', '--format', 'json'], folder).stdout) as { files: { path: string }[] };
      assert.deepEqual(glob.files.map((file) => file.path), ['images/api.img']);
      const named = JSON.parse(run(['check', 'images', '--name', '*.img', '--format', 'json'], folder).stdout) as { files: { path: string }[] };
      assert.deepEqual(named.files.map((file) => file.path), ['images/Dockerfile', 'images/api.img']);
    });

    it('the exclude globs of .stagecraft.json: production rules off, as in the editor', () => {
      const folder = folderWith({ '.stagecraft.json': '{ "exclude": ["test/**"] }', 'app/Dockerfile': SINGLE_STAGE, 'test/fixture/Dockerfile': SINGLE_STAGE });
      const report = JSON.parse(run(['check', '--format', 'json'], folder).stdout) as { files: { path: string; findings: { ruleId: string }[] }[] };
      const byPath = new Map(report.files.map((file) => [file.path, file.findings.map((finding) => finding.ruleId)]));
      assert.ok(byPath.get('app/Dockerfile')?.includes('runtime-not-distroless'));
      assert.ok(byPath.get('test/fixture/Dockerfile')?.includes('not-production-image'));
      assert.ok(!byPath.get('test/fixture/Dockerfile')?.includes('runtime-not-distroless'));
    });
  });

  describe('--fix and --dry-run on copies of real Dockerfiles', () => {
    // Each with a fix Fix all applies (a shell-form CMD, a package cache); none where the fix depends on the app.
    const FIXABLE = ['ElizavetaRachkova2002__Controller-Docker__Dockerfile', 'Chaitanyarai899__Saksham-Web__Dockerfile', 'DannyK999__wally__Dockerfile'];
    const SPLITTABLE = 'DannyK999__wally__wally-registry-frontend__Dockerfile';

    before(function () {
      requireSharedCorpus(this);
    });

    /** A temp folder with copies of corpus files, each as `<name>/Dockerfile`. */
    function copies(names: readonly string[]): string {
      return folderWith(Object.fromEntries(names.map((name) => [`${name}/Dockerfile`, fs.readFileSync(path.join(SHARED_CORPUS, 'files', name))])));
    }

    it('--dry-run prints a unified diff that turns each file into what --fix writes, and writes nothing', () => {
      const folder = copies(FIXABLE);
      const originals = FIXABLE.map((name) => fs.readFileSync(path.join(folder, name, 'Dockerfile'), 'utf8'));
      const dry = run(['check', '--fix', '--dry-run', '--format', 'json'], folder);
      const report = JSON.parse(dry.stdout) as { files: { path: string; diff?: string; fixesApplied: number }[] };
      FIXABLE.forEach((name, index) => assert.equal(fs.readFileSync(path.join(folder, name, 'Dockerfile'), 'utf8'), originals[index], 'dry run wrote'));
      const text = run(['check', '--fix', '--dry-run'], folder);
      assert.match(text.stdout, /^--- a\/ElizavetaRachkova2002__Controller-Docker__Dockerfile\/Dockerfile\n\+\+\+ b\/ElizavetaRachkova2002__Controller-Docker__Dockerfile\/Dockerfile\n@@ /m);
      assert.match(text.stdout, /would apply \d+ fix(es)? in 3 files/);

      const fixed = run(['check', '--fix'], folder);
      assert.match(fixed.stdout, /applied \d+ fix(es)? in 3 files/);
      FIXABLE.forEach((name, index) => {
        const file = report.files.find((entry) => entry.path === `${name}/Dockerfile`);
        assert.ok(file?.diff && file.fixesApplied > 0, name);
        const after = fs.readFileSync(path.join(folder, name, 'Dockerfile'), 'utf8');
        assert.notEqual(after, originals[index]);
        assert.equal(applyPatch(originals[index], file.diff), after, `${name}: the dry-run diff differs from the fix`);
      });
      // Nothing left behind, and a second run has nothing to fix.
      for (const name of FIXABLE) {
        assert.deepEqual(fs.readdirSync(path.join(folder, name)), ['Dockerfile']);
      }
      assert.match(run(['check', '--fix', '--dry-run'], folder).stdout, /^(?![\s\S]*would apply)/);
    });

    it('--fix keeps the file mode; --fix --split also splits', () => {
      const folder = copies([SPLITTABLE]);
      const file = path.join(folder, SPLITTABLE, 'Dockerfile');
      fs.chmodSync(file, 0o640);
      const before = fs.readFileSync(file, 'utf8');
      assert.equal((before.match(/^FROM /gim) ?? []).length, 1);
      run(['check', '--fix', '--split'], folder);
      const after = fs.readFileSync(file, 'utf8');
      assert.ok((after.match(/^FROM /gim) ?? []).length >= 2, after);
      assert.equal(fs.statSync(file).mode & 0o777, 0o640);
      assert.deepEqual(fs.readdirSync(path.dirname(file)), ['Dockerfile']);
    });

    it('a file that cannot be written is reported (exit 2) and left whole', () => {
      const folder = copies([FIXABLE[0]]);
      const dir = path.join(folder, FIXABLE[0]);
      const before = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
      fs.chmodSync(dir, 0o555);
      try {
        const { status, stderr } = runUnprivileged(['check', '--fix'], folder);
        assert.equal(status, 2);
        assert.match(stderr, /cannot write the fixes: permission denied/);
        assert.equal(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), before);
      } finally {
        fs.chmodSync(dir, 0o755);
      }
    });
  });

  describe('the whole corpus', () => {
    before(function () {
      requireSharedCorpus(this);
    });

    it('check ../shared/corpus/files --format sarif: every file, no crash, valid SARIF; the same with one thread', function () {
      this.timeout(300_000);
      const corpusFiles = fs.readdirSync(path.join(SHARED_CORPUS, 'files'));
      // Two workers whatever the machine (the default on two cores is the main thread alone).
      const parallel = run(['check', path.join(SHARED_CORPUS, 'files'), '--format', 'sarif', '--jobs', '2'], PROJECT_ROOT);
      assert.equal(parallel.stderr, '');
      assert.equal(parallel.status, 1);
      const log = assertValidSarif(parallel.stdout);
      assert.equal(log.runs[0].invocations[0].executionSuccessful, true);
      const json = JSON.parse(run(['check', path.join(SHARED_CORPUS, 'files'), '--format', 'json', '--jobs', '1'], PROJECT_ROOT).stdout) as { files: { path: string }[] };
      assert.equal(json.files.length, corpusFiles.length);
      const serial = run(['check', path.join(SHARED_CORPUS, 'files'), '--format', 'sarif', '--jobs', '1'], PROJECT_ROOT);
      assert.equal(serial.stdout, parallel.stdout, 'worker threads change the output');
    });
  });
});
