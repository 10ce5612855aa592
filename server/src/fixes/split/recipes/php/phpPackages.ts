// PHP installed with the system's package manager on a non-PHP image (Ubuntu with the ondrej/php
// PPA, Debian's php8.2-cli, Alpine's php83): the split follows the official php image only, so
// these are recognised only to say why. Laravel Sail's runtime images are the common case: a
// development environment whose app is bind-mounted at run time (Sail's compose file mounts the
// project at /var/www/html and builds from vendor/laravel/sail/runtimes/X, outside the app), so
// they have nothing to build. Sail is "a Docker powered local development experience" (its
// README); its maintainers call it a development tool, not a production one (laravel/sail#123).
import { Declined, decline, declineNothingToBuild } from '../../recipe';
import { isInside } from '../../../../rules/buildArtifacts';
import { StageScan } from '../shared/stageScan';

/** Debian/Ubuntu PHP interpreters (`php`, `php8.4-cli`, `php-fpm`) and Alpine's (`php83`, `php83-fpm`). */
const APT_PHP = /^php(\d+(\.\d+)?)?(-cli|-fpm|-cgi)?$|^libapache2-mod-php(\d+(\.\d+)?)?$/;
const APK_PHP = /^php\d*(-cli|-fpm|-cgi)?$/;

/** Why a stage with PHP from the system's packages is not split, or undefined when it installs none. */
export function packagedPhpDecline(image: string, scan: StageScan): Declined | undefined {
  const php = [...scan.aptPackages.filter((name) => APT_PHP.test(name)), ...scan.apkPackages.filter((name) => APK_PHP.test(name))];
  const words = [...scan.commands.flatMap(({ args }) => args), ...scan.env.values(), ...scan.starts.map(startText)];
  // A PHP app's build (Composer, Laravel's artisan), not an image with a PHP web UI among other things (Nagios).
  if (php.length === 0 || !words.some((word) => word !== undefined && /\b(composer|artisan)\b/.test(word))) {
    return undefined;
  }
  const composerInstall = scan.commands.some(({ args }) => /(^|\/)composer(\.phar)?$/.test(args[0] ?? '') && args.includes('install'));
  const appCopied = scan.workdir !== '/' && scan.copies.some((copy) => copy.from === undefined && (copy.destination === undefined || isInside(copy.destination, scan.workdir)));
  const devServer = [...scan.env.values(), ...scan.starts.map(startText)].some((value) => /\bartisan\s+serve\b/.test(value));
  if (devServer && !composerInstall && !appCopied) {
    return declineNothingToBuild(developmentEnvironment(image, php, scan));
  }
  return decline(`PHP comes from system packages (${php.join(', ')}) on ${image}, not the official php image, so the split cannot tell which extensions and libraries a smaller runtime needs. Build on the official php image (php:8.4-fpm-alpine, with the web server in a container of its own, or php:8.4-apache), then split.`);
}

/** A start command's text (exec words joined, or the shell form). */
function startText(start: StageScan['starts'][number]): string {
  return start.words?.join(' ') ?? start.shellForm ?? '';
}

/** The reason for an image that brings PHP, tools and Laravel's development server but no app: the app is mounted at run time. */
function developmentEnvironment(image: string, php: string[], scan: StageScan): string {
  const sail = scan.commands.some(({ args }) => /^(useradd|groupadd)$/.test(args[0] ?? '') && args.includes('sail'));
  const what = sail ? "This is Laravel Sail's development environment" : 'This is a development environment';
  return `${what}: PHP installed as system packages (${php[0]}${php.length > 1 ? ', ...' : ''}) on ${image}, with its tools, serving the app with \`php artisan serve\` (Laravel's development server), and no app copied in or installed (no COPY into ${scan.workdir}, no \`composer install\`), so the app comes from a mount at run time. There is nothing to build${sail ? ', and Sail is meant for local development, not production' : ''}. For a production image, write a Dockerfile on the official php image (php:8.4-fpm-alpine) that copies the app and runs \`composer install --no-dev\`, then split.`;
}
