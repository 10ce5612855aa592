// Mounts a compose file beside the Dockerfile (or above it) puts into the container: the split says when the
// runtime's non-root user may not write one the original (root) could.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BuildContext } from '../../server/src/fixes/fix';
import { folderBuildContext } from '../../server/src/fixes/folderContext';
import { composeMountNotes } from '../../server/src/fixes/split/composeMounts';
import { SplitPlan } from '../../server/src/fixes/split/recipe';

const contextOf = (files: Record<string, string>): BuildContext => ({ readFile: (path) => files[path] });
const plan = (owned: string[]): SplitPlan => ({
  builderSetup: [], runtimeImage: 'gcr.io/distroless/static-debian13:nonroot', runtimeNotes: [], workdir: '/app', runtimeEnv: [], runtimeEntrypoint: [], runtimeUser: '65532:65532',
  artifacts: [{ source: '/app/server', target: '/app/server' }, ...owned.map((path) => ({ source: path, target: path, chown: '65532:65532' }))],
});

describe('compose mounts: what the runtime user may not write', () => {
  it('names a bind mount of a service built here, whatever the image gives', () => {
    const compose = 'version: "3.8"\nservices:\n  diagrambuilder:\n    build: .\n    volumes:\n      - ./src:/app\n    command: ["python","/app/diagram.py"]\n';
    const notes = composeMountNotes(contextOf({ 'compose.yaml': compose }), [], plan(['/app']));
    assert.equal(notes.length, 1);
    assert.match(notes[0], /^compose\.yaml \(service diagrambuilder\) bind-mounts \.\/src at \/app: .*host owner/);
  });

  it('names a volume at a folder the runtime does not own, not one it owns, read-only mounts, /tmp or other services', () => {
    const compose = [
      'services:',
      '  api:',
      '    build:',
      '      context: .',
      '    volumes:',
      '      - data:/app/data',
      '      - cache:/app/cache',
      '      - "./config:/app/config:ro"',
      '      - /tmp/scratch',
      '      - type: volume',
      '        source: uploads',
      '        target: /srv/uploads',
      '  db:',
      '    image: postgres:17',
      '    volumes:',
      '      - pg:/var/lib/postgresql/data',
      'volumes:',
      '  data:',
    ].join('\n');
    const notes = composeMountNotes(contextOf({ 'docker-compose.yml': compose }), [], plan(['/app/cache']));
    assert.deepEqual(notes.map((note) => note.split(',')[0]), [
      'docker-compose.yml (service api) mounts the volume data at /app/data',
      'docker-compose.yml (service api) mounts the volume uploads at /srv/uploads',
    ]);
  });

  it('says nothing for a service that sets its user, or without a compose file', () => {
    const compose = 'services:\n  app:\n    build: .\n    user: "1000:1000"\n    volumes:\n      - ./out:/app/out\n';
    assert.deepEqual(composeMountNotes(contextOf({ 'compose.yml': compose }), [], plan([])), []);
    assert.deepEqual(composeMountNotes(contextOf({}), [], plan([])), []);
  });
});

describe('compose mounts: compose files in the folders above the Dockerfile', () => {
  const above = (files: Record<string, { text: string; pathBelow: string }>): BuildContext => ({
    readFile: () => undefined,
    readAbove: (levelsUp, name) => files[`${'../'.repeat(levelsUp)}${name}`],
  });
  const compose = (build: string) => `services:\n  web:\n${build}\n    volumes:\n      - ./app/:/usr/src/app/\n  db:\n    image: postgres:17\n`;

  it('names a bind mount of a service that builds this folder from the repository root', () => {
    const notes = composeMountNotes(above({ '../docker-compose.yml': { text: compose('    build: ./app'), pathBelow: 'app' } }), [], plan([]));
    assert.equal(notes.length, 1);
    assert.match(notes[0], /^\.\.\/docker-compose\.yml \(service web\) bind-mounts \.\/app\/ at \/usr\/src\/app\//);
  });

  it('follows a build mapping two folders up (services/web)', () => {
    const text = compose('    build:\n      context: ./services/web/\n      dockerfile: Dockerfile');
    const notes = composeMountNotes(above({ '../../compose.yaml': { text, pathBelow: 'services/web' } }), [], plan([]));
    assert.equal(notes.length, 1);
    assert.match(notes[0], /^\.\.\/\.\.\/compose\.yaml \(service web\)/);
  });

  it('says nothing for a service that builds another folder, or the compose file\'s own', () => {
    assert.deepEqual(composeMountNotes(above({ '../docker-compose.yml': { text: compose('    build: ./worker'), pathBelow: 'app' } }), [], plan([])), []);
    assert.deepEqual(composeMountNotes(above({ '../docker-compose.yml': { text: compose('    build: .'), pathBelow: 'app' } }), [], plan([])), []);
  });
});

describe('folder build context: reading above the context', () => {
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-above-'));
    fs.mkdirSync(path.join(root, 'services', 'web'), { recursive: true });
    fs.writeFileSync(path.join(root, 'compose.yaml'), 'services: {}\n');
    fs.writeFileSync(path.join(root, 'services', 'docker-compose.yml'), 'services: {}\n');
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('reads a file one or two folders up, with the path down to the context', () => {
    const context = folderBuildContext(path.join(root, 'services', 'web'));
    assert.deepEqual(context.readAbove?.(1, 'docker-compose.yml'), { text: 'services: {}\n', pathBelow: 'web' });
    assert.deepEqual(context.readAbove?.(2, 'compose.yaml'), { text: 'services: {}\n', pathBelow: 'services/web' });
  });

  it('reads nothing three folders up, nothing by a path, and nothing that is not there', () => {
    const context = folderBuildContext(path.join(root, 'services', 'web'));
    assert.equal(context.readAbove?.(3, 'compose.yaml'), undefined);
    assert.equal(context.readAbove?.(1, '../compose.yaml'), undefined);
    assert.equal(context.readAbove?.(1, 'compose.yaml'), undefined);
    assert.equal(context.readAbove?.(0, 'compose.yaml'), undefined);
  });
});
