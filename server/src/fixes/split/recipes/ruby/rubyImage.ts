// Where the build's Ruby comes from, and so which runtime can run the same Ruby: the official
// ruby image (its -slim variant, or the same Alpine image), Debian's own `ruby` package (the same
// Debian release's -slim image with that package), or an image the split cannot follow (App
// Engine's, Bitnami's, ruby-core's Ubuntu images, a private one), which it names in its reason.
import { lookupImage } from '../../../../catalog/catalog';
import { imageName } from '../../../../core/imageReference';
import { Stage, resolveBaseImage } from '../../../../core/stages';
import { Distro } from '../shared/osPackages';
import { StageScan } from '../shared/stageScan';

export interface RubyImage {
  /** The image name as written, without tag or digest. */
  name: string;
  tag: string;
  distro: Distro;
  /** The full image (buildpack-deps: many -dev packages), not -slim or Alpine. */
  full: boolean;
  /** `official`: the ruby image; `debian`: Debian's ruby package on the debian image. */
  source: 'official' | 'debian';
}

/** Debian's Ruby interpreter packages (`ruby` pulls the release's rubyX.Y). */
export const DEBIAN_RUBY = /^(ruby|ruby\d\.\d+|ruby-full)$/;
/** Debian's Ruby headers: only the build needs them, the interpreter itself is `ruby`. */
export const DEBIAN_RUBY_HEADERS = /^(ruby-dev|ruby\d\.\d+-dev|ruby-all-dev)$/;

/**
 * The image a Ruby build runs on, a reason why the split cannot follow it, or undefined when the
 * build is not a Ruby one. `scanOf` reads the stage, only for images that are not Ruby's own.
 */
export function recogniseRubyImage(stage: Stage, scanOf: () => StageScan): RubyImage | string | undefined {
  const { base } = resolveBaseImage(stage);
  if (base.kind !== 'image') {
    return undefined;
  }
  const name = imageName(base.image);
  const shown = base.image.text;
  if (/^gcr\.io\/google[-_]appengine\/ruby$/.test(name)) {
    return "gcr.io/google_appengine/ruby is App Engine's retired base image (Ubuntu 16.04, rbenv); rebuild on ruby:3.4-slim first, then split.";
  }
  const version = /^(\d+\.\d+)/.exec(base.image.tag ?? '')?.[1];
  const official = `ruby:${version ?? '3.4'}`;
  if (/(^|\/)bitnami\/ruby$/.test(name)) {
    return `${shown} is Bitnami's Ruby image (Ruby and its gems under /opt/bitnami), which has no -slim variant for a smaller runtime; build on the official ${official} image (${official}-slim is then the runtime), then split.`;
  }
  if (/^(docker\.io\/)?rubylang\/ruby$/.test(name)) {
    return `${shown} is ruby-core's Ruby image on Ubuntu, which has no -slim variant for a smaller runtime; build on the official ${official} image (Debian; ${official}-slim is then the runtime), then split.`;
  }
  const lookup = lookupImage(base.image);
  const entry = lookup.entry?.id;
  if (entry === 'ruby') {
    if (stage.baseText.includes('$')) {
      return undefined;
    }
    const tag = base.image.tag ?? 'latest';
    const distro: Distro = lookup.facts.libc === 'musl' ? 'alpine' : 'debian';
    return { name: shown.replace(/@.*$/, '').replace(/:[^/:]*$/, ''), tag, distro, full: lookup.kind === 'full', source: 'official' };
  }
  const scan = scanOf();
  const rubyPackages = [...scan.aptPackages.filter((name) => DEBIAN_RUBY.test(name)), ...scan.apkPackages.filter((name) => name === 'ruby')];
  const bundles = scan.commands.some(({ args }) => args[0] === 'bundle' && args[1] === 'install');
  const gems = bundles || scan.commands.some(({ args }) => args[0] === 'gem' && args[1] === 'install');
  if (rubyPackages.length > 0 && gems) {
    return distroRuby(stage, scan, entry, shown);
  }
  // Another image that Bundler installs into (a private one, Ubuntu with rbenv): only images no
  // other ecosystem's catalog entry claims, so a PHP or Node build that also installs a gem stays theirs.
  if (bundles && (entry === undefined || entry === 'debian' || entry === 'alpine' || entry === 'alpine-mirror')) {
    return `Ruby comes from ${shown}, not the official ruby image, so the split cannot tell which Ruby it has, where its gems are installed, or which smaller image runs the same Ruby; build on the official ruby image of the app's Ruby (ruby:X.Y, whose -slim variant is then the runtime), then split.`;
  }
  return undefined;
}

/** Ruby from the distribution's packages: Debian's is followed, Alpine's and others are not. */
function distroRuby(stage: Stage, scan: StageScan, entry: string | undefined, shown: string): RubyImage | string {
  const compiles = [...scan.aptPackages, ...scan.apkPackages].some((name) => name.endsWith('-dev') || /^(build-essential|build-base|gcc|g\+\+|make|clang)$/.test(name));
  if (!compiles) {
    return `Nothing is compiled here (no compiler or -dev package), so a runtime stage would need the same ${shown} packages and gems: it would be this image again. Keep one stage and add a non-root USER.`;
  }
  if (scan.apkPackages.includes('ruby')) {
    return "Ruby comes from Alpine's packages (apk add ruby), and `gem install` puts gems and their commands among apk's own files (/usr/lib/ruby, /usr/bin), which a runtime stage cannot copy apart; build on the official ruby:X.Y-alpine image (gems in /usr/local/bundle), then split.";
  }
  const { base } = resolveBaseImage(stage);
  if (entry !== 'debian' || base.kind !== 'image' || stage.baseText.includes('$') || base.image.digest !== undefined) {
    return `Ruby comes from ${shown}'s own packages, and the split follows Debian's ruby package on the debian image only (or the official ruby image); build on the official ruby:X.Y image, then split.`;
  }
  return { name: shown.replace(/:[^/:]*$/, ''), tag: base.image.tag ?? 'latest', distro: 'debian', full: false, source: 'debian' };
}

/**
 * The -slim tag of the same Debian release (`bookworm` → `bookworm-slim`, `12` → `12-slim`);
 * undefined for tags that float to the next release (`latest`, `stable`) or name no release.
 */
export function debianSlimTag(tag: string): string | undefined {
  if (/^(buster|bullseye|bookworm|trixie)-slim$|^\d+(\.\d+)*-slim$/.test(tag)) {
    return tag;
  }
  return /^(buster|bullseye|bookworm|trixie)$|^\d+(\.\d+)*$/.test(tag) ? `${tag}-slim` : undefined;
}
