// PHP with Composer on the official images (php:X-fpm, -cli, -apache, -zts, on Debian or Alpine):
// no distroless PHP runtime exists, so the runtime is the same image without Composer, git, unzip
// and the headers, with the app and its vendor/ directory, the extensions the build compiled
// (docker-php-ext-install and pecl write them to /usr/local/lib/php/extensions and their ini files
// to /usr/local/etc/php/conf.d), and only the libraries those extensions load. On Debian the
// image itself keeps the compilers, which the runtime purges (phpDebian.ts). Without a Composer
// install or an extension built with the build's packages there is nothing to build, and the split
// declines; PHP from the system's packages on another image is declined too (phpPackages.ts).
// Apache starts as root and serves as www-data (apache2-foreground), so its runtime keeps the
// image's user; fpm and cli run as 65532. Image facts (variant, WORKDIR, ENTRYPOINT,
// libc): catalog/builders/php.ts, from docker-library/php Dockerfile-linux.template.
import { PhpVariant, phpVariant } from '../../../../catalog/builders';
import { lookupImage } from '../../../../catalog/catalog';
import { imageName } from '../../../../core/imageReference';
import { resolveBaseImage } from '../../../../core/stages';
import { isInside, resolvePath } from '../../../../rules/buildArtifacts';
import { BuildContext } from '../../../fix';
import { Artifact, SplitRecipe, StartCommand, StartKeyword, builderNameOf, decline, declineNothingToBuild } from '../../recipe';
import { keepsShellForm } from '../shared/shellRuntime';
import { shellStart, startTexts } from '../shared/shellStart';
import { Distro, installLines, isBuildOnly, nonRootUserLines, runtimePackages } from '../shared/osPackages';
import { DISTROLESS_NONROOT as NONROOT, leftBehindNotes, chownedDirs, contextDirOf, mergeWritable, privilegedPortNote, writableDirs, writableVolumes, writesOnlyInside } from '../shared/splitHelpers';
import { StageScan, lastStarts, scanStage } from '../shared/stageScan';
import { EXTENSION_PACKAGES, debianRuntime, extensionPackagesLines } from './phpDebian';
import { redirectTargets } from './phpRedirects';
import { packagedPhpDecline } from './phpPackages';

const EXTENSIONS = '/usr/local/lib/php/extensions';
const PHP_CONFIG = '/usr/local/etc/php';
const APACHE_CONFIG = '/etc/apache2';
/** Commands a Composer build runs that write nothing outside the app, the extensions and the configuration. */
const KNOWN = /^(composer|php|docker-php-ext-install|docker-php-ext-configure|docker-php-ext-enable|docker-php-source|pecl|apk|apt-get|apt|a2enmod|a2dismod|a2enconf|a2ensite|a2dissite|curl|echo|printf|true|:|set|export|cd|ls|cat|test|\[|rm|chmod|chown|mkdir|touch|cp|mv|ln|sed|addgroup|adduser|groupadd|useradd|id|whoami)$/;
const COMPOSER = /(^|\/)composer(\.phar)?$/;
/** The php image's own programs, which its runtime keeps. */
const PHP_PROGRAMS = /^(\/usr\/local\/(s?bin)\/)?(php|php-fpm|apache2-foreground|docker-php-entrypoint)$/;

export const phpRecipe: SplitRecipe = {
  ecosystem: 'php',
  plan({ stage, model, text, buildContext }) {
    const { base } = resolveBaseImage(stage);
    if (base.kind !== 'image') {
      return [];
    }
    if (/^gcr\.io\/google[-_]appengine\/php\d*$/.test(imageName(base.image))) {
      return decline("gcr.io/google_appengine/php is App Engine's retired base image (Ubuntu 16.04, PHP under /opt); rebuild on an official Alpine php image (php:8.4-fpm-alpine, php:8.4-cli-alpine) first, then split.");
    }
    const lookup = lookupImage(base.image);
    const repository = imageName(base.image);
    // Another publisher's PHP image (webdevops/php-nginx, richarvey/nginx-php-fpm): PHP, its
    // extensions and the web server are laid out and started its own way (supervisord, scripts).
    if (lookup.entry?.id !== 'php' && repository.includes('/') && /(^|[-_])php([-_]?\d|[-_]|$)/.test(repository.split('/').pop() ?? '')) {
      return decline(`PHP comes from ${base.image.text}, not the official php image: its PHP, extensions and web server are laid out and started its own way, so the split cannot tell what a runtime stage needs. Build on the official php image (php:8.4-fpm-alpine, with the web server in a container of its own, or php:8.4-apache), then split.`);
    }
    if (lookup.entry?.id !== 'php') {
      // PHP from the system's packages on another image: recognised only to say why it is not split.
      return /php/i.test(text) ? packagedPhpDecline(base.image.text, scanStage(stage, model, text)) ?? [] : [];
    }
    if (stage.baseText.includes('$')) {
      return [];
    }
    const variant = phpVariant(base.image.tag ?? '');
    const distro: Distro = lookup.facts.libc === 'musl' ? 'alpine' : 'debian';
    const imageWorkdir = lookup.facts.workdir ?? '/';
    const configDirs = [PHP_CONFIG, '/usr/local/etc/php-fpm.d', ...(variant === 'apache' ? [APACHE_CONFIG] : [])];
    const scan = scanStage(stage, model, text, imageWorkdir, { PHP_INI_DIR: PHP_CONFIG, APACHE_CONFDIR: APACHE_CONFIG });
    const starts = lastStarts(scan);
    const installs = scan.commands.filter(({ args }) => COMPOSER.test(args[0] ?? '') && args.includes('install'));
    const extensions = scan.commands.some(({ args }) => /^(docker-php-ext-install|docker-php-ext-enable|pecl)$/.test(args[0] ?? ''));
    const installed = distro === 'alpine' ? scan.apkPackages : scan.aptPackages;
    // An extension compiled with the build's packages (headers) is a build too: the runtime leaves the headers out.
    if (installs.length === 0 && !(extensions && installed.some((name) => isBuildOnly(distro, name)))) {
      return declineNothingToBuild(`Nothing is built here (no \`composer install\`, no extension compiled with the build's packages), and no distroless PHP image exists: the runtime would be this same image again. Keep one stage${keepAdvice(variant, distro)}.`);
    }
    if (scan.workdir === '' || scan.envFromArg || scan.onbuild) {
      return decline('A WORKDIR, VOLUME or ENV takes its value from a build argument or an unknown variable (or ONBUILD adds steps), so the split cannot tell which paths to copy. Give the ARG a default (the split then uses it) or write the value out, then split.');
    }
    if (scan.workdir === '/') {
      return decline('The app is copied to `/`, and the split cannot tell its files from the system\'s. Set a WORKDIR for the app (e.g. /var/www/html), then split.');
    }
    // The runtime is the php image itself, with its shell: a shell-form start that needs one
    // (`php -d memory_limit=${MEMORY_LIMIT} ...`) is kept as written when all it runs is there.
    const shell = starts.entrypoint === null || starts.cmd === null
      ? shellStart({ ...startTexts(stage), workdir: scan.workdir, copies: scan.copies, buildContext, distro, installed: [], runtimeImage: base.image.text, isAppProgram: (program) => PHP_PROGRAMS.test(program) })
      : undefined;
    if (shell && 'declined' in shell) {
      return shell;
    }
    if (shell && (shell.writes.length > 0 || shell.scripts.some((script) => !isInside(script, scan.workdir)))) {
      return decline(`The start (${shell.what}) writes or runs files outside the app's folder, which the runtime's non-root user cannot; write it in exec form first.`);
    }
    if (variant === 'cli' || variant === 'zts') {
      if (starts.cmd === undefined && starts.entrypoint === undefined) {
        return decline(`\`${base.image.text}\` starts an interactive php shell, and there is no CMD: add the command that starts the app, then split.`);
      }
    }
    const unknown = unknownCommand(scan, configDirs);
    if (unknown !== undefined) {
      return decline(`A RUN runs \`${unknown}\`, and the split cannot tell what it writes outside the app or whether the app needs it at run time; split by hand.`);
    }
    const redirected = redirectTargets(stage, scan);
    const inside = (path: string | undefined, dirs: string[]) => path !== undefined && dirs.some((dir) => isInside(path, dir));
    const strayWrite = redirected.findIndex((target) => !inside(target, [scan.workdir, ...configDirs, '/dev', '/tmp']));
    if (strayWrite >= 0) {
      const target = redirected[strayWrite];
      return decline(`A RUN writes ${target === undefined ? 'a file it names with an unknown variable or after a `cd`' : `\`${target}\``} with a shell redirection, outside the app and PHP's configuration; the split cannot tell whether the app needs it. Split by hand.`);
    }
    const stray = scan.copies.find((copy) => copy.from === undefined && !inside(copy.destination, [scan.workdir, ...configDirs]));
    if (stray) {
      return decline(`A COPY writes to \`${stray.destination ?? '?'}\`, outside the app and PHP's configuration; the split cannot tell whether the app needs it. Split by hand.`);
    }
    if (distro === 'debian' && stage.instructions.some((instruction) => instruction.getKeyword() === 'RUN' && /\/etc\/apt\b|add-apt-repository/.test(instruction.getTextContent()))) {
      return decline('The build adds an apt source or changes apt\'s settings, and the runtime installs the extensions\' libraries with apt from the image\'s own sources; split by hand.');
    }
    const packages = distro === 'alpine' ? runtimePackages(distro, installed) : [];
    if (!packages) {
      const headers = installed.filter((name) => name.endsWith('-dev') && runtimePackages(distro, [name]) === undefined);
      return decline(`The build installs ${headers.join(', ')}, and the split does not know which library the extensions load from it at run time on this image. Install that library in the runtime stage by hand, or split by hand.`);
    }
    // Apache starts as root to bind port 80 and open its logs, then serves as www-data (APACHE_RUN_USER).
    const apache = variant === 'apache';
    const owner = apache ? 'www-data:www-data' : NONROOT;
    const volumes = writableVolumes(scan, owner);
    if (!volumes) {
      return decline('A VOLUME uses an unknown variable, so the split cannot tell which directory the app writes. Write the path out, then split.');
    }
    const startWords = [starts.entrypoint, starts.cmd].flatMap((start) => start?.words ?? []);
    if (startWords.some((word) => COMPOSER.test(word))) {
      return decline('The start command runs Composer, which the runtime image leaves out.');
    }
    const laravel = isLaravel(buildContext, scan) || startWords.includes('artisan');
    const writable = [...new Set([...(laravel ? ['storage', 'bootstrap/cache'] : []).map((dir) => resolvePath(scan.workdir, dir)), ...chownedDirs(scan, scan.workdir)])];
    const runtimeImage = base.image.text.replace(/@.*$/, '');
    const configured = configDirs.filter((dir) => (dir === PHP_CONFIG && extensions) || scan.copies.some((copy) => copy.from === undefined && inside(copy.destination, [dir])) ||
      redirected.some((target) => inside(target, [dir])) ||
      scan.commands.some(({ args }) => args.slice(1).some((word) => inside(word, [dir])) || (dir === APACHE_CONFIG && /^a2(en|dis)/.test(args[0] ?? ''))));
    const artifacts: Artifact[] = [
      ...(extensions ? [{ source: EXTENSIONS, target: EXTENSIONS }] : []),
      ...configured.map((dir) => ({ source: dir, target: dir })),
      { source: scan.workdir, target: scan.workdir },
      ...mergeWritable(writable.map((dir) => ({ source: dir, target: dir, chown: owner })), volumes.artifacts, writableDirs(scan, [scan.workdir, EXTENSIONS, ...configDirs], owner)),
    ];
    const debian = distro === 'debian'
      ? debianRuntime({ builderName: builderNameOf(stage), aptPackages: scan.aptPackages, extensions, recommends: !stage.instructions.some((instruction) => /--no-install-recommends/.test(instruction.getTextContent())),
        upgrade: scan.commands.some(({ args }) => /^apt(-get)?$/.test(args[0] ?? '') && args.some((word) => /^(upgrade|dist-upgrade|full-upgrade)$/.test(word ?? ''))) })
      : undefined;
    const notes = [
      apache
        ? `Runtime: ${runtimeImage} without Composer and the build's tools (no distroless or -slim PHP image exists). Apache starts as root, as in the image, to bind port 80, and serves as www-data.`
        : `Runtime: ${runtimeImage} without Composer and the build's tools (no distroless or -slim PHP image exists), as non-root.`,
      ...(debian?.notes ?? []),
      ...(extensions ? ['It copies the extensions the build compiled, with their ini files.'] : []),
      ...(installs.length === 0 || installs.some(({ args }) => args.includes('--no-dev')) ? [] : ['`composer install` runs without --no-dev: the dev packages ship in vendor/ too.']),
      ...(packages.length > 0 ? [`It installs ${packages.join(', ')}, which the extensions load at run time.`] : []),
      ...(writable.length > 0 ? [`${writable.map((dir) => dir.slice(scan.workdir.length + 1) + '/').join(', ')} ${writable.length > 1 ? 'are' : 'is'} writable by ${apache ? 'www-data' : 'the app'}; the rest is read-only to it.`] : []),
      ...(variant === 'fpm' ? ['php-fpm runs as uid 65532 and ignores the pool\'s `user` setting (it logs a notice) and still listens on 9000.'] : []),
      // Composer (from its image, or the installer, the only download the recipe accepts) only
      // builds; the runtime note says it stays behind.
      ...(debian?.dropped ?? []),
      ...leftBehindNotes(scan, { buildImages: /^(docker\.io\/)?(library\/)?composer(\/composer)?([:@]|$)/, knownDownloads: true }),
      ...(apache ? [] : privilegedPortNote(scan)),
      ...(shell ? [`The start needs a shell: ${shell.what} is kept as written, since ${runtimeImage} has its shell and the commands it runs.`] : []),
    ];
    const adapt = (command: StartCommand) => (command.words.some((word) => COMPOSER.test(word)) ? undefined : command);
    return [{
      builderSetup: [...(writable.length > 0 ? [`# Directories the app writes, for the runtime to copy owned by ${apache ? 'www-data' : 'its non-root user'}.`, `RUN mkdir -p ${writable.join(' ')}`] : []), ...volumes.setup],
      builderFinish: debian?.setup.some((line) => line.includes(EXTENSION_PACKAGES)) ? extensionPackagesLines(EXTENSIONS) : undefined,
      runtimeImage,
      runtimeNotes: notes,
      // Before the COPYs: a changed composer.lock or source does not re-run them.
      runtimeSetup: [...(debian?.setup ?? installLines(distro, packages)), ...(apache ? [] : nonRootUserLines(distro))],
      artifacts,
      workdir: scan.workdir,
      runtimeEnv: [],
      runtimeEntrypoint: lookup.facts.entrypoint ?? [],
      runtimeUser: apache ? '' : NONROOT,
      adaptStart: adapt,
      ...(shell ? { adaptShellStart: (keyword: StartKeyword) => (keepsShellForm(keyword, shell) ? 'keep' as const : undefined) } : {}),
      defaultStart: { keyword: 'CMD', words: [apache ? 'apache2-foreground' : 'php-fpm'] },
    }];
  },
};

/** The first RUN command we do not know, or whose copies, moves and edits leave the app and the configuration. */
function unknownCommand(scan: StageScan, configDirs: string[]): string | undefined {
  for (const { args, cwd, command } of scan.commands) {
    const program = args[0];
    if (program === undefined) {
      if (args.length > 0) {
        return args.map((word) => word ?? '$…').join(' ');
      }
      continue;
    }
    if (!KNOWN.test(program)) {
      return program;
    }
    if (program === 'curl' && command.after !== '|') {
      return program; // only the Composer installer, piped into php
    }
    if (/^(cp|mv|ln|touch|sed)$/.test(program) && !writesOnlyInside(args, cwd, [scan.workdir, ...configDirs, '/usr/local/bin'])) {
      return program;
    }
  }
  return undefined;
}

function isLaravel(context: BuildContext | undefined, scan: StageScan): boolean {
  const dir = context && contextDirOf(scan, scan.workdir, ['composer.json', 'composer.lock']);
  const composer = dir === undefined ? undefined : context?.readFile(dir === '' ? 'composer.json' : `${dir}/composer.json`);
  return composer !== undefined && /"laravel\/framework"/.test(composer);
}

/**
 * What to do with one stage: a non-root USER, except on Apache, which starts as root to bind
 * port 80 and open its logs, then serves as www-data (docker-library/php apache2-foreground); on
 * Debian, the compilers the image keeps can go at its end.
 */
function keepAdvice(variant: PhpVariant, distro: Distro): string {
  const user = variant === 'apache' ? ' (Apache already serves as www-data; a USER would stop it binding port 80)' : ' and add a non-root USER';
  return distro === 'debian' ? `${user}; end it with \`RUN apt-get purge -y --auto-remove $PHPIZE_DEPS\` to drop the compilers the Debian php images keep` : user;
}
