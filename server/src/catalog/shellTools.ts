// What a start script may run on the split's runtimes with a shell: the shells' own builtins, the
// programs every Debian -slim image has, those Alpine's busybox provides, and which package
// provides a tool a script runs (nc, ab, psql...), so the runtime installs it as the build did.

import { Source } from './facts';

/** Builtins and reserved words of dash, busybox ash and bash: no program needed. */
export const SHELL_BUILTINS: ReadonlySet<string> = new Set([
  ':', '.', 'source', 'alias', 'bg', 'break', 'cd', 'command', 'continue', 'echo', 'eval', 'exec', 'exit', 'export', 'false', 'fg', 'getopts',
  'hash', 'jobs', 'kill', 'local', 'printf', 'pwd', 'read', 'readonly', 'return', 'set', 'shift', 'test', '[', '[[', 'times', 'trap', 'true',
  'type', 'ulimit', 'umask', 'unalias', 'unset', 'wait', 'declare', 'typeset', 'let', 'shopt', 'mapfile', 'readarray',
  'if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', 'for', 'case', 'esac', 'in', 'function', '{', '}', '!',
]);

/**
 * Programs of the packages every Debian -slim image has: debuerreotype builds them with the
 * `Priority: required` set (debootstrap --variant=minbase) less docs and locales, so coreutils,
 * dash, bash, grep, sed, findutils, gzip, tar, diffutils and mawk are there; python:*-slim,
 * node:*-slim and debian:*-slim all start from it. Tools outside it (nc, curl, wget, psql, ab)
 * are not there.
 */
export const DEBIAN_SLIM_COMMANDS: ReadonlySet<string> = new Set([
  // coreutils
  'arch', 'base32', 'base64', 'basename', 'cat', 'chgrp', 'chmod', 'chown', 'cksum', 'comm', 'cp', 'csplit', 'cut', 'date', 'dd', 'df', 'dirname',
  'du', 'env', 'expand', 'expr', 'factor', 'fmt', 'fold', 'groups', 'head', 'id', 'install', 'join', 'link', 'ln', 'logname', 'ls', 'md5sum',
  'mkdir', 'mkfifo', 'mknod', 'mktemp', 'mv', 'nice', 'nl', 'nohup', 'nproc', 'numfmt', 'od', 'paste', 'pathchk', 'pr', 'printenv', 'readlink',
  'realpath', 'rm', 'rmdir', 'seq', 'sha1sum', 'sha256sum', 'sha512sum', 'shred', 'shuf', 'sleep', 'sort', 'split', 'stat', 'stdbuf', 'stty',
  'sum', 'sync', 'tac', 'tail', 'tee', 'timeout', 'touch', 'tr', 'truncate', 'tsort', 'tty', 'uname', 'unexpand', 'uniq', 'unlink', 'wc',
  'whoami', 'yes', 'sh', 'dash', 'bash',
  'grep', 'egrep', 'fgrep', 'sed', 'find', 'xargs', 'gzip', 'gunzip', 'zcat', 'tar', 'diff', 'cmp', 'awk', 'mawk',
]);

/**
 * busybox applets of Alpine's busybox package (its default configuration): the Alpine runtime
 * is the build's own image, which has them.
 */
export const ALPINE_BUSYBOX_COMMANDS: ReadonlySet<string> = new Set([
  ...['arch', 'base64', 'basename', 'cat', 'chgrp', 'chmod', 'chown', 'cksum', 'comm', 'cp', 'cut', 'date', 'dd', 'df', 'dirname', 'du', 'env', 'expand',
    'expr', 'factor', 'fold', 'groups', 'head', 'id', 'install', 'link', 'ln', 'logname', 'ls', 'md5sum', 'mkdir', 'mkfifo', 'mknod', 'mktemp', 'mv',
    'nice', 'nl', 'nohup', 'nproc', 'od', 'paste', 'printenv', 'readlink', 'realpath', 'rm', 'rmdir', 'seq', 'sha1sum', 'sha256sum', 'sha512sum',
    'shred', 'shuf', 'sleep', 'sort', 'split', 'stat', 'stty', 'sum', 'sync', 'tac', 'tail', 'tee', 'timeout', 'touch', 'tr', 'truncate', 'tty',
    'uname', 'unexpand', 'uniq', 'unlink', 'wc', 'whoami', 'yes'],
  'sh', 'ash', 'grep', 'egrep', 'fgrep', 'sed', 'find', 'xargs', 'gzip', 'gunzip', 'zcat', 'tar', 'diff', 'cmp', 'awk', 'nc', 'wget', 'hostname',
]);

export const SHELL_TOOL_FACTS: Record<'debian' | 'alpine', Source> = {
  debian: { source: 'debuerreotype/debuerreotype (minbase, Priority: required) and docker-library/python, docker-library/official-images: debian:*-slim and the -slim images FROM it', checked: '2026-12-06' },
  alpine: { source: 'alpinelinux/aports main/busybox/busyboxconfig (applets of the busybox package)', checked: '2026-12-06' },
};

/**
 * The packages that provide a tool a script runs, per distribution: the runtime installs the one
 * the build installed. A tool the build did not install is not in the runtime either.
 */
export const TOOL_PACKAGES: Record<'debian' | 'alpine', Record<string, readonly string[]>> = {
  debian: {
    nc: ['netcat-openbsd', 'netcat-traditional', 'netcat'],
    netcat: ['netcat-openbsd', 'netcat-traditional', 'netcat'],
    'nc.traditional': ['netcat-traditional', 'netcat'],
    'nc.openbsd': ['netcat-openbsd'],
    ab: ['apache2-utils'],
    psql: ['postgresql-client', 'postgresql'],
    pg_isready: ['postgresql-client', 'postgresql'],
    mysql: ['default-mysql-client', 'mariadb-client'],
    mysqladmin: ['default-mysql-client', 'mariadb-client'],
    'redis-cli': ['redis-tools', 'redis-server', 'redis'],
    curl: ['curl'],
    wget: ['wget'],
    jq: ['jq'],
    gosu: ['gosu'],
    tini: ['tini'],
    'dumb-init': ['dumb-init'],
    envsubst: ['gettext-base', 'gettext'],
    ping: ['iputils-ping'],
    hostname: ['hostname'],
    ps: ['procps'],
    pgrep: ['procps'],
    ffmpeg: ['ffmpeg'],
  },
  alpine: {
    curl: ['curl'],
    jq: ['jq'],
    psql: ['postgresql-client', 'postgresql'],
    pg_isready: ['postgresql-client', 'postgresql'],
    mysql: ['mysql-client', 'mariadb-client'],
    'redis-cli': ['redis'],
    ab: ['apache2-utils'],
    bash: ['bash'],
    tini: ['tini'],
    'dumb-init': ['dumb-init'],
    envsubst: ['gettext', 'gettext-envsubst'],
    gosu: ['gosu'],
    'su-exec': ['su-exec'],
  },
};
