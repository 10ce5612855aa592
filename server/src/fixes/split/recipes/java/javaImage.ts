// Whether a single stage is a Java one, and which Java it runs: the official JDK/JRE images and
// the build tools' images (catalog), other JDK, JRE and servlet-container images by name (App
// Engine's openjdk8, UBI's openjdk-21-runtime, jetty, tomcat), or a JDK installed with the
// system's package manager. A Java stage the split cannot handle is declined with a reason, so
// recognising it here must not take files from the other recipes: images of another language are
// not Java, whatever they install.
import { lookupImage } from '../../../../catalog/catalog';
import { Stage, resolveBaseImage } from '../../../../core/stages';
import { ScannedCommand } from '../shared/stageScan';

/** Catalog entries of the JDK/JRE images and of the build tools' images (they ship a JDK; clojure's has Leiningen). */
const CATALOG_JAVA_IMAGES = new Set(['eclipse-temurin', 'openjdk', 'amazoncorretto', 'sapmachine', 'maven', 'gradle', 'clojure']);
/** The last path segment of a JDK or JRE image's repository (`google_appengine/openjdk8`, `ubi9/openjdk-21-runtime`). */
const JDK_REPOSITORY = /^(open)?(jdk|jre)[-_]?(\d+)?|^(java|temurin|zulu|corretto|liberica\w*|graalvm\w*|ibm-semeru-runtimes|semeru\w*)(\d+)?(?:[-_]|$)/;
/** Servlet containers: the app is a .war they deploy, not a jar that runs on its own. */
const SERVLET_CONTAINER = /^(jetty|tomcat|tomee|wildfly|jboss\w*|payara\w*|glassfish|open-liberty|websphere-liberty)\d*$/;
/** System packages that install a JDK or JRE (Debian, Alpine, Red Hat), with the release they carry. */
const JDK_PACKAGE = /^(?:openjdk-(\d+)-j(?:re|dk)(?:-headless)?|openjdk(\d+)(?:-jre|-jdk)?(?:-headless)?|java-(?:1\.)?(\d+)-openjdk(?:-headless|-devel)?|temurin-(\d+)-j(?:re|dk)|default-j(?:re|dk)(?:-headless)?)$/;
/**
 * sbt's images: a Temurin JDK with sbt and Scala, tagged `eclipse-temurin-[<ubuntu>-]<jdk>_<sbt>_<scala>`
 * (`eclipse-temurin-21.0.6_7_1.10.11_2.13.16`, `eclipse-temurin-8u352-b08_...`).
 */
const SBT_IMAGE = /^(sbtscala|hseeberger)\/scala-sbt$/;
const SBT_TEMURIN_TAG = /^eclipse-temurin-(?:[a-z]+-)?(\d+)(?:u\d+|\.)/;
const PACKAGE_MANAGERS = /^(apt-get|apt|apk|microdnf|dnf|yum)$/;

export interface JavaImage {
  /** The image's Java release, when its name or the catalog says it (`8`, `17`). */
  release?: number;
  /** A JDK (it can build); false for a JRE or a servlet container. */
  jdk: boolean;
  /** A servlet container (Jetty, Tomcat...), which deploys .war files. */
  servletContainer: boolean;
}

/** The stage's base image as a Java image, or undefined when it is not one (or is another language's). */
export function javaImage(stage: Stage): JavaImage | undefined {
  const { base } = resolveBaseImage(stage);
  if (base.kind !== 'image') {
    return undefined;
  }
  const lookup = lookupImage(base.image);
  if (lookup.facts.kind === 'distroless' || (lookup.facts.runtime && lookup.facts.runtime.language !== 'java')) {
    return undefined; // already a runtime image, or another language's image
  }
  if (lookup.entry && CATALOG_JAVA_IMAGES.has(lookup.entry.id)) {
    const version = lookup.facts.toolchain?.version ?? lookup.facts.runtime?.version;
    return { release: version === undefined ? undefined : Number(version), jdk: lookup.facts.toolchain?.language === 'java', servletContainer: false };
  }
  if (SBT_IMAGE.test(base.image.repository)) {
    const release = SBT_TEMURIN_TAG.exec(base.image.tag ?? '')?.[1];
    return { release: release === undefined ? undefined : Number(release), jdk: true, servletContainer: false };
  }
  const name = base.image.repository.split('/').pop() ?? '';
  if (SERVLET_CONTAINER.test(name)) {
    return { jdk: false, servletContainer: true };
  }
  const match = JDK_REPOSITORY.exec(name);
  if (!match) {
    return undefined;
  }
  const release = match[3] ?? match[5] ?? /^(\d+)(?:[.-]|$)/.exec(base.image.tag ?? '')?.[1];
  return { release: release === undefined ? undefined : Number(release), jdk: !/jre|runtime/.test(name), servletContainer: false };
}

/** Whether the base image is another language's (node, python...): its stage is not Java's to decline. */
export function isOtherLanguageImage(stage: Stage): boolean {
  const { base } = resolveBaseImage(stage);
  const language = base.kind === 'image' ? lookupImage(base.image).facts.runtime?.language : undefined;
  return language !== undefined && language !== 'java';
}

/**
 * The Java release of a JDK or JRE the stage installs with its package manager (`microdnf
 * install java-17-openjdk-headless`); 0 when the package names none (`default-jdk`), undefined
 * when it installs none.
 */
export function installedJavaRelease(commands: ScannedCommand[]): number | undefined {
  for (const { args } of commands) {
    if (!PACKAGE_MANAGERS.test(args[0] ?? '') || !args.some((word) => word === 'install' || word === 'add')) {
      continue;
    }
    for (const word of args) {
      const match = JDK_PACKAGE.exec(word ?? '');
      if (match) {
        return Number(match.slice(1).find(Boolean) ?? 0);
      }
    }
  }
  return undefined;
}
