// Shell-form start commands of Python apps: which `$PORT` forms have an exact exec form.
import * as assert from 'node:assert/strict';
import { dropsPortBind, shellStartWords, simpleCommandWords } from '../../server/src/fixes/split/recipes/python/pythonShellStart';

describe('python shell-form start commands', () => {
  it('drops gunicorn\'s one --bind :$PORT (its default when PORT is set)', () => {
    assert.deepEqual(shellStartWords('exec gunicorn --bind :$PORT --workers 1 --threads 8 --timeout 0 main:app'), ['gunicorn', '--workers', '1', '--threads', '8', '--timeout', '0', 'main:app']);
    assert.deepEqual(shellStartWords('gunicorn -b 0.0.0.0:${PORT} app:app'), ['gunicorn', 'app:app']);
    assert.deepEqual(shellStartWords('python -m gunicorn --bind=:$PORT app:app'), ['python', '-m', 'gunicorn', 'app:app']);
    assert.equal(dropsPortBind('exec gunicorn --bind :$PORT main:app'), true);
  });

  it('keeps plain commands as they are', () => {
    assert.deepEqual(shellStartWords('exec gunicorn main:app --threads=8'), ['gunicorn', 'main:app', '--threads=8']);
    assert.equal(dropsPortBind('exec gunicorn main:app --threads=8'), false);
  });

  it('gives nothing where the variable or the shell is needed', () => {
    for (const command of [
      'gunicorn --bind [::]:$PORT app:app', // IPv6 only: not the default
      'gunicorn --bind 127.0.0.1:$PORT app:app',
      'gunicorn -b :$PORT -b :9000 app:app',
      'gunicorn -c gunicorn.conf.py -b :$PORT app:app', // the config file could bind elsewhere
      'gunicorn -b=:$PORT app:app',
      'gunicorn --bind :$PORT --workers $WORKERS app:app',
      'uvicorn main:app --host 0.0.0.0 --port $PORT',
      'gunicorn --bind :$PORT app:app && echo done',
    ]) {
      assert.equal(shellStartWords(command), undefined, command);
    }
  });

  it('reads one simple command with variables, and nothing with operators', () => {
    assert.deepEqual(simpleCommandWords('exec uvicorn main:app --port ${PORT}'), ['uvicorn', 'main:app', '--port', '${PORT}']);
    assert.equal(simpleCommandWords('uvicorn main:app | tee log'), undefined);
    assert.equal(simpleCommandWords('PORT=1 uvicorn main:app'), undefined);
    assert.equal(simpleCommandWords('echo ${PORT:-8080}'), undefined);
  });
});
