// How the project's compose file starts the container: a command that runs a tool the split's
// runtime lacks declines the split; a start through `poetry run` without a compose file gets a note.
import * as assert from 'node:assert/strict';
import { BuildContext } from '../../server/src/fixes/fix';
import { composeStartDecline, leftToolStartNotes } from '../../server/src/fixes/split/composeCommands';
import { SplitPlan } from '../../server/src/fixes/split/recipe';

const contextOf = (files: Record<string, string>): BuildContext => ({ readFile: (path) => files[path] });
const plan = (runtimeImage: string): SplitPlan => ({
  builderSetup: [], runtimeImage, runtimeNotes: [], workdir: '/app', runtimeEnv: [], runtimeEntrypoint: [], runtimeUser: '65532:65532', artifacts: [],
});
const DISTROLESS_NODE = 'gcr.io/distroless/nodejs22-debian13:nonroot';
const NODE_SLIM = 'node:22-trixie-slim';
const service = (lines: string) => ({ 'compose.yaml': `services:\n  web:\n    build: .\n${lines}\n  db:\n    image: postgres:17\n    command: bash -c "sleep 1 && postgres"\n` });

describe('compose start commands under the split', () => {
  it('declines a command that runs npm on distroless, not on the node image', () => {
    const context = contextOf(service('    command: npm run start:prod'));
    assert.match(composeStartDecline(context, plan(DISTROLESS_NODE))?.declined ?? '', /^compose\.yaml \(service web\) starts the container with `command: npm run start:prod`, which runs `npm`, and distroless has no npm/);
    assert.equal(composeStartDecline(context, plan(NODE_SLIM)), undefined);
  });

  it('reads the exec-form list on one line and the commands of a sh -c script', () => {
    assert.match(composeStartDecline(contextOf(service('    entrypoint: ["nodemon", "--inspect=0.0.0.0", "server.js"]')), plan(NODE_SLIM))?.declined ?? '', /runs `nodemon`.*leaves it in the build stage/);
    assert.match(composeStartDecline(contextOf(service('    command: sh -c "sleep 5 && poetry run python main.py"')), plan('python:3.12-slim'))?.declined ?? '', /runs `poetry`/);
    assert.match(composeStartDecline(contextOf(service('    command: sh -c "node server.js"')), plan(DISTROLESS_NODE))?.declined ?? '', /runs `sh`, and distroless has no sh/);
  });

  it('declines dotnet SDK commands, not running a dll', () => {
    const runtime = 'mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled';
    assert.match(composeStartDecline(contextOf(service('    command: dotnet watch run')), plan(runtime))?.declined ?? '', /runs `dotnet watch`/);
    assert.equal(composeStartDecline(contextOf(service('    command: ["dotnet", "App.dll", "--seed"]')), plan(runtime)), undefined);
  });

  it('says nothing for commands the runtime can run, other services, or no compose file', () => {
    assert.equal(composeStartDecline(contextOf(service('    command: ["/app/server", "--port", "8080"]')), plan('gcr.io/distroless/static-debian13:nonroot')), undefined);
    assert.equal(composeStartDecline(contextOf({}), plan(DISTROLESS_NODE)), undefined);
    assert.equal(composeStartDecline(undefined, plan(DISTROLESS_NODE)), undefined);
  });
});

describe('a start through poetry run or uv run', () => {
  it('gets a note when no compose file builds this folder', () => {
    assert.match(leftToolStartNotes(undefined, ['poetry', 'run', 'uvicorn', 'app:app']).join(''), /starts through `poetry run`, which stays in the build stage/);
    assert.match(leftToolStartNotes(contextOf({}), ['uv', 'run', 'main.py']).join(''), /`uv run`/);
  });

  it('gets none when a compose file builds it (its commands were checked) or the start runs the program itself', () => {
    assert.deepEqual(leftToolStartNotes(contextOf(service('    command: uvicorn app:app')), ['poetry', 'run', 'uvicorn', 'app:app']), []);
    assert.deepEqual(leftToolStartNotes(undefined, ['uvicorn', 'app:app']), []);
    assert.deepEqual(leftToolStartNotes(undefined, undefined), []);
  });
});

describe('compose start commands: programs run by path', () => {
  it('are not judged as build tools (a devDependency in the node_modules the runtime copies)', () => {
    const context = contextOf(service('    command: ../node_modules/.bin/nodemon --inspect=0.0.0.0:9229 ./bin/www'));
    assert.equal(composeStartDecline(context, plan(NODE_SLIM)), undefined);
  });
});

describe('compose start commands: the runtime\'s own program', () => {
  it('java on distroless Java is there (its image runs java)', () => {
    const context = contextOf(service('    command: ["java", "-Xmx512m", "-jar", "/app/app.jar"]'));
    assert.equal(composeStartDecline(context, plan('gcr.io/distroless/java21-debian13:nonroot')), undefined);
  });
});
