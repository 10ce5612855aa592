// The Python split reading the RUN commands of a build: what it follows, and what it declines.
import * as assert from 'node:assert/strict';
import { planSplit, splitIntoStages } from '../../server/src/fixes/split/splitStages';
import { analyze, applyFix, dockerfile } from './helpers';

function declined(text: string): string | undefined {
  return planSplit({ model: analyze(text).model!, text }).declined;
}

const app = (...run: string[]) => dockerfile('FROM python:3.13-slim', 'ARG VERSION', 'ARG DIR', 'WORKDIR /app', 'COPY . .', ...run, 'CMD ["gunicorn", "app:app"]');

describe('split: Python build commands', () => {
  it('follows a pip install whose package comes from a build argument without a default (it picks what, not where)', () => {
    const text = app('RUN pip install gunicorn https://github.com/o/app/archive/refs/tags/${VERSION}.zip');
    const fixed = applyFix(splitIntoStages, text) ?? '';
    assert.match(fixed, /^RUN pip install gunicorn https:\/\/github\.com\/o\/app\/archive\/refs\/tags\/\$\{VERSION\}\.zip$/m, 'the install as written, in the builder');
    assert.match(fixed, /^COPY --from=build \/venv \/venv$/m);
  });

  it('still declines a build argument without a default where it says where pip installs or what it reads', () => {
    for (const run of ['RUN pip install --target ${DIR} gunicorn', 'RUN pip install -r ${DIR}/requirements.txt', 'RUN pip install --prefix=${DIR} gunicorn', 'RUN ${DIR}/pip install gunicorn']) {
      assert.match(declined(app(run)) ?? '', /only known when the image builds/, run);
    }
  });

  it('follows `find | xargs rm` (a cleanup) and declines xargs running anything else', () => {
    assert.equal(declined(app('RUN pip install gunicorn && find /usr/local/lib -name __pycache__ | xargs -r -n 10 rm -rf')), undefined);
    assert.match(declined(app('RUN pip install gunicorn && find . -name "*.tar" | xargs -I{} tar -xf {}')) ?? '', /runs `xargs tar`/);
  });
});
