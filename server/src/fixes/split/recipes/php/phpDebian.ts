// The runtime of a build on a Debian php image (php:X-apache, -fpm, -cli, -zts). There is no
// -slim php image, and the Debian ones keep $PHPIZE_DEPS (gcc, g++, make, autoconf, dpkg-dev, ...)
// installed for building extensions (docker-library/php Dockerfile-linux.template: "persistent /
// runtime deps"; only the Alpine docker-php-ext-install removes its .phpize-deps again). So the
// runtime is the same image with those compilers purged (their bytes stay in the image's lower
// layers, but not in the container's files), without Composer, git and the build's -dev packages.
// The libraries the compiled extensions load are found the way docker-library/php finds PHP's
// own: ldd on the modules in the build stage, dpkg-query --search for the packages that own
// them. The build stage writes that list, and the runtime installs it from the same release's
// archive, so names never depend on the Debian release behind a floating tag.
import { isBuildOnly } from '../shared/osPackages';

/** The list the build stage writes and the runtime reads. */
export const EXTENSION_PACKAGES = '/php-extension-packages.txt';

/** The build stage's last lines: the packages whose libraries the extensions in `extensions` load. */
export function extensionPackagesLines(extensions: string): string[] {
  return [
    '# The Debian packages owning the libraries the extensions load (as docker-library/php finds PHP\'s own), for the runtime to install; a library no package owns stops the build.',
    'RUN set -eu; \\',
    `    find ${extensions} -name '*.so' -exec ldd {} + > /tmp/ldd.txt; \\`,
    '    if grep \'=> not found\' /tmp/ldd.txt >&2; then exit 1; fi; \\',
    '    awk \'/=> \\// { so = $(NF-1); if (index(so, "/usr/local/") == 1) next; gsub("^/(usr/)?", "", so); print "*" so }\' /tmp/ldd.txt | sort -u > /tmp/libraries.txt; \\',
    '    xargs -r dpkg-query --search < /tmp/libraries.txt > /tmp/owners.txt; \\',
    `    awk 'sub(":$", "", $1) { print $1 }' /tmp/owners.txt | sort -u > ${EXTENSION_PACKAGES}; \\`,
    '    rm /tmp/ldd.txt /tmp/libraries.txt /tmp/owners.txt',
  ];
}

export interface DebianRuntime {
  /** Lines right after the runtime's FROM. */
  setup: string[];
  notes: string[];
  /** The note on the packages left out, for the end of the notes. */
  dropped: string[];
}

/**
 * The runtime's package lines: the build's `apt-get upgrade` again, the extensions' libraries (`builderName`'s list, when the build
 * installed packages they may load), the packages the build installed that are neither build
 * tools nor headers, then the purge of $PHPIZE_DEPS, in one layer. Installing first marks them
 * manual, so the purge's --auto-remove keeps them.
 */
export function debianRuntime(options: { builderName: string; aptPackages: string[]; extensions: boolean; recommends: boolean; upgrade: boolean }): DebianRuntime {
  const { builderName, aptPackages, extensions, recommends, upgrade } = options;
  const named = aptPackages.filter((name) => !isBuildOnly('debian', name));
  const listed = extensions && aptPackages.length > 0;
  const dropped = aptPackages.filter((name) => isBuildOnly('debian', name));
  const purge = 'apt-get purge -y --auto-remove $PHPIZE_DEPS';
  const setup = !listed && named.length === 0 && !upgrade
    ? [`RUN ${purge}`]
    : [
      ...(listed ? [`COPY --from=${builderName} ${EXTENSION_PACKAGES} ${EXTENSION_PACKAGES}`] : []),
      'RUN apt-get update \\',
      ...(upgrade ? [' && apt-get upgrade -y \\'] : []),
      ...(listed ? [` && xargs -r apt-get install -y --no-install-recommends --no-upgrade < ${EXTENSION_PACKAGES} \\`] : []),
      ...(named.length > 0 ? [` && apt-get install -y ${recommends ? '' : '--no-install-recommends '}${named.join(' ')} \\`] : []),
      ` && ${purge} \\`,
      ` && rm -rf /var/lib/apt/lists/*${listed ? ` ${EXTENSION_PACKAGES}` : ''}`,
    ];
  return {
    setup,
    notes: [
      ...(upgrade ? ['It upgrades the image\'s packages, as the build did.'] : []),
      'It purges the compilers the Debian php images keep for building extensions ($PHPIZE_DEPS: gcc, g++, make, autoconf, dpkg-dev, ...); their bytes stay in the base image\'s layers.',
      ...(listed ? ['It installs the Debian packages whose libraries the compiled extensions load, as the build stage lists them (ldd, dpkg-query); libraries opened later with dlopen are not seen.'] : []),
      ...(named.length > 0 ? [`It installs ${named.join(', ')} again, which the build installed.`] : []),
    ],
    dropped: dropped.length > 0 ? [`Leaves out ${dropped.join(', ')}: ${dropped.length > 1 ? 'they only build' : 'it only builds'}.`] : [],
  };
}
