// Which distroless runtime fits a given builder or full image. Used by messages and fixes.
import { ImageReference } from '../core/imageReference';
import { majorMinor } from './builders/tags';
import { phpVariant } from './builders/php';

export interface RuntimeSuggestion {
  image: string;
  /** Why this one, for messages. */
  reason: string;
  /** Set for an interpreted language without a distroless image (`Ruby`, `PHP`): `image` is its smallest official variant. */
  noDistroless?: string;
}

const STATIC = 'gcr.io/distroless/static-debian13:nonroot';
const CC = 'gcr.io/distroless/cc-debian13:nonroot';

/** The smallest image with CA certificates, /etc/passwd and tzdata: what `scratch` lacks. */
export const STATIC_WITH_BASE_FILES = STATIC;

/** Node majors with a current distroless image (nodejs20 was dropped in May 2026). */
export const DISTROLESS_NODE_MAJORS = [22, 24, 26];
const DISTROLESS_JAVA_RELEASES = [17, 21, 25];

export function suggestRuntimeImage(ref: ImageReference): RuntimeSuggestion {
  const repo = ref.repository.split('/').pop() ?? ref.repository;
  const tag = ref.tag ?? '';
  const major = Number(/^(\d+)/.exec(tag)?.[1] ?? NaN);
  if (repo === 'golang' || repo === 'go') {
    return { image: STATIC, reason: 'a Go binary built with CGO_ENABLED=0 needs no libc' };
  }
  if (repo === 'rust') {
    return { image: CC, reason: 'Rust binaries link glibc and libgcc' };
  }
  if (repo === 'python' || repo === 'pypy') {
    return { image: 'gcr.io/distroless/python3-debian13:nonroot', reason: 'it ships Python 3.13' };
  }
  if (repo === 'node') {
    const nodeMajor = DISTROLESS_NODE_MAJORS.includes(major) ? major : 24;
    return { image: `gcr.io/distroless/nodejs${nodeMajor}-debian13:nonroot`, reason: `it ships Node.js ${nodeMajor}` };
  }
  if (repo === 'ruby' || repo === 'php') {
    return interpretedWithoutDistroless(repo, tag);
  }
  if (['openjdk', 'eclipse-temurin', 'amazoncorretto', 'maven', 'gradle', 'ibm-semeru-runtimes'].includes(repo)) {
    const javaRelease = javaReleaseFromTag(tag);
    return { image: `gcr.io/distroless/java${javaRelease}-debian13:nonroot`, reason: `it ships a Java ${javaRelease} runtime` };
  }
  if (ref.registry === 'mcr.microsoft.com' && ref.repository.startsWith('dotnet/')) {
    return { image: 'mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled', reason: 'the chiseled .NET images have no shell and run as non-root' };
  }
  return { image: STATIC, reason: 'copy only the built artifacts into it (use cc or base for dynamically linked binaries)' };
}

function javaReleaseFromTag(tag: string): number {
  const numbers = (tag.match(/\d+/g) ?? []).map(Number);
  const release = numbers.find((n) => DISTROLESS_JAVA_RELEASES.includes(n));
  return release ?? 21;
}

/**
 * Ruby and PHP have no distroless image (GoogleContainerTools/distroless builds none): the smallest
 * official image of the same release is the minimal choice (ruby's -slim; php's -alpine, as php
 * has no -slim and its Debian variants keep the compilers), run as a non-root user. Chainguard
 * publishes shell-less ruby and php images, whose free tag is the newest release only.
 */
function interpretedWithoutDistroless(repo: 'ruby' | 'php', tag: string): RuntimeSuggestion {
  const version = majorMinor(tag);
  if (repo === 'ruby') {
    return {
      image: `ruby:${version ? `${version}-slim` : 'slim'}`,
      reason: 'the same Ruby on Debian slim, run as a non-root USER; cgr.dev/chainguard/ruby has no shell, but its free tag is the newest Ruby only',
      noDistroless: 'Ruby',
    };
  }
  const variant = phpVariant(tag);
  if (variant === 'apache') {
    // No Alpine apache variant: the Alpine alternative is php-fpm behind a separate web server.
    return {
      image: `php:${version ? `${version}-` : ''}apache`,
      reason: 'the apache variant has no Alpine image; for a smaller one, serve php:fpm-alpine behind a separate web server, run as www-data',
      noDistroless: 'PHP',
    };
  }
  return {
    image: `php:${version ? `${version}-` : ''}${variant}-alpine`,
    reason: 'the same PHP on Alpine, without the compilers the Debian variants keep, run as a non-root USER (www-data); cgr.dev/chainguard/php has no shell, but its free tag is the newest PHP only',
    noDistroless: 'PHP',
  };
}
