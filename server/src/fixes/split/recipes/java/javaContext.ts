// What the build context says about a Maven or Gradle project: the runnable jar the build
// writes (so the runtime copies exactly that file) and the Java release it targets. Only the
// common, unambiguous shapes are read; anything else gives undefined and the recipe falls back
// to the start command or declines.
import { BuildContext } from '../../../fix';
import { SpringLayers, gradleSpringLayers, mavenSpringLayers } from './springLayers';

export interface JavaProject {
  /** The runnable jar, relative to the project directory (`target/app-1.0.jar`). */
  jar?: string;
  /** The Java release the sources are compiled for (`17`). */
  release?: number;
  /**
   * Where that release comes from, which says what a builder JDK older than it does:
   * `compiler`: javac of the builder's JDK is asked for it (maven.compiler.release/target, the
   * compiler plugin's `<release>`/`<target>`, `java.version` under spring-boot-starter-parent, which
   * maps it to those; Gradle's source/targetCompatibility without a toolchain), and refuses a
   * release newer than itself. How the build fails depends on the compiler plugin: Maven before
   * 3.9 binds maven-compiler-plugin 3.1 by default (MNG-7666 moved it to 3.10.1 in 3.9.0), which
   * has no `release` parameter and ignores maven.compiler.release, compiling for 1.5 instead;
   * `toolchain`: Gradle's toolchain (or Maven's toolchains plugin) compiles with a JDK of that
   * release, found or downloaded apart from the builder's; `property`: a `java.version` no plugin
   * is seen to read, a hint only.
   */
  releaseFrom?: 'compiler' | 'toolchain' | 'property';
  /** Spring Boot's layered jar, when the split can tell its version and that its layers are the standard ones. */
  springLayers?: SpringLayers;
}

/** Maven: `target/<finalName>.jar` for a `jar` packaging that a plugin makes runnable. */
export function readMaven(context: BuildContext, dir: string): JavaProject | undefined {
  const pom = context.readFile(join(dir, 'pom.xml'));
  if (pom === undefined) {
    return undefined;
  }
  const xml = pom.replace(/<!--[\s\S]*?-->/g, '');
  const properties = new Map<string, string>();
  for (const [, name, value] of (/<properties>([\s\S]*?)<\/properties>/.exec(xml)?.[1] ?? '').matchAll(/<([\w.-]+)>\s*([^<]*?)\s*<\/\1>/g)) {
    properties.set(name, value);
  }
  // The project's own elements: the POM without <parent>, <dependencies>, <build>, <profiles>...
  const own = xml.replace(/<(parent|dependencies|dependencyManagement|build|profiles|modules|reporting|properties)>[\s\S]*?<\/\1>/g, '');
  const parentVersion = /<parent>[\s\S]*?<version>\s*([^<]+?)\s*<\/version>/.exec(xml)?.[1];
  const artifactId = /<artifactId>\s*([^<]+?)\s*<\/artifactId>/.exec(own)?.[1];
  const version = /<version>\s*([^<]+?)\s*<\/version>/.exec(own)?.[1] ?? parentVersion;
  const packaging = /<packaging>\s*([^<]+?)\s*<\/packaging>/.exec(own)?.[1] ?? 'jar';
  properties.set('project.artifactId', artifactId ?? '');
  properties.set('project.version', version ?? '');
  const resolve = (text: string | undefined) => resolveProperties(text, properties);
  const compilerProperty = properties.get('maven.compiler.release') ?? properties.get('maven.compiler.target');
  const pluginRelease = /<artifactId>maven-compiler-plugin<\/artifactId>[\s\S]*?<(?:release|target)>\s*([^<]+?)\s*<\/(?:release|target)>/.exec(xml)?.[1];
  // spring-boot-starter-parent sets maven.compiler.source/target (2.x) or maven.compiler.release
  // (3.x, 4.0) to ${java.version} (spring-boot-starter-parent/build.gradle, v2.7.18, v3.5.8, v4.0.0).
  const springParent = /<parent>[\s\S]*?<artifactId>\s*spring-boot-starter-parent\s*<\/artifactId>[\s\S]*?<\/parent>/.test(xml);
  const compiled = compilerProperty ?? (springParent ? properties.get('java.version') : undefined) ?? pluginRelease;
  const release = javaRelease(resolve(compiled ?? properties.get('java.version')));
  const releaseFrom = release === undefined ? undefined
    : /<artifactId>\s*maven-toolchains-plugin\s*<\/artifactId>/.test(xml) ? 'toolchain' as const
      : compiled !== undefined ? 'compiler' as const : 'property' as const;
  const target = { release, ...(releaseFrom ? { releaseFrom } : {}) };
  const build = /<build>([\s\S]*?)<\/build>/.exec(xml)?.[1] ?? '';
  if (packaging !== 'jar' || /<directory>/.test(build) || /<classifier>/.test(build)) {
    return target; // a war, an aggregator, or output moved: no jar we can name
  }
  const finalName = resolve(/<finalName>\s*([^<]+?)\s*<\/finalName>/.exec(build)?.[1] ?? (artifactId && version ? `${artifactId}-${version}` : undefined));
  if (!finalName || /[${}]/.test(finalName)) {
    return target;
  }
  if (/<artifactId>spring-boot-maven-plugin<\/artifactId>/.test(build)) {
    // Shade over a Spring Boot jar is not the jar Spring Boot's tools extract.
    const springLayers = /<artifactId>maven-shade-plugin<\/artifactId>/.test(build) ? undefined : mavenSpringLayers(xml, resolve);
    return { jar: `target/${finalName}.jar`, ...target, ...(springLayers ? { springLayers } : {}) }; // repackaged in place
  }
  if (/<artifactId>maven-shade-plugin<\/artifactId>/.test(build) && !/<shadedArtifactAttached>\s*true/.test(build)) {
    return { jar: `target/${finalName}.jar`, ...target }; // shaded in place: the jar runs
  }
  if (/<descriptorRef>\s*jar-with-dependencies\s*<\/descriptorRef>/.test(build) && !/<appendAssemblyId>\s*false/.test(build)) {
    return { jar: `target/${finalName}-jar-with-dependencies.jar`, ...target };
  }
  return target; // a plain jar has neither its dependencies nor, usually, a Main-Class
}

/** Gradle: the Spring Boot plugin's bootJar or the Shadow plugin's `-all` jar in build/libs. */
export function readGradle(context: BuildContext, dir: string): JavaProject | undefined {
  const file = ['build.gradle', 'build.gradle.kts'].map((name) => context.readFile(join(dir, name))).find((text) => text !== undefined);
  if (file === undefined) {
    return undefined;
  }
  const build = file.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
  const settings = (context.readFile(join(dir, 'settings.gradle')) ?? context.readFile(join(dir, 'settings.gradle.kts')) ?? '').replace(/\/\/.*$/gm, '');
  const toolchain = /JavaLanguageVersion\.of\(\s*["']?(\d+)/.exec(build)?.[1] ?? /jvmToolchain\(\s*(\d+)/.exec(build)?.[1];
  const release = javaRelease(toolchain ??
    /(?:targetCompatibility|sourceCompatibility)\s*=\s*(?:JavaVersion\.VERSION_(\d+(?:_\d+)?)|["']?([\d.]+))/.exec(build)?.slice(1).find(Boolean)?.replace('_', '.'),
  );
  const target = { release, ...(release === undefined ? {} : { releaseFrom: toolchain === undefined ? 'compiler' as const : 'toolchain' as const }) };
  if (/\b(buildDir|buildDirectory|destinationDirectory|archiveBaseName|archiveVersion|archiveClassifier|archiveAppendix|baseName)\b/.test(build) || /\binclude\s*\(?\s*["']/.test(settings)) {
    return target; // renamed or moved archives, or a multi-project build
  }
  const fileName = [...build.matchAll(/archiveFileName\s*(?:=|\.set\()\s*["']([^"'$]+)["']/g)].map((match) => match[1]);
  const name = /rootProject\.name\s*=\s*["']([^"'$]+)["']/.exec(settings)?.[1];
  const version = /^\s*version\s*=\s*["']([^"'$]+)["']/m.exec(build)?.[1];
  const archive = (suffix: string) => (name ? `build/libs/${name}${version ? `-${version}` : ''}${suffix}.jar` : undefined);
  if (/org\.springframework\.boot/.test(build)) {
    const jar = fileName.length === 1 ? `build/libs/${fileName[0]}` : fileName.length === 0 ? archive('') : undefined;
    const springLayers = jar === undefined || /shadow/i.test(build) ? undefined : gradleSpringLayers(build, context.readFile(join(dir, 'gradle/libs.versions.toml')));
    return { jar, ...target, ...(springLayers ? { springLayers } : {}) };
  }
  if (/(com\.github\.johnrengelman\.shadow|com\.gradleup\.shadow|io\.github\.goooler\.shadow)/.test(build) && fileName.length === 0) {
    return { jar: archive('-all'), ...target };
  }
  return target;
}

/** `17` from `17`, `1.8` → 8, `21.0.2` → 21; undefined for anything else. */
export function javaRelease(text: string | undefined): number | undefined {
  const match = /^\s*(?:1\.(\d+)|(\d+))(?:\.\d+)*\s*$/.exec(text ?? '');
  return match ? Number(match[1] ?? match[2]) : undefined;
}

function resolveProperties(text: string | undefined, properties: Map<string, string>): string | undefined {
  return text?.replace(/\$\{([\w.-]+)\}/g, (whole, name: string) => properties.get(name) || whole);
}

function join(dir: string, file: string): string {
  return dir === '' ? file : `${dir}/${file}`;
}
