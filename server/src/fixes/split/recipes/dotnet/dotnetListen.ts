// Where a web app listens once split. The SDK images before 8.0 give the app no listening address
// (3.1's never sets one, 5.0 to 7.0 unset the aspnet image's), so in the original it listened on
// its own URLs, else on Kestrel's default http://localhost:5000; every runtime image sets one
// (http://+:80 before 6.0, http://+:8080 on 6.0/7.0 chiseled, ASPNETCORE_HTTP_PORTS=8080 from
// 8.0). The runtime stage empties that variable, so the app listens where it did.
import { KestrelListen, dotnetRelease } from '../../../../catalog/dotnetReleases';

/** Variables the Dockerfile may set itself: its ENV is copied to the runtime and decides. */
const LISTEN_VARIABLES = ['ASPNETCORE_URLS', 'ASPNETCORE_HTTP_PORTS', 'ASPNETCORE_HTTPS_PORTS', 'DOTNET_URLS', 'ASPNETCORE_SERVER.URLS'];

export interface ListenPlan {
  env: string[];
  notes: string[];
}

/**
 * The ENV lines and note that keep the original's listening address, for an app built on the
 * `sdkVersion` SDK image and run on the `runtimeVersion` runtime image; none when they agree or
 * the Dockerfile sets the address itself.
 */
export function keepListening(sdkVersion: string | undefined, runtimeVersion: string, env: Map<string, string>): ListenPlan {
  const sdk = dotnetRelease(sdkVersion);
  const runtime = dotnetRelease(runtimeVersion);
  if (!sdk || !runtime || sameListen(sdk.sdkListen, runtime.runtimeListen) || LISTEN_VARIABLES.some((name) => env.has(name))) {
    return { env: [], notes: [] };
  }
  const set = runtime.runtimeListen;
  const port = Number(/(\d+)$/.exec(set.value)?.[1]);
  const privileged = port < 1024 ? `: port ${port} as non-root, which Docker 20.10+ allows and Kubernetes does not` : '';
  return {
    env: [`ENV ${set.variable}=`],
    notes: [`The .NET ${sdk.version} SDK image sets no listening address: the app listened on its own URLs, else on Kestrel's default http://localhost:5000, and still does (\`ENV ${set.variable}=\` empties the runtime image's ${set.variable}=${set.value}; drop that line to listen there${privileged}).`],
  };
}

function sameListen(a: KestrelListen | undefined, b: KestrelListen): boolean {
  return a !== undefined && a.variable === b.variable && a.value === b.value;
}
