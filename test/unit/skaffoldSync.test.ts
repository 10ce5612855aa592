// skaffold's file sync (`skaffold dev`) writes into the container as its user: the split says when its
// non-root runtime user cannot replace the files the original (root) could.
import * as assert from 'node:assert/strict';
import { BuildContext } from '../../server/src/fixes/fix';
import { SplitPlan } from '../../server/src/fixes/split/recipe';
import { skaffoldSyncNotes } from '../../server/src/fixes/split/skaffoldSync';
import { analyze, dockerfile } from './helpers';

const plan: SplitPlan = {
  builderSetup: [], runtimeImage: 'gcr.io/distroless/python3-debian13:nonroot', runtimeNotes: [], workdir: '/app', runtimeEnv: [], runtimeEntrypoint: [], runtimeUser: '65532:65532',
  artifacts: [{ source: '/app', target: '/app' }],
};
const rootInstructions = analyze(dockerfile('FROM python:3.13', 'CMD ["python", "app.py"]')).model!.stages[0].instructions;

/** A context whose own files are `here`, and whose folders above hold `above[levelsUp]` (this context being `pathBelow` there). */
function context(here: Record<string, string>, above: Record<number, { files: Record<string, string>; pathBelow: string }> = {}): BuildContext {
  return {
    readFile: (file) => here[file],
    readAbove: (levelsUp, file) => {
      const level = above[levelsUp];
      const text = level?.files[file];
      return text === undefined ? undefined : { text, pathBelow: level.pathBelow };
    },
  };
}

const artifacts = (...items: string[]) => ['apiVersion: skaffold/v4beta11', 'kind: Config', 'build:', '  artifacts:', ...items].join('\n');

describe('skaffold file sync and the split runtime user', () => {
  it('notes a sync on the artifact built from this folder, beside it or in a folder above', () => {
    const beside = artifacts('  - image: app', '    sync:', "      infer: ['**/*.py']");
    assert.match(skaffoldSyncNotes(context({ 'skaffold.yaml': beside }), rootInstructions, plan)[0] ?? '', /^skaffold\.yaml syncs files .* uid 65532 cannot replace/);
    const parent = artifacts('  - image: frontend', '    context: web', '  - image: backend', '    context: ./backend/', '    sync:', '      infer:', "      - '*.rb'");
    assert.match(skaffoldSyncNotes(context({}, { 1: { files: { 'skaffold.yaml': parent }, pathBelow: 'backend' } }), rootInstructions, plan)[0] ?? '', /^\.\.\/skaffold\.yaml syncs/);
    // Only the artifact's own keys count: a `context:` nested under another key is not its folder.
    const nested = artifacts('  - image: app', '    custom:', '      context: elsewhere', '    sync:', '      manual: []');
    assert.equal(skaffoldSyncNotes(context({ 'skaffold.yaml': nested }), rootInstructions, plan).length, 1);
  });

  it('says nothing for another artifact\'s sync, an artifact without sync, a non-root original, or without the context', () => {
    const other = artifacts('  - image: frontend', '    context: web', '    sync:', '      manual: []', '  - image: backend', '    context: backend');
    assert.deepEqual(skaffoldSyncNotes(context({}, { 1: { files: { 'skaffold.yaml': other }, pathBelow: 'backend' } }), rootInstructions, plan), []);
    assert.deepEqual(skaffoldSyncNotes(context({ 'skaffold.yaml': artifacts('  - image: app') }), rootInstructions, plan), []);
    const nonRoot = analyze(dockerfile('FROM python:3.13', 'USER 1000', 'CMD ["python", "app.py"]')).model!.stages[0].instructions;
    assert.deepEqual(skaffoldSyncNotes(context({ 'skaffold.yaml': artifacts('  - image: app', '    sync:', '      auto: true') }), nonRoot, plan), []);
    assert.deepEqual(skaffoldSyncNotes(undefined, rootInstructions, plan), []);
  });
});
