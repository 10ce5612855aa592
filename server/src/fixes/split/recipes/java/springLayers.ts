// Spring Boot's layered jars: which Spring Boot builds the jar (pom.xml, build.gradle, a simple
// version catalog), whether its layers are the standard ones, and how that version extracts them
// and starts from the extracted folders. Every fact comes from Spring Boot's sources and docs
// (spring-projects/spring-boot); anything else keeps the fat jar and `java -jar`:
// - Layers on by default from 2.4.0: maven Layers.java `enabled = true` (v2.4.0 72122c29a,
//   false at v2.3.0.RELEASE), gradle LayeredSpec `enabled = true` (v2.4.0), `convention(true)` (v4.0.0 1c0e08b4c);
//   the jar mode's own jar included by default: `includeLayerTools = true` (v2.4.0), maven
//   AbstractPackagerMojo `includeTools = true` and gradle BootJar `getIncludeTools().convention(true)` (v3.3.0).
// - The four standard layers: loader-tools StandardLayers.java (v2.4.0, v3.2.0, v4.0.0):
//   dependencies, spring-boot-loader, snapshot-dependencies, application.
// - 2.4 to 3.2: `java -Djarmode=layertools -jar app.jar extract --destination <dir>` writes one
//   folder per layer, created even when empty, each holding the jar's own paths
//   (jarmode-layertools ExtractCommand.java, v2.4.0; docs container-images/dockerfiles.adoc, v2.7.18 0c8b382d4).
// - 3.3 on: `java -Djarmode=tools -jar app.jar extract --layers --launcher --destination <dir>`,
//   the same folders in the launcher's layout (jarmode-tools ExtractCommand.java, v3.3.0 a25e1ebe4
//   and v4.0.0: `--layers` without a value extracts every layer, `--launcher` keeps the jar's layout).
// - The launcher: `org.springframework.boot.loader.JarLauncher` to 3.1, and
//   `org.springframework.boot.loader.launch.JarLauncher` from 3.2 (spring-boot-loader sources and
//   dockerfiles.adoc at v2.7.18 and v3.2.0 f08a69e61: `ENTRYPOINT ["java", "<launcher>"]`, run from
//   the folder the layers were copied into). The launcher runs the folder its own class comes from
//   (loader Launcher.java `createArchive`, v2.4.0; launch/Archive.java `create(Class)`, v3.2.0), so
//   `java -cp <folder> <launcher>` runs it from any working folder.
// Versions after 4.0 are not verified here and keep the fat jar.

/** The standard layers, stable first (the order of Spring Boot's Dockerfile examples). */
export const SPRING_LAYERS = ['dependencies', 'spring-boot-loader', 'snapshot-dependencies', 'application'] as const;

export interface SpringLayers {
  /** The Spring Boot version that builds the jar (`3.5.8`). */
  version: string;
  /** The jar mode's words after `java` and before the jar (`-Djarmode=tools`). */
  jarMode: string;
  /** The extract command's words after the jar, before `--destination` (`extract --layers --launcher`). */
  extract: string[];
  /** The launcher's class, run from the folder the layers are copied into. */
  launcher: string;
}

/** How a Spring Boot version extracts and starts its layers, or undefined outside 2.4.0 to 4.0.x. */
export function springLayersOf(version: string): SpringLayers | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)(?:\.RELEASE)?$/.exec(version);
  if (!match) {
    return undefined; // milestones, release candidates, snapshots: not verified
  }
  const [major, minor] = [Number(match[1]), Number(match[2])];
  const at = major * 100 + minor;
  if (at < 204 || at > 400) {
    return undefined;
  }
  const launcher = at >= 302 ? 'org.springframework.boot.loader.launch.JarLauncher' : 'org.springframework.boot.loader.JarLauncher';
  return at >= 303
    ? { version, jarMode: '-Djarmode=tools', extract: ['extract', '--layers', '--launcher'], launcher }
    : { version, jarMode: '-Djarmode=layertools', extract: ['extract'], launcher };
}

/**
 * Maven: the spring-boot-maven-plugin's version (its own `<version>`, else the
 * spring-boot-starter-parent's), when no plugin configuration changes the layers, the launcher or
 * the jar's start (custom layers, layout, loader implementation, launch script, unpacked jars).
 */
export function mavenSpringLayers(xml: string, resolve: (text: string | undefined) => string | undefined): SpringLayers | undefined {
  if (MANIFEST_ATTRIBUTES.test(xml)) {
    return undefined;
  }
  const plugins = [...xml.matchAll(/<plugin>((?:(?!<\/plugin>)[\s\S])*?<artifactId>\s*spring-boot-maven-plugin\s*<\/artifactId>[\s\S]*?)<\/plugin>/g)].map((match) => match[1]);
  if (plugins.length === 0 || plugins.some(changesLayout) || /<profiles>[\s\S]*spring-boot-maven-plugin/.test(xml)) {
    return undefined;
  }
  const pluginVersions = [...new Set(plugins.map((plugin) => /<version>\s*([^<]+?)\s*<\/version>/.exec(plugin.replace(/<(dependencies|executions|configuration)>[\s\S]*?<\/\1>/g, ''))?.[1]).filter((version): version is string => version !== undefined).map(resolve))];
  const parent = /<parent>([\s\S]*?)<\/parent>/.exec(xml)?.[1] ?? '';
  const parentVersion = /<groupId>\s*org\.springframework\.boot\s*<\/groupId>/.test(parent) && /<artifactId>\s*spring-boot-starter-parent\s*<\/artifactId>/.test(parent)
    ? /<version>\s*([^<]+?)\s*<\/version>/.exec(parent)?.[1]
    : undefined;
  const version = pluginVersions.length > 1 ? undefined : pluginVersions.length === 1 ? pluginVersions[0] : parentVersion;
  return version === undefined ? undefined : springLayersOf(version);
}

/**
 * Manifest attributes the JVM reads only when it starts the jar itself (`java -jar`): started by
 * the launcher from the layers they are ignored (JDK's "JAR File Specification": Add-Opens,
 * Add-Exports, Enable-Native-Access, Launcher-Agent-Class apply to the main jar only), and an app
 * that needs them would fail. Any manifest customisation keeps the fat jar.
 */
const MANIFEST_ATTRIBUTES = /\b(Add-Opens|Add-Exports|Enable-Native-Access|Launcher-Agent-Class)\b|<manifestEntries>|<manifestFile>|\bmanifest\s*\{/;

function changesLayout(plugin: string): boolean {
  return /<(layers|layout|layoutFactory|loaderImplementation|includeLayerTools|includeTools|executable|embeddedLaunchScript|requiresUnpack|classifier)>/.test(plugin);
}

/**
 * Gradle: the org.springframework.boot plugin's version (`id 'org.springframework.boot' version
 * '3.2.0'`, the buildscript's `spring-boot-gradle-plugin:2.7.18`, or a version catalog's plugin
 * entry), when nothing configures the layers, the loader, a launch script or the Main-Class.
 */
export function gradleSpringLayers(build: string, catalog: string | undefined): SpringLayers | undefined {
  // `apply false`: the plugin is only put on the class path, and this build's jar is not Spring Boot's.
  if (/\b(layered|includeLayerTools|includeTools|loaderImplementation|launchScript|requiresUnpack)\b|Main-Class|\bapply\s*\(?\s*false\b/.test(build) || MANIFEST_ATTRIBUTES.test(build)) {
    return undefined;
  }
  const versions = [
    ...[...build.matchAll(/\bid\s*\(?\s*["']org\.springframework\.boot["']\s*\)?\s*version\s*\(?\s*["']([^"']+)["']/g)].map((match) => match[1]),
    ...[...build.matchAll(/["']org\.springframework\.boot:spring-boot-gradle-plugin:([^"']+)["']/g)].map((match) => match[1]),
  ];
  const alias = /\balias\s*\(\s*libs\.plugins\.([\w.]+)\s*\)/g;
  for (const [, accessor] of build.matchAll(alias)) {
    const version = catalog === undefined ? undefined : catalogPluginVersion(catalog, accessor);
    if (version !== undefined) {
      versions.push(version);
    }
  }
  const unique = [...new Set(versions)];
  return unique.length === 1 ? springLayersOf(unique[0]) : undefined;
}

/**
 * A version catalog's (gradle/libs.versions.toml) org.springframework.boot plugin version, when
 * the alias the build applies names it: `spring-boot = { id = "org.springframework.boot",
 * version = "3.2.0" }` or `version.ref = "spring-boot"` into [versions].
 */
function catalogPluginVersion(catalog: string, accessor: string): string | undefined {
  const toml = catalog.replace(/#.*$/gm, '');
  const section = (name: string) => new RegExp(`^\\[${name}\\]\\s*$([\\s\\S]*?)(?=^\\[|(?![\\s\\S]))`, 'm').exec(toml)?.[1] ?? '';
  // Gradle's accessor joins the alias's parts with dots (spring-boot, spring_boot, spring.boot).
  const entry = [...section('plugins').matchAll(/^\s*([\w.-]+)\s*=\s*\{([^}]*)\}\s*$/gm)].find(([, key]) => key.replace(/[-_]/g, '.') === accessor);
  if (!entry || !/\bid\s*=\s*"org\.springframework\.boot"/.test(entry[2])) {
    return undefined;
  }
  const literal = /\bversion\s*=\s*"([^"]+)"/.exec(entry[2])?.[1];
  const ref = /\bversion\.ref\s*=\s*"([^"]+)"/.exec(entry[2])?.[1];
  if (literal !== undefined) {
    return literal;
  }
  return ref === undefined ? undefined : new RegExp(`^\\s*${ref.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*=\\s*"([^"]+)"\\s*$`, 'm').exec(section('versions'))?.[1];
}
