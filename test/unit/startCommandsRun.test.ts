// `cargo run` and `dotnet run` read as the split maps them to the built artifact: which binary,
// which arguments reach the app, and which options make it decline.
import * as assert from 'node:assert/strict';
import { readCargoRun } from '../../server/src/fixes/split/recipes/rust/cargoRun';
import { readDotnetRun } from '../../server/src/fixes/split/recipes/dotnet/dotnetRun';
import { BuildContext } from '../../server/src/fixes/fix';

function contextOf(files: Record<string, string>): BuildContext {
  return {
    readFile: (path) => files[path],
    listDirectory: (path) => {
      const prefix = path === '' ? '' : `${path}/`;
      const entries = Object.keys(files).filter((file) => file.startsWith(prefix)).map((file) => file.slice(prefix.length).replace(/\/.*$/, '/'));
      return entries.length > 0 || path === '' ? [...new Set(entries)].sort() : undefined;
    },
  };
}

describe('cargo run start', () => {
  it('keeps the arguments after -- and the --bin name, ignores quiet flags', () => {
    assert.deepStrictEqual(readCargoRun(['cargo', 'run', '-q', '--release', '--bin=api', '--', '--port', '80']), { args: ['--port', '80'], release: true, bin: 'api' });
    assert.deepStrictEqual(readCargoRun(['cargo', 'run']), { args: [], release: false });
  });
  it('is not about other commands', () => {
    assert.strictEqual(readCargoRun(['cargo', 'build']), undefined);
    assert.strictEqual(readCargoRun(['/app/server']), undefined);
  });
  it('declines what changes the build or names a package', () => {
    for (const words of [['cargo', 'run', '--features', 'x'], ['cargo', 'run', '--profile', 'dev'], ['cargo', 'run', '-p', 'api'], ['cargo', 'run', '--example', 'demo'], ['cargo', 'run', '--bin']]) {
      assert.strictEqual(typeof readCargoRun(words), 'string', words.join(' '));
    }
  });
});

describe('dotnet run start', () => {
  const files = {
    'App.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>',
    'Properties/launchSettings.json': JSON.stringify({ profiles: { web: { commandName: 'Project', applicationUrl: 'http://0.0.0.0:5000', environmentVariables: { ASPNETCORE_ENVIRONMENT: 'Staging' } } } }),
  };
  it('publishes Release and keeps the launch profile as ENV and unknown options as app arguments', () => {
    const run = readDotnetRun(['dotnet', 'run', '--verbose-app', '--', '--seed'], '/src', '', contextOf(files));
    assert.ok(typeof run === 'object');
    assert.strictEqual(run.publishLine, 'RUN dotnet publish -c Release -o /publish');
    assert.deepStrictEqual(run.appArgs, ['--verbose-app', '--seed']);
    assert.deepStrictEqual(run.env, ['ENV ASPNETCORE_URLS=http://0.0.0.0:5000', 'ENV ASPNETCORE_ENVIRONMENT=Staging']);
  });
  it('ignores the profile with --no-launch-profile and keeps -c', () => {
    const run = readDotnetRun(['dotnet', 'run', '-c', 'Debug', '--no-launch-profile'], '/src', '', contextOf(files));
    assert.ok(typeof run === 'object');
    assert.strictEqual(run.publishLine, 'RUN dotnet publish -c Debug -o /publish');
    assert.deepStrictEqual(run.env, []);
  });
  it('declines without a context, with --no-build, a runtime identifier or several projects', () => {
    assert.strictEqual(typeof readDotnetRun(['dotnet', 'run'], '/src', '', undefined), 'string');
    assert.strictEqual(typeof readDotnetRun(['dotnet', 'run', '--no-build'], '/src', '', contextOf(files)), 'string');
    assert.strictEqual(typeof readDotnetRun(['dotnet', 'run', '-r', 'linux-x64'], '/src', '', contextOf(files)), 'string');
    assert.strictEqual(typeof readDotnetRun(['dotnet', 'run'], '/src', '', contextOf({ ...files, 'Other.csproj': '<Project/>' })), 'string');
  });
});
