#!/usr/bin/env python3
"""Restores the context corpus (test/context-corpus/manifest.tsv) from git mirrors of its repositories,
as <corpus>/files/<slug>/<context_dir>/..., blob by blob: `git archive` would drop files marked
export-ignore and stop part-way at a blob the snapshot lacks (files of 4 MiB and more), silently
leaving a partial context. Missing blobs are listed in SKIPPED-LARGE.txt instead.

Usage: python3 scripts/restore-context-corpus.py [slug ...]
  MIRRORS: folder of mirrors named owner+name/repo (default /work/.mirror, where the session's fetch puts them)
  STAGECRAFT_CONTEXT_CORPUS: the corpus folder (default ../context-corpus beside the project)"""
import os, shutil, subprocess, sys
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
M = os.path.join(ROOT, 'test', 'context-corpus', 'manifest.tsv')
C = os.path.abspath(os.environ.get('STAGECRAFT_CONTEXT_CORPUS', os.path.join(ROOT, '..', 'context-corpus')))
MIRRORS = os.environ.get('MIRRORS', '/work/.mirror')
only = set(sys.argv[1:])
skipped, failed, recovered = [], [], []
rows = [l.rstrip('\n').split('\t') for l in open(M)][1:]
for r in rows:
    slug, repo, commit, ctx, df = r[:5]
    if only and slug not in only:
        continue
    g = os.path.join(MIRRORS, repo.replace('/', '+'), 'repo')
    if os.path.isdir(g + '/.git'):
        g += '/.git'
    dest = os.path.join(C, 'files', slug)
    shutil.rmtree(dest, ignore_errors=True)
    os.makedirs(dest)
    git = ['git', f'--git-dir={g}']
    use = commit
    if subprocess.run(git + ['cat-file', '-e', commit + '^{commit}'], capture_output=True).returncode != 0:
        p = df if ctx == '.' else f'{ctx}/{df}'
        use = subprocess.run(git + ['log', '--all', '-1', '--format=%H', '--', p], capture_output=True, text=True).stdout.strip()
        if not use:
            failed.append(f'{slug}\tcommit {commit} missing and no commit has {p}'); continue
        recovered.append(f'{slug}\t{repo}\tmanifest {commit} missing; used {use}')
    ls = subprocess.run(git + ['ls-tree', '-r', '-z', use, '--', ctx], capture_output=True)
    if ls.returncode != 0:
        failed.append(f'{slug}\tls-tree failed: {ls.stderr.decode()[:200]}'); continue
    entries = []
    for e in ls.stdout.split(b'\0'):
        if not e: continue
        meta, path = e.split(b'\t', 1)
        mode, typ, sha = meta.decode().split()
        if typ != 'blob': continue  # submodules are not in a build context's files
        entries.append((mode, sha, path.decode('utf-8', 'surrogateescape')))
    cat = subprocess.Popen(git + ['cat-file', '--batch'], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    for mode, sha, path in entries:
        cat.stdin.write(sha.encode() + b'\n'); cat.stdin.flush()
        header = cat.stdout.readline().split()
        if header[-1] == b'missing':
            skipped.append(f'{slug}\t{path}'); continue
        size = int(header[2]); data = cat.stdout.read(size); cat.stdout.read(1)
        out = os.path.join(dest, path)
        os.makedirs(os.path.dirname(out), exist_ok=True)
        if mode == '120000':
            os.symlink(data, out)
        else:
            with open(out, 'wb') as f: f.write(data)
            if mode == '100755': os.chmod(out, 0o755)
    cat.stdin.close(); cat.wait()
    if not os.path.isfile(os.path.join(dest, ctx, df)):
        failed.append(f'{slug}\tDockerfile {ctx}/{df} not restored')
if not only:
    open(os.path.join(C, 'RECOVERED.txt'), 'w').write(''.join(x + '\n' for x in recovered) or '# none: every manifest commit was in its snapshot\n')
    open(os.path.join(C, 'SKIPPED-LARGE.txt'), 'w').write('# files absent from the snapshots (4 MiB and more), not restored\n' + ''.join(x + '\n' for x in skipped))
print('rows', len(rows), 'failed', len(failed), 'recovered', len(recovered), 'skipped blobs', len(skipped))
print('\n'.join(failed))
