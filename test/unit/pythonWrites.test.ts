// What a Python app writes at run time: the finder (start command, config files, settings,
// modules, folder names) and the plan that makes exactly that writable for uid 65532.
import * as assert from 'node:assert/strict';
import { frameworkWrites } from '../../server/src/fixes/split/recipes/python/pythonFrameworkWrites';
import { serverWrites } from '../../server/src/fixes/split/recipes/python/pythonServerWrites';
import { evaluatePath } from '../../server/src/fixes/split/recipes/python/pythonValues';
import { WritesFound, contextPathsOf, planWrites } from '../../server/src/fixes/split/recipes/shared/runTimeWrites';

/** Image paths → file texts, as the build context would give them. */
function files(entries: Record<string, string>) {
  return (imagePath: string) => (entries[imagePath] === undefined ? undefined : { path: imagePath.replace(/^\/app\//, ''), text: entries[imagePath] });
}

const env = new Map<string, string>();
const paths = (found: WritesFound) => found.writes.map((write) => `${write.kind} ${write.path}${write.movable ? ' (movable)' : ''}`);

describe('python run-time writes: start commands and config files', () => {
  it('reads gunicorn flags, with `-` as stdout and TCP binds left out', () => {
    const found = serverWrites({ words: ['gunicorn', '--access-logfile', 'logs/access.log', '--error-logfile', '-', '-p', 'gunicorn.pid', '-b', '0.0.0.0:8000', '--bind=unix:/run/app/app.sock', 'app:app'], appDir: '/app', env });
    assert.deepEqual(paths(found), ['file /app/gunicorn.pid (movable)', 'log /app/logs/access.log', 'file /run/app/app.sock']);
  });

  it("reads gunicorn's default ./gunicorn.conf.py, and a flag wins over the file", () => {
    const readFile = files({ '/app/gunicorn.conf.py': "import os\npidfile = 'gunicorn.pid'\naccesslog = os.environ.get('ACCESS_LOG', 'logs/access.log')\nerrorlog = '-'\nbind = ['unix:/tmp/gunicorn.sock', '0.0.0.0:8000']\n" });
    assert.deepEqual(paths(serverWrites({ words: ['python', '-m', 'gunicorn', 'app:app'], appDir: '/app', env, readFile })), ['file /app/gunicorn.pid', 'log /app/logs/access.log', 'file /tmp/gunicorn.sock']);
    assert.deepEqual(paths(serverWrites({ words: ['gunicorn', '--pid', '/tmp/g.pid', 'app:app'], appDir: '/app', env: new Map([['ACCESS_LOG', '-']]), readFile })), ['file /tmp/g.pid (movable)', 'file /tmp/gunicorn.sock']);
  });

  it('says what it cannot evaluate, and what it cannot read', () => {
    const readFile = files({ '/app/gunicorn.conf.py': 'pidfile = settings.PIDFILE\n' });
    assert.deepEqual(serverWrites({ words: ['gunicorn', 'app:app'], appDir: '/app', env, readFile }).unknowns, ['the split cannot evaluate pidfile in gunicorn.conf.py']);
    assert.match(serverWrites({ words: ['gunicorn', '-c', 'conf/prod.py', 'app:app'], appDir: '/app', env, readFile }).unknowns[0], /conf\/prod\.py is not in the build context/);
  });

  it('reads a uWSGI ini: %d is its folder, TCP sockets are not files', () => {
    const readFile = files({ '/app/deploy/uwsgi.ini': '[uwsgi]\nmodule = wsgi:app\nsocket = %dapp.sock\nhttp-socket = :8000\npidfile = /tmp/uwsgi.pid\nlogto = logs/uwsgi.log\n' });
    assert.deepEqual(paths(serverWrites({ words: ['uwsgi', '--ini', 'deploy/uwsgi.ini'], appDir: '/app', env, readFile })), ['file /app/deploy/app.sock', 'file /tmp/uwsgi.pid', 'log /app/logs/uwsgi.log']);
    assert.deepEqual(paths(serverWrites({ words: ['uwsgi', '--socket', '127.0.0.1:3031', '--pidfile=uwsgi.pid'], appDir: '/app', env })), ['file /app/uwsgi.pid (movable)']);
  });

  it("reads uvicorn's --uds, and nothing from other programs", () => {
    assert.deepEqual(paths(serverWrites({ words: ['uvicorn', 'main:app', '--uds', '/run/uvicorn/app.sock'], appDir: '/app', env })), ['file /run/uvicorn/app.sock']);
    assert.deepEqual(paths(serverWrites({ words: ['python', 'app.py', '--name', 'gunicorn', '--pid', 'x.pid'], appDir: '/app', env })), []);
  });

  it('moves only the pidfiles the plan moved', () => {
    const found = serverWrites({ words: ['gunicorn', '--pid', 'gunicorn.pid', 'app:app'], appDir: '/app', env });
    assert.deepEqual(found.movePidfiles(['gunicorn', '--pid', 'gunicorn.pid', 'app:app'], new Map([['/app/gunicorn.pid', '/tmp/gunicorn.pid']])), ['gunicorn', '--pid', '/tmp/gunicorn.pid', 'app:app']);
    assert.deepEqual(found.movePidfiles(['gunicorn', '--pid=gunicorn.pid'], new Map([['/app/gunicorn.pid', '/tmp/gunicorn.pid']])), ['gunicorn', '--pid=/tmp/gunicorn.pid']);
  });
});

describe('python run-time writes: Django and Flask', () => {
  const listFolder = () => undefined;

  it("finds Django's SQLite file and MEDIA_ROOT from BASE_DIR, through manage.py", () => {
    const readFile = files({
      '/app/manage.py': "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings.prod')\n",
      '/app/config/settings/base.py': "BASE_DIR = Path(__file__).resolve().parent.parent.parent\nDATABASES = {\n    'default': {\n        'ENGINE': 'django.db.backends.sqlite3',\n        'NAME': os.path.join(BASE_DIR, 'data', 'db.sqlite3'),\n    }\n}\n",
      '/app/config/settings/prod.py': "from .base import *\nMEDIA_ROOT = BASE_DIR / 'media'\nSTATIC_ROOT = BASE_DIR / 'static'\n",
    });
    assert.deepEqual(paths(frameworkWrites({ appDir: '/app', env, words: ['gunicorn', 'config.wsgi'], readFile, listFolder })), ['file /app/data/db.sqlite3', 'folder /app/media']);
    // STATIC_ROOT only when collectstatic runs at start
    const atStart = frameworkWrites({ appDir: '/app', env, words: ['sh', '-c', 'python manage.py collectstatic --noinput && gunicorn config.wsgi'], readFile, listFolder });
    assert.ok(paths(atStart).includes('folder /app/static'));
  });

  it('takes SQLite URIs in modules: Flask-SQLAlchemy in the instance folder, plain ones in the working folder', () => {
    const listing: Record<string, string[]> = { '/app': ['app.py', 'db.py'] };
    const readFile = files({
      '/app/app.py': "from flask_sqlalchemy import SQLAlchemy\napp.config['SQLALCHEMY_DATABASE_URI'] = os.environ.get('DATABASE_URL') or 'sqlite:///site.db'\n",
      '/app/db.py': "import sqlite3\nconn = sqlite3.connect('cache.db')\nengine = create_engine('sqlite:///:memory:')\n",
    });
    assert.deepEqual(paths(frameworkWrites({ appDir: '/app', env, readFile, listFolder: (path) => listing[path] })), ['file /app/instance/site.db', 'file /app/cache.db']);
    const postgres = new Map([['DATABASE_URL', 'postgresql://db/app']]);
    assert.deepEqual(paths(frameworkWrites({ appDir: '/app', env: postgres, readFile, listFolder: (path) => listing[path] })), ['file /app/cache.db']);
  });
});

describe('python run-time writes: values and context paths', () => {
  const scope = { names: new Map([['__file__', '/app/site/settings.py'], ['BASE_DIR', '/app']]), env: new Map([['LOG_DIR', '/var/log/site']]) };

  it('evaluates path expressions as Python would', () => {
    assert.equal(evaluatePath("BASE_DIR / 'media' / 'uploads'", scope), '/app/media/uploads');
    assert.equal(evaluatePath('os.path.dirname(os.path.dirname(os.path.abspath(__file__)))', scope), '/app');
    assert.equal(evaluatePath('Path(__file__).resolve().parents[1]', scope), '/app');
    assert.equal(evaluatePath("os.getenv('LOG_DIR', 'logs')", scope), '/var/log/site');
    assert.equal(evaluatePath("os.getenv('PIDFILE')", scope), null);
    assert.equal(evaluatePath("f'{BASE_DIR}/db.sqlite3'", scope), '/app/db.sqlite3');
    assert.equal(evaluatePath("'sqlite:///' + str(BASE_DIR / 'app.db')", scope), 'sqlite:////app/app.db');
    assert.equal(evaluatePath('settings.PIDFILE', scope), undefined);
  });

  it('maps an image path to the build-context file a COPY put there', () => {
    const copies = [
      { sources: ['.'], destination: '/app', intoDirectory: true },
      { sources: ['deploy/gunicorn.conf.py'], destination: '/app', intoDirectory: true },
      { sources: ['src/'], destination: '/app/src', intoDirectory: true },
    ];
    assert.deepEqual(contextPathsOf(copies, '/app/gunicorn.conf.py'), ['deploy/gunicorn.conf.py', 'gunicorn.conf.py']);
    assert.deepEqual(contextPathsOf(copies, '/app/src/wsgi.py'), ['src/wsgi.py', 'src/wsgi.py']);
    assert.deepEqual(contextPathsOf(copies, '/etc/app.conf'), []);
  });
});

describe('python run-time writes: the plan', () => {
  const found = (writes: WritesFound['writes'], unknowns: string[] = []): WritesFound => ({ writes, unknowns, read: ['the start command'] });

  it('owns a subfolder, moves a pidfile flag to /tmp, and keeps the app folder root-owned', () => {
    const plan = planWrites('/app', found([
      { path: '/app/logs/access.log', kind: 'log', evidence: '--access-logfile logs/access.log' },
      { path: '/app/gunicorn.pid', kind: 'file', evidence: '--pid gunicorn.pid', movable: true },
    ]), true, '65532:65532');
    assert.deepEqual(plan.folders, ['/app/logs']);
    assert.deepEqual(plan.create, ['/app/logs']);
    assert.deepEqual([...plan.moved], [['/app/gunicorn.pid', '/tmp/gunicorn.pid']]);
    assert.ok(plan.notes.some((note) => note.startsWith('/app stays root-owned')));
  });

  it('owns the app folder for a file directly in it, and then moves no pidfile', () => {
    const plan = planWrites('/app', found([
      { path: '/app/db.sqlite3', kind: 'file', evidence: 'the SQLite database in mysite/settings.py' },
      { path: '/app/gunicorn.pid', kind: 'file', evidence: '--pid gunicorn.pid', movable: true },
    ]), true, '65532:65532');
    assert.deepEqual(plan.folders, ['/app']);
    assert.equal(plan.moved.size, 0);
  });

  it('without sources to read, owns the app folder and says so', () => {
    const plan = planWrites('/app', found([]), false, '65532:65532');
    assert.deepEqual(plan.folders, ['/app']);
    assert.match(plan.notes[0], /could not read the sources.*drop --chown/);
  });

  it('creates a folder of its own outside the app, precreates a log in /var/log, and declines a socket there', () => {
    const plan = planWrites('/app', found([
      { path: '/var/log/site/error.log', kind: 'log', evidence: 'errorlog in gunicorn.conf.py' },
      { path: '/var/log/app.log', kind: 'log', evidence: '--log-file /var/log/app.log' },
      { path: '/dev/shm', kind: 'folder', evidence: 'worker_tmp_dir in gunicorn.conf.py' },
    ]), true, '65532:65532');
    assert.deepEqual([plan.folders, plan.create, plan.files, plan.declined], [['/var/log/site'], ['/var/log/site'], ['/var/log/app.log'], undefined]);
    const socket = planWrites('/app', found([{ path: '/run/app.sock', kind: 'file', evidence: '--bind unix:/run/app.sock' }]), true, '65532:65532');
    assert.match(socket.declined ?? '', /writes \/run\/app\.sock .* point it to \/tmp/);
  });
});
