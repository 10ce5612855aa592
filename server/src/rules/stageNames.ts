// Telling a stage name from an image reference, and a misspelt stage name from both. Shared by
// the rules that read `FROM <name>` and `--from=<name>`, so they agree on what is a typo.
import { lookupImage } from '../catalog/catalog';
import { parseImageReference } from '../core/imageReference';
import { Stage, findStageByName, sameStageName } from '../core/stages';
import { closestMatches } from './editDistance';

/**
 * Docker Official Images whose bare name (`--from=busybox`, `FROM node`) is a real image, never a
 * misspelt stage name. (Image knowledge: it belongs in the catalog once the catalog lists names.)
 */
const OFFICIAL_IMAGE_NAMES = new Set([
  'adminer', 'almalinux', 'alpine', 'amazoncorretto', 'amazonlinux', 'archlinux', 'bash', 'buildpack-deps',
  'busybox', 'caddy', 'cassandra', 'centos', 'clickhouse', 'clojure', 'composer', 'consul', 'couchdb', 'dart',
  'debian', 'docker', 'eclipse-temurin', 'elasticsearch', 'elixir', 'erlang', 'fedora', 'fluentd', 'gcc',
  'ghost', 'golang', 'gradle', 'groovy', 'haproxy', 'haskell', 'hello-world', 'httpd', 'ibm-semeru-runtimes',
  'influxdb', 'jenkins', 'jetty', 'julia', 'kibana', 'kong', 'logstash', 'mariadb', 'maven', 'memcached',
  'mongo', 'mono', 'mysql', 'nats', 'neo4j', 'nextcloud', 'nginx', 'node', 'openjdk', 'oraclelinux', 'percona',
  'perl', 'php', 'phpmyadmin', 'photon', 'postgres', 'pypy', 'python', 'r-base', 'rabbitmq', 'redis',
  'registry', 'rockylinux', 'ruby', 'rust', 'sapmachine', 'scratch', 'solr', 'sonarqube', 'swift', 'telegraf',
  'tomcat', 'traefik', 'ubuntu', 'varnish', 'vault', 'wordpress', 'zookeeper',
]);

/**
 * True when a `--from` or `FROM` value reads as an image rather than a stage name: it has a
 * registry, path, tag or digest (`ghcr.io/astral-sh/uv:0.5`, `node:22`), or it is the bare name
 * of an official image (`busybox`) or of an image the catalog knows.
 */
export function looksLikeImage(value: string): boolean {
  if (/[/:@]/.test(value)) {
    return true;
  }
  const lower = value.toLowerCase();
  if (OFFICIAL_IMAGE_NAMES.has(lower)) {
    return true;
  }
  const ref = parseImageReference(lower);
  return ref !== undefined && lookupImage(ref).entry !== undefined;
}

/** Stage names are lowercase letters, digits, `-`, `_` and `.` (BuildKit rejects others). */
export function couldBeStageName(value: string): boolean {
  return /^[a-z][a-z0-9._-]*$/i.test(value);
}

/**
 * The stages whose names `value` most likely misspells (`buidl` → `build`), or [] when it matches
 * a stage exactly, reads as an image, or is close to none. `except` leaves out one stage (the one
 * doing the referring).
 */
export function misspeltStageNames(value: string, stages: readonly Stage[], except?: Stage): Stage[] {
  if (!couldBeStageName(value) || looksLikeImage(value)) {
    return [];
  }
  const named = stages.filter((stage): stage is Stage & { name: string } => stage.name !== undefined && stage !== except);
  if (named.some((stage) => sameStageName(stage.name, value))) {
    return [];
  }
  const names = closestMatches(value, named.map((stage) => stage.name));
  return named.filter((stage) => names.some((name) => sameStageName(name, stage.name)));
}

/**
 * For `FROM <name>`: a stage defined after this one with exactly that name. FROM only sees earlier
 * stages, so Docker pulls an image of that name instead (unless the name is a real image).
 */
export function laterStageNamed(stage: Stage, stages: readonly Stage[]): Stage | undefined {
  const value = stage.baseText;
  if (!couldBeStageName(value) || looksLikeImage(value)) {
    return undefined;
  }
  return findStageByName(stages.slice(stage.index + 1), value);
}
