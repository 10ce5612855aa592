// PHP builder entry: the official php image and its variants (cli, apache, fpm, zts).
import type { CatalogEntry } from '../catalog';
import { officialEndOfSupport } from '../officialLifecycle';
import { CHECKED, codenameRelease, isAlpine, linuxFacts, majorMinor, officialName } from './tags';

export type PhpVariant = 'cli' | 'apache' | 'fpm' | 'zts';

/**
 * The variant a php tag names: `8.3-apache`, `8-fpm-alpine3.20`, `apache-bookworm`, `zts`; a
 * tag without one (`8.3`, `8.3-alpine`, `latest`) is the cli variant.
 */
export function phpVariant(tag: string): PhpVariant {
  const named = /(?:^|-)(cli|apache|fpm|zts)(?:-|$)/.exec(tag)?.[1];
  return named === 'apache' || named === 'fpm' || named === 'zts' ? named : 'cli';
}

/**
 * PHP (docker-library/php Dockerfile-linux.template): every variant has ENTRYPOINT
 * ["docker-php-entrypoint"]; apache and fpm set WORKDIR /var/www/html (cli and zts set none).
 * The Debian variants keep $PHPIZE_DEPS (gcc, make, ...) installed, the Alpine ones do not.
 * There is no -slim variant: the Alpine variants are the minimal ones.
 */
export function php(): CatalogEntry {
  return {
    id: 'php',
    title: 'PHP (official image)',
    name: officialName('php'),
    facts: { kind: 'full' },
    factsFromTag: (tag) => {
      const variant = phpVariant(tag);
      const endOfSupport = officialEndOfSupport('php', 'php', tag, majorMinor(tag));
      return {
        ...(endOfSupport ? { endOfSupport } : {}),
        ...linuxFacts(tag),
        debian: isAlpine(tag) ? undefined : codenameRelease(tag),
        entrypoint: ['docker-php-entrypoint'],
        workdir: variant === 'apache' || variant === 'fpm' ? '/var/www/html' : '/',
      };
    },
    source: 'docker-library/php Dockerfile-linux.template; docker-library/official-images library/php (tag scheme); end of support: php.net supported versions (catalog/languageReleases.ts)',
    checked: CHECKED,
  };
}
