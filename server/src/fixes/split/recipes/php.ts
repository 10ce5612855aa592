// PHP with Composer, on the official Alpine images (php:X-fpm-alpine, php:X-cli-alpine): no
// distroless PHP runtime exists, so the runtime is the same image without Composer, git and
// the headers, with the app and its vendor/ directory, the extensions the build compiled
// (docker-php-ext-install and pecl write them to /usr/local/lib/php/extensions and their ini
// files to /usr/local/etc/php/conf.d), and only the libraries those extensions load.
// The Debian variants (apache, fpm, cli) are not offered: PHP has no -slim image, so the runtime
// would be the same full image again (docker-library/php: Debian variants are `<version>-<variant>`,
// Alpine ones `<version>-<variant>-alpine<release>`).
import { imageName } from '../../../core/imageReference';
import { resolveBaseImage } from '../../../core/stages';
import { isInside, resolvePath } from '../../../rules/buildArtifacts';
import { BuildContext } from '../../fix';
import { Artifact, SplitRecipe, StartCommand } from '../recipe';
import { installLines, nonRootUserLines, runtimePackages } from './osPackages';
import { chownedDirs, contextDirOf, mergeWritable, privilegedPortNote, writableDirs, writableVolumes, writesOnlyInside } from './splitHelpers';
import { StageScan, lastStarts, scanStage } from './stageScan';

const PHP_IMAGE = /^(?:(?:mirror\.gcr\.io|public\.ecr\.aws\/docker)\/library\/)?php$/;
/** The php images' WORKDIR. */
const PHP_WORKDIR = '/var/www/html';
const NONROOT = '65532:65532';
const EXTENSIONS = '/usr/local/lib/php/extensions';
const PHP_CONFIG = '/usr/local/etc/php';
/** php's and php-fpm's configuration: the build may add ini files or pools there. */
const CONFIG_DIRS = [PHP_CONFIG, '/usr/local/etc/php-fpm.d'];
/** Commands a Composer build runs that write nothing outside the app, the extensions and php's config. */
const KNOWN = /^(composer|php|docker-php-ext-install|docker-php-ext-configure|docker-php-ext-enable|pecl|apk|curl|echo|printf|true|:|set|export|cd|ls|cat|test|\[|rm|chmod|chown|mkdir|touch|cp|mv|ln|sed|addgroup|adduser|id|whoami)$/;

export const phpRecipe: SplitRecipe = {
  ecosystem: 'php',
  plan({ stage, model, text, buildContext }) {
    const { base } = resolveBaseImage(stage);
    if (base.kind !== 'image' || !PHP_IMAGE.test(imageName(base.image)) || stage.baseText.includes('$')) {
      return [];
    }
    const tag = base.image.tag ?? '';
    const variant = /^(?:[\d.]+(?:-rc)?-)?(cli|fpm|zts)?-?alpine[\d.]*$/.exec(tag);
    const scan = scanStage(stage, model, text, PHP_WORKDIR, { PHP_INI_DIR: PHP_CONFIG });
    const starts = lastStarts(scan);
    const installs = scan.commands.filter(({ args }) => /(^|\/)composer(\.phar)?$/.test(args[0] ?? '') && args.includes('install'));
    const composes = installs.length > 0;
    const fpm = variant?.[1] === 'fpm';
    if (!variant || !composes || scan.workdir === '' || scan.workdir === '/' || scan.envFromArg || scan.onbuild || starts.entrypoint === null || starts.cmd === null || (!fpm && !starts.cmd && !starts.entrypoint)) {
      return []; // Debian variants, no Composer install, or nothing to start
    }
    const inside = (path: string | undefined, dirs: string[]) => path !== undefined && dirs.some((dir) => isInside(path, dir));
    if (!understood(scan) || scan.copies.some((copy) => copy.from === undefined && !inside(copy.destination, [scan.workdir, ...CONFIG_DIRS]))) {
      return []; // files written outside the app: the runtime would miss them
    }
    const packages = runtimePackages('alpine', scan.apkPackages);
    const volumes = writableVolumes(scan, NONROOT);
    if (!packages || !volumes) {
      return [];
    }
    const startWords = [starts.entrypoint, starts.cmd].flatMap((start) => start?.words ?? []);
    const laravel = isLaravel(buildContext, scan) || startWords.includes('artisan');
    const writable = [...new Set([...(laravel ? ['storage', 'bootstrap/cache'] : []).map((dir) => resolvePath(scan.workdir, dir)), ...chownedDirs(scan, scan.workdir)])];
    const extensions = scan.commands.some(({ args }) => /^(docker-php-ext-install|docker-php-ext-enable|pecl)$/.test(args[0] ?? ''));
    const runtimeImage = base.image.text.replace(/@.*$/, '');
    const configured = CONFIG_DIRS.filter((dir) => (dir === PHP_CONFIG && extensions) || scan.copies.some((copy) => copy.from === undefined && inside(copy.destination, [dir])) ||
      scan.commands.some(({ args }) => args.slice(1).some((word) => inside(word, [dir]))));
    const artifacts: Artifact[] = [
      ...(extensions ? [{ source: EXTENSIONS, target: EXTENSIONS }] : []),
      ...configured.map((dir) => ({ source: dir, target: dir })),
      { source: scan.workdir, target: scan.workdir },
      ...mergeWritable(writable.map((dir) => ({ source: dir, target: dir, chown: NONROOT })), volumes.artifacts, writableDirs(scan, [scan.workdir, EXTENSIONS, ...CONFIG_DIRS], NONROOT)),
    ];
    const notes = [
      `Runtime: ${runtimeImage} without Composer and the build's tools (no distroless PHP runtime exists), as non-root.`,
      ...(extensions ? ['It copies the extensions the build compiled, with their ini files.'] : []),
      ...(installs.some(({ args }) => args.includes('--no-dev')) ? [] : ['`composer install` runs without --no-dev: the dev packages ship in vendor/ too.']),
      ...(packages.length > 0 ? [`It installs ${packages.join(', ')}, which the extensions load at run time.`] : []),
      ...(writable.length > 0 ? [`${writable.map((dir) => dir.slice(scan.workdir.length + 1) + '/').join(', ')} ${writable.length > 1 ? 'are' : 'is'} writable by the app; the rest is read-only to it.`] : []),
      ...(fpm ? ['php-fpm runs as uid 65532 and ignores the pool\'s `user` setting (it logs a notice) and still listens on 9000.'] : []),
      ...privilegedPortNote(scan),
    ];
    const adapt = (command: StartCommand) => (command.words.some((word) => /(^|\/)composer(\.phar)?$/.test(word)) ? undefined : command);
    return [{
      builderSetup: [...(writable.length > 0 ? ['# Directories the app writes, for the runtime to copy owned by its non-root user.', `RUN mkdir -p ${writable.join(' ')}`] : []), ...volumes.setup],
      runtimeImage,
      runtimeNotes: notes,
      artifacts,
      workdir: scan.workdir,
      runtimeEnv: [...installLines('alpine', packages), ...nonRootUserLines('alpine')],
      runtimeEntrypoint: ['docker-php-entrypoint'],
      runtimeUser: NONROOT,
      adaptStart: adapt,
      defaultStart: { keyword: 'CMD', words: ['php-fpm'] },
    }];
  },
};

/** Every RUN command is one we know, and copies, moves and edits stay in the app or php's config. */
function understood(scan: StageScan): boolean {
  return scan.commands.every(({ args, cwd, command }) => {
    const program = args[0];
    if (program === undefined || !KNOWN.test(program)) {
      return false;
    }
    if (program === 'curl') {
      return command.after === '|'; // the Composer installer, piped into php
    }
    return !/^(cp|mv|ln|touch|sed)$/.test(program) || writesOnlyInside(args, cwd, [scan.workdir, ...CONFIG_DIRS, '/usr/local/bin']);
  });
}

function isLaravel(context: BuildContext | undefined, scan: StageScan): boolean {
  const dir = context && contextDirOf(scan, scan.workdir, ['composer.json', 'composer.lock']);
  const composer = dir === undefined ? undefined : context?.readFile(dir === '' ? 'composer.json' : `${dir}/composer.json`);
  return composer !== undefined && /"laravel\/framework"/.test(composer);
}
