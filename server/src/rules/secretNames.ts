// What counts as a secret for `secret-in-image`: variable names, literal values that are not
// placeholders, and file names of credentials and private keys.

/**
 * BuildKit's `SecretsUsedInArgOrEnv` tokens, bounded by `_` or the ends of the name
 * (so `NPM_TOKEN` and `API_KEY` yes, `MONKEY` and `TOKENIZER` no).
 */
const SECRET_TOKEN = /(?:^|_)(apikey|auth|credentials?|key|password|pword|passwd|secret|token)(?:_|$)/i;

/**
 * Names that hold no secret although they carry a secret word: BuildKit's own exemptions
 * (`public`, `file`, `version`), and settings *about* a secret (where it is, how long it lives,
 * which one): `JWT_SECRET_FILE`, `TOKEN_TTL`, `AUTH_URL`, `AWS_ACCESS_KEY_ID`, `KEY_PATH`.
 * `GPG_KEY`/`PGP_KEY` hold public key fingerprints (the official python image sets one).
 */
const NOT_SECRET_TOKEN =
  /(?:^|_)(public|file|files|version|path|dir|url|uri|host|port|name|type|mode|id|user|username|enabled?|disabled?|required|expiry|expires|expiration|ttl|timeout|lifetime|length|size|algorithm|alg|header|method|provider|endpoint|server|region|issuer|audience|gpg|pgp|fingerprint|keyserver|keyring|location|env|var)(?:_|$)/i;

export function isSecretName(name: string): boolean {
  // .NET configuration paths: `Filters__0__Key=ProcessId` names a filter's key, not a key.
  if (/__key$/i.test(name)) return false;
  return SECRET_TOKEN.test(name) && !NOT_SECRET_TOKEN.test(name);
}

/**
 * A literal value that looks like a real secret: not empty, not a `$VAR` reference, not a
 * placeholder (`changeme`, `<token>`, `xxx`, `your-key-here`), not a switch or a number
 * (`AUTH_ENABLED` aside, `SKIP_AUTH=true`), not a path or a URL without credentials in it.
 */
export function isLiteralSecretValue(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed.length < 4 || trimmed.includes('$')) {
    return false;
  }
  if (/^(true|false|yes|no|on|off|none|null|nil|undefined|empty|disabled?|enabled?)$/i.test(trimmed) || /^[\d.:-]+$/.test(trimmed)) {
    return false;
  }
  if (/change[-_ ]?me|placeholder|example|dummy|your[-_ ]|replace[-_ ]?(me|this|with)|^x{3,}$|^\*+$|^<.*>$|^\{\{.*\}\}$|^\[.*\]$|^(secret|password|token|key|apikey|api_key)$/i.test(trimmed)) {
    return false;
  }
  if (/^(\/|\.\/|\.\.\/|~\/)/.test(trimmed)) {
    return false;
  }
  const url = /^[a-z][a-z0-9+.-]*:\/\/([^/@\s]*)@/i.exec(trimmed);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    // A URL is a secret only with a password in it: `postgres://app:s3cret@db/app`.
    return url !== null && url[1].includes(':');
  }
  return true;
}

/** What a copied file or folder is, when its name says it holds a secret. */
export interface SecretFileKind {
  kind: 'private key' | 'environment file' | 'credentials file' | 'registry config';
}

/**
 * The last path segment of a COPY source names a secret: `.env` (not `.env.example`),
 * SSH private keys, `*.key`, a `.pem` named for a key (`privkey.pem`; certificates are public),
 * PKCS#12 keystores, `.netrc`, `.pypirc`, `.git-credentials`, `.npmrc`, and the `.ssh`, `.aws`
 * and `.gnupg` folders.
 */
export function secretFileKind(source: string): SecretFileKind | undefined {
  const name = source.replace(/\/+$/, '').split('/').pop() ?? '';
  if (name === '' || /[*?[]/.test(name)) {
    return undefined;
  }
  const lower = name.toLowerCase();
  if (/^\.env(\.[a-z0-9_-]+)?$/.test(lower) || /\.env$/.test(lower)) {
    if (/\.(example|sample|template|dist|defaults?|tmpl|tpl|test|ci|docker\.example)$/.test(lower) || /^(example|sample|template|test|testing|ci)\.env$/.test(lower)) {
      return undefined;
    }
    return { kind: 'environment file' };
  }
  if (/^id_(rsa|dsa|ecdsa|ed25519)(_sk)?$/.test(lower) || /\.(key|p12|pfx)$/.test(lower) || (/\.pem$/.test(lower) && /key|private/.test(lower)) || lower === '.ssh' || lower === '.gnupg') {
    return /^(public|pub)[._-]|[._-]pub(lic)?\.(key|pem)$/.test(lower) ? undefined : { kind: 'private key' };
  }
  if (['.netrc', '.pypirc', '.git-credentials', '.aws', 'credentials.json', '.htpasswd'].includes(lower)) {
    return { kind: 'credentials file' };
  }
  if (lower === '.npmrc' || lower === '.yarnrc.yml') {
    return { kind: 'registry config' };
  }
  return undefined;
}
