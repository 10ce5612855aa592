// The BuildKit cache mounts that keep each package manager's downloads between builds, for the
// official images' defaults (root's home, GOPATH=/go, CARGO_HOME=/usr/local/cargo). Used by
// cache-mount-available. Targets follow Docker's "Optimize cache usage in builds" guide.
import { PackageCommand, PackageManager } from './packageManagers';

export interface CacheMountRecipe {
  /** The `--mount` flags to add, in order. */
  mounts: string[];
  /** A cache mount on one of these targets already serves the command. */
  served: RegExp;
}

const cache = (target: string, extra = '') => `--mount=type=cache,target=${target}${extra}`;

/** Variables that move a tool's cache away from the default the recipe mounts. */
export const CACHE_LOCATION_VARIABLES: Partial<Record<PackageManager, readonly string[]>> = {
  pip: ['PIP_CACHE_DIR', 'XDG_CACHE_HOME', 'HOME'],
  uv: ['UV_CACHE_DIR', 'XDG_CACHE_HOME', 'HOME'],
  npm: ['npm_config_cache', 'NPM_CONFIG_CACHE', 'HOME'],
  yarn: ['YARN_CACHE_FOLDER', 'XDG_CACHE_HOME'],
  go: ['GOPATH', 'GOMODCACHE', 'GOCACHE', 'XDG_CACHE_HOME', 'HOME'],
  cargo: ['CARGO_HOME'],
  maven: ['MAVEN_OPTS', 'HOME'],
  gradle: ['GRADLE_USER_HOME', 'HOME'],
  dotnet: ['NUGET_PACKAGES', 'HOME'],
};

/** Whether a cache mount on `target` covers one of the recipe's folders (the folder or a parent). */
export function mountServes(recipe: CacheMountRecipe, target: string): boolean {
  if (recipe.served.test(target)) return true;
  return recipe.mounts.some((mount) => {
    const folder = /target=([^,]+)/.exec(mount)?.[1] ?? '';
    return folder === target || folder.startsWith(`${target}/`);
  });
}

export function cacheMountRecipe(found: PackageCommand): CacheMountRecipe | undefined {
  return RECIPES[found.manager]?.(found);
}

const RECIPES: Partial<Record<PackageManager, (found: PackageCommand) => CacheMountRecipe | undefined>> = {
  // apt needs exclusive access to its folders: parallel builds wait for each other (sharing=locked).
  apt: () => ({ mounts: [cache('/var/cache/apt', ',sharing=locked'), cache('/var/lib/apt', ',sharing=locked')], served: /^\/var\/(cache|lib)\/apt(\/|$)/ }),
  pip: () => ({ mounts: [cache('/root/.cache/pip')], served: /(^|\/)\.cache(\/pip)?$/ }),
  uv: () => ({ mounts: [cache('/root/.cache/uv')], served: /(^|\/)\.cache(\/uv)?$/ }),
  npm: (found) => (found.verb === 'ci' || found.verb === 'install' || found.verb === 'i' ? { mounts: [cache('/root/.npm')], served: /\.npm(\/_cacache)?$/ } : undefined),
  yarn: () => ({ mounts: [cache('/usr/local/share/.cache/yarn')], served: /yarn/ }),
  go: (found) =>
    found.verb === 'mod'
      ? { mounts: [cache('/go/pkg/mod')], served: /(^|\/)pkg\/mod$/ }
      : { mounts: [cache('/go/pkg/mod'), cache('/root/.cache/go-build')], served: /(^|\/)(pkg\/mod|\.cache\/go-build)$/ },
  // Only the registry: a cached `target/` would keep the built binary out of the stage.
  cargo: () => ({ mounts: [cache('/usr/local/cargo/registry')], served: /cargo(\/registry)?$/ }),
  maven: () => ({ mounts: [cache('/root/.m2')], served: /\.m2(\/repository)?$/ }),
  // The gradle image links /root/.gradle to /home/gradle/.gradle (a VOLUME): mount the real folder.
  gradle: (found) => ({ mounts: [cache(found.program === 'gradle' ? '/home/gradle/.gradle' : '/root/.gradle')], served: /\.gradle(\/caches)?$/ }),
  dotnet: () => ({ mounts: [cache('/root/.nuget/packages')], served: /\.nuget(\/packages)?$/ }),
};
