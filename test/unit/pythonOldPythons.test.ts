// Pythons the official images no longer build: Python 2 on Alpine, kept on its own frozen image
// with a venv made by virtualenv, and builds on App Engine's retired image, moved to the official
// image of the Python their `virtualenv -p python3.X` names. The virtualenv command line, and
// which Pythons the split moves (and which it declines); the catalog facts are in catalogBuilders.
import * as assert from 'node:assert/strict';
import { planSplit, splitIntoStages } from '../../server/src/fixes/split/splitStages';
import { runtimePackages } from '../../server/src/fixes/split/recipes/shared/osPackages';
import { APP_ENGINE_PYTHONS, appEngineBuilder, venvPythonProblem } from '../../server/src/fixes/split/recipes/python/pythonAppEngine';
import { scanPythonBuild } from '../../server/src/fixes/split/recipes/python/pythonBuild';
import { VIRTUALENV, namedMinor, python2VenvLines, readVirtualenv } from '../../server/src/fixes/split/recipes/python/pythonVirtualenv';
import { FIX_TEST_DATE, analyze, applyFixVariants } from './helpers';

function declined(text: string): string | undefined {
  return planSplit({ model: analyze(text).model!, text, today: FIX_TEST_DATE }).declined;
}

/** The whole text of each variant the split offers. */
function offered(text: string): string[] {
  return applyFixVariants(splitIntoStages, text).map((variant) => variant.text);
}

function appEngineBuild(text: string) {
  const model = analyze(text).model!;
  const build = scanPythonBuild(model.stages[0], model, text, true);
  assert.ok(typeof build !== 'string', typeof build === 'string' ? build : '');
  return build;
}

describe('python split: virtualenv', () => {
  it('reads -p in its three spellings and one folder', () => {
    assert.deepEqual(readVirtualenv(['-p', 'python3.6', '/env'], '/'), { dir: '/env', python: 'python3.6' });
    assert.deepEqual(readVirtualenv(['--python=python3.4', 'env'], '/app'), { dir: '/app/env', python: 'python3.4' });
    assert.deepEqual(readVirtualenv(['-ppython3.5', '/env'], '/'), { dir: '/env', python: 'python3.5' });
    assert.deepEqual(readVirtualenv(['--no-site-packages', '/env'], '/'), { dir: '/env', python: undefined });
  });

  it('does not follow other options or folder counts', () => {
    assert.ok('reason' in readVirtualenv(['--system-site-packages', '-p', 'python3.6', '/env'], '/'));
    assert.ok('reason' in readVirtualenv(['-p', 'python3.6'], '/'));
    assert.ok('reason' in readVirtualenv(['/env', '/other'], '/'));
  });

  it('takes the minor version only from a bare pythonX.Y', () => {
    assert.equal(namedMinor('python3.6'), '3.6');
    assert.equal(namedMinor('python2.7'), '2.7');
    for (const vague of ['python3', 'python', '/opt/python3.6/bin/python3.6', '3.6', undefined]) {
      assert.equal(namedMinor(vague), undefined, String(vague));
    }
  });

  it("makes a Python 2 venv with the pinned virtualenv and the image's pip", () => {
    const lines = python2VenvLines('/venv').join('\n');
    assert.match(lines, new RegExp(`pip install virtualenv==${VIRTUALENV.replace(/\./g, '\\.')}`));
    assert.match(lines, /virtualenv \/venv/);
    assert.match(lines, /\/venv\/bin\/pip install "pip==\$PYTHON_PIP_VERSION"/);
  });
});

describe("python split: App Engine's retired image", () => {
  it('moves each Python the image had to the official image on the Debian release its tag was last built on', () => {
    const expected: Record<string, string> = { '3.4': '3.4-stretch', '3.5': '3.5-buster', '3.6': '3.6-bullseye', '3.7': '3.7-bookworm' };
    assert.deepEqual(APP_ENGINE_PYTHONS, Object.keys(expected));
    for (const [minor, tag] of Object.entries(expected)) {
      const builder = appEngineBuilder(appEngineBuild(`FROM gcr.io/google_appengine/python\nRUN virtualenv -p python${minor} /env\nENV PATH /env/bin:$PATH\nRUN pip install flask\nCMD ["python", "main.py"]\n`));
      assert.ok(!('declined' in builder), minor);
      assert.equal(builder.tag, tag);
      assert.equal(builder.version, minor);
    }
  });

  it('declines a Python it cannot match, saying what to write', () => {
    assert.match(venvPythonProblem(undefined, '/env') ?? '', /without -p .*Python 2\.7.*-p python3\.X/);
    assert.match(venvPythonProblem('python2.7', '/env') ?? '', /Python 2\.7/);
    assert.match(venvPythonProblem('python3', '/env') ?? '', /-p python3\.7 \/env/);
    assert.match(venvPythonProblem('python3.8', '/env') ?? '', /no Python 3\.8/);
    assert.equal(venvPythonProblem('python3.6', '/env'), undefined);
  });

  it("declines packages put into App Engine's own Python or Ubuntu packages", () => {
    assert.match(declined('FROM gcr.io/google_appengine/python\nRUN pip install flask\nCOPY . /app\nCMD ["python", "main.py"]\n') ?? '', /App Engine's own Python/);
    assert.match(declined('FROM gcr.io/google_appengine/python\nRUN virtualenv -p python3.6 /env\nENV PATH /env/bin:$PATH\nRUN apt-get update && apt-get install -y libgeos-dev\nRUN pip install shapely\nCMD ["python", "main.py"]\n') ?? '', /for Ubuntu \(16\.04, 18\.04/);
    assert.match(declined('FROM gcr.io/google_appengine/python\nRUN python3 -m venv /env\nENV PATH /env/bin:$PATH\nRUN pip install flask\nCMD ["python", "main.py"]\n') ?? '', /python -m venv/);
    assert.match(declined('FROM gcr.io/google_appengine/python\nRUN virtualenv -p python3.6 /env\nENV PATH /env/bin:$PATH\nRUN pip install flask\nCOPY . /app\n') ?? '', /starts nothing/);
  });

  it("keeps App Engine's /app and PORT for an app that relies on them", () => {
    const [result] = offered('FROM gcr.io/google_appengine/python\nRUN virtualenv -p python3.6 /env\nENV PATH /env/bin:$PATH\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["gunicorn", "main:app"]\n');
    assert.ok(result);
    assert.match(result, /FROM python:3\.6-bullseye AS build\n.*\nWORKDIR \/app\nRUN pip install virtualenv==/);
    assert.match(result, /FROM python:3\.6-slim-bullseye\n/);
    assert.match(result, /\nWORKDIR \/app\n/);
    assert.match(result, /\nENV PORT=8080\n/);
  });
});

describe('python split: Python 2 on Alpine', () => {
  it('keeps the same frozen image and starts the venv\'s python (a Python 2 venv has no python3)', () => {
    const [result] = offered('FROM python:2-alpine\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n');
    assert.ok(result);
    assert.match(result, /\nFROM python:2-alpine\n/);
    assert.match(result, /CMD \["\/venv\/bin\/python", "app\.py"\]/);
    assert.match(result, /past its end of life \(2020-01-01\)/);
    assert.doesNotMatch(result, /python -m venv/);
  });

  it('declines Python 2 on Debian, and a venv Python 2 cannot make', () => {
    assert.match(declined('FROM python:2.7-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n') ?? '', /only on the official Alpine images/);
    assert.match(declined('FROM python:2-alpine\nWORKDIR /app\nCOPY . .\nRUN python -m venv /opt/venv\nENV PATH=/opt/venv/bin:$PATH\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n') ?? '', /Python 2 lacks/);
  });

  it('declines apk packages from another Alpine release, and keeps those from the image\'s own', () => {
    const build = (repository: string, image = 'python:2-alpine') => `FROM ${image}\nWORKDIR /app\nCOPY . .\nRUN apk add --no-cache --virtual .deps gcc musl-dev --repository ${repository} && pip install -r requirements.txt && apk del .deps\nCMD ["python", "app.py"]\n`;
    assert.match(declined(build('http://dl-cdn.alpinelinux.org/alpine/edge/main')) ?? '', /another Alpine release/);
    assert.match(declined(build('http://dl-cdn.alpinelinux.org/alpine/v3.12/main')) ?? '', /another Alpine release/);
    assert.equal(offered(build('http://dl-cdn.alpinelinux.org/alpine/v3.11/main')).length, 1, 'python:2-alpine was last built on Alpine 3.11');
    assert.equal(offered(build('https://dl-cdn.alpinelinux.org/alpine/v3.20/community', 'python:3.12-alpine3.20')).length, 1);
  });

  it('installs openjpeg for openjpeg-dev on Alpine', () => {
    assert.deepEqual(runtimePackages('alpine', ['openjpeg-dev', 'zlib-dev']), ['openjpeg']);
  });
});
