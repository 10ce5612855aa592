// Gems that use a system library or program the full ruby image has without asking (its base,
// buildpack-deps, installs imagemagick, libcurl4-openssl-dev, libmagickwand-dev, libsqlite3-dev,
// libpq-dev, default-libmysqlclient-dev...) and its -slim variant lacks: a split that copies the
// gems onto -slim must install the library, or the app fails when it first loads or runs it.
// Source: docker-library/buildpack-deps debian/bookworm/Dockerfile (commit 84e7e46); sqlite3
// 1.5+ compiles the SQLite it ships (sparklemotion/sqlite3-ruby CHANGELOG, 1.5.0).

/** Gems that load or run something the runtime must install by hand, and the packages that provide it. */
const NEEDS_PACKAGE: Record<string, { uses: string; provided: RegExp; install: string }> = {
  mini_magick: { uses: 'runs ImageMagick (convert, magick)', provided: /^(imagemagick|graphicsmagick)$/, install: 'apt-get install imagemagick' },
  rmagick: { uses: "loads ImageMagick's MagickWand library", provided: /^libmagickwand-[\w.-]*\d$/, install: 'the MagickWand library package of its Debian release' },
  curb: { uses: 'loads libcurl', provided: /^libcurl4(t64)?$/, install: 'apt-get install libcurl4, or libcurl4t64 on Debian 13' },
  ethon: { uses: 'loads libcurl (through FFI)', provided: /^libcurl4(t64)?$/, install: 'apt-get install libcurl4, or libcurl4t64 on Debian 13' },
};

/**
 * What a -slim runtime must install for the gems of a build on the full image: libraries to add,
 * or why the split cannot tell (a gem whose library the build did not install itself).
 * `gems`: name → version from Gemfile.lock; `installed`: the build's own apt packages.
 */
export function fullImageLibraries(gems: Map<string, string>, installed: string[], image: string): { add: string[] } | string {
  const add: string[] = [];
  const sqlite = gems.get('sqlite3');
  const [major, minor] = (sqlite ?? '').split('.').map(Number);
  // Before 1.5 (and without a platform suffix: a precompiled gem bundles SQLite) it links the system's libsqlite3.
  if (sqlite !== undefined && !sqlite.includes('-') && (major < 1 || (major === 1 && minor < 5))) {
    add.push('libsqlite3-0');
  }
  for (const [gem, need] of Object.entries(NEEDS_PACKAGE)) {
    if (gems.has(gem) && !installed.some((name) => need.provided.test(name))) {
      return `Gemfile.lock has ${gem}, which ${need.uses} at run time: ${image} has it (from buildpack-deps), its -slim variant does not. Install it in the Dockerfile (${need.install}) so the runtime installs it too, then split, or split by hand.`;
    }
  }
  return { add };
}
