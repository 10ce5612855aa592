// Development servers and development settings: what `development-server-in-runtime` looks for
// in a shipped start command and environment, with what to run in production instead.
import { ShellWord, SimpleCommand, basename, programIndex } from './shellCommands';

export interface DevServerHit {
  /** The word to report on. */
  word: ShellWord;
  /** What was found, e.g. "`manage.py runserver`". */
  what: string;
  /** What to run instead. */
  instead: string;
}

const PYTHON = /^python[\d.]*$/;
const JS_MANAGERS = /^(npm|yarn|pnpm|bun)$/;
const DEV_SCRIPTS = /^(dev|develop|start:dev|dev:server|serve:dev|watch)$/;

/** The development server a command starts, if any. */
export function devServerOf(command: SimpleCommand): DevServerHit | undefined {
  let words = command.words.slice(programIndex(command));
  if (words.length === 0) return undefined;
  let program = basename(words[0].value);
  // `python -m flask run`, `python -m uvicorn ...`: the module is the program.
  if (PYTHON.test(program)) {
    const m = words.findIndex((w) => w.value === '-m');
    if (m >= 0 && words[m + 1]) {
      words = words.slice(m + 1);
      program = words[0].value;
    }
  }
  if (program === 'npx' || program === 'pnpx') {
    words = words.slice(1).filter((w, i) => i > 0 || !w.value.startsWith('-'));
    program = basename(words[0]?.value ?? '');
  }
  const values = words.map((w) => w.value);
  const verb = values.slice(1).find((v) => !v.startsWith('-'));
  const at = (value: string | undefined): ShellWord => words[Math.max(0, value === undefined ? 0 : values.indexOf(value))];
  const manage = values.findIndex((v) => basename(v) === 'manage.py');
  if (manage >= 0 && values.slice(manage + 1).includes('runserver')) {
    return { word: at('runserver'), what: '`manage.py runserver`', instead: 'a WSGI/ASGI server: `gunicorn myproject.wsgi`, or `uvicorn myproject.asgi:application`' };
  }
  if (program === 'flask' && verb === 'run') {
    return { word: at('run'), what: '`flask run`', instead: 'a WSGI server: `gunicorn --bind 0.0.0.0:8000 app:app`' };
  }
  if (/^(uvicorn|gunicorn|hypercorn)$/.test(program)) {
    const reload = values.find((v) => v === '--reload' || v.startsWith('--reload='));
    if (reload) return { word: at(reload), what: `\`${program} --reload\``, instead: `\`${program}\` without \`--reload\` (add \`--workers\` for more processes)` };
  }
  if (/^(nodemon|ts-node-dev|tsx)$/.test(program) && (program !== 'tsx' || verb === 'watch')) {
    return { word: words[0], what: `\`${program}\``, instead: 'the built JavaScript with node: `node dist/server.js`' };
  }
  if (JS_MANAGERS.test(program)) {
    const script = verb === 'run' || verb === 'run-script' ? values[values.indexOf(verb) + 1] : program === 'npm' ? undefined : verb;
    if (script && DEV_SCRIPTS.test(script)) {
      return { word: at(script), what: `\`${program} ${verb === script ? '' : `${verb} `}${script}\``, instead: 'the built app with node: `node dist/server.js` (or the production script\'s command)' };
    }
  }
  if ((program === 'next' || program === 'nuxt' || program === 'nuxi') && verb === 'dev') {
    return { word: at('dev'), what: `\`${program} dev\``, instead: `\`${program} start\` after \`${program} build\`, or the standalone output with node` };
  }
  if (program === 'vite' && (verb === undefined || verb === 'dev' || verb === 'serve')) {
    return { word: words[0], what: '`vite` (its dev server)', instead: 'the `vite build` output served by a web server (nginx, a static server)' };
  }
  if (program === 'ng' && (verb === 'serve' || verb === 's')) {
    return { word: at(verb), what: '`ng serve`', instead: 'the `ng build` output served by a web server (nginx), or the SSR server with node' };
  }
  if ((program === 'rails' || program === 'bin/rails' || values[0]?.endsWith('bin/rails')) && (verb === 'server' || verb === 's')) {
    const env = values.findIndex((v) => v === '-e' || v === '--environment');
    const value = env >= 0 ? values[env + 1] : values.find((v) => v.startsWith('--environment='))?.slice('--environment='.length);
    if (value === 'development') return { word: at(verb), what: '`rails server -e development`', instead: '`rails server -e production` (or `RAILS_ENV=production`)' };
  }
  if (program === 'php' && basename(values[1] ?? '') === 'artisan' && values[2] === 'serve') {
    return { word: words[2], what: '`php artisan serve`', instead: 'php-fpm behind nginx, FrankenPHP, or Laravel Octane' };
  }
  if (program === 'dotnet' && verb === 'watch') {
    return { word: at('watch'), what: '`dotnet watch`', instead: 'the published app: `dotnet App.dll` after `dotnet publish`' };
  }
  if (program === 'go' && verb === 'run') {
    return { word: at('run'), what: '`go run`', instead: 'the compiled binary (`go build -o /app/server` in a builder stage)' };
  }
  if (/^(mvn|mvnw)$/.test(program) && values.includes('spring-boot:run')) {
    return { word: at('spring-boot:run'), what: '`mvn spring-boot:run`', instead: 'the packaged jar: `java -jar app.jar`' };
  }
  if (/^(gradle|gradlew)$/.test(program) && values.includes('bootRun')) {
    return { word: at('bootRun'), what: '`gradle bootRun`', instead: 'the packaged jar: `java -jar app.jar`' };
  }
  return undefined;
}

/** `NAME=value` settings that switch an app into development or debug mode. */
export function developmentSetting(name: string, value: string, interpreted: boolean): string | undefined {
  // The value is read only for the names below: most ENV lines set something else.
  switch (name) {
    case 'DEBUG':
    case 'APP_DEBUG':
      return isOn(value) && interpreted ? 'debug mode (tracebacks and often an interactive debugger for anyone who triggers an error)' : undefined;
    case 'FLASK_DEBUG':
    case 'DJANGO_DEBUG':
      return isOn(value) ? 'debug mode (tracebacks and often an interactive debugger for anyone who triggers an error)' : undefined;
    case 'NODE_ENV':
    case 'FLASK_ENV':
    case 'RAILS_ENV':
    case 'RACK_ENV':
    case 'APP_ENV':
    case 'ASPNETCORE_ENVIRONMENT':
    case 'DOTNET_ENVIRONMENT': {
      const v = value.trim().toLowerCase();
      return v === 'development' || v === 'dev' || v === 'local' ? 'the development environment (verbose errors, no caching, development-only code paths)' : undefined;
    }
    default:
      return undefined;
  }
}

function isOn(value: string): boolean {
  return /^(1|true|yes|on)$/.test(value.trim().toLowerCase());
}
