// Mounts a compose file beside the Dockerfile puts into the container: the split says when the
// runtime's non-root user may not write one the original (root) could.
import * as assert from 'node:assert/strict';
import { BuildContext } from '../../server/src/fixes/fix';
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
