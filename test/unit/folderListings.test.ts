import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeDockerfile } from '../../server/src/core/analyze';
import { folderBuildContext } from '../../server/src/fixes/folderContext';
import { FolderListings, MAX_LISTED_ENTRIES } from '../../server/src/fixes/folderListings';
import { dockerfile } from './helpers';

const NODE_APP = dockerfile('FROM node:24 AS build', 'WORKDIR /app', 'COPY . .', 'RUN npm ci');
/** Long enough ago that a listing of the folder is trusted while its time holds. */
const AN_HOUR_AGO = new Date(Date.now() - 3_600_000);

describe('folder listings kept between analyses', () => {
  let folder: string;
  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-listings-'));
    fs.writeFileSync(path.join(folder, 'package.json'), '{}');
    fs.mkdirSync(path.join(folder, 'src'));
    fs.utimesSync(folder, AN_HOUR_AGO, AN_HOUR_AGO);
  });
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  /** Adds an entry and puts the folder's time back, as if the change had not happened. */
  const addBehindTheCache = (name: string) => {
    const { mtime } = fs.statSync(folder);
    fs.writeFileSync(path.join(folder, name), '');
    fs.utimesSync(folder, mtime, mtime);
  };

  it('lists like a fresh read: sorted, folders with a trailing slash', () => {
    assert.deepEqual(new FolderListings().list(folder), ['package.json', 'src/']);
    assert.equal(new FolderListings().list(path.join(folder, 'missing')), undefined);
  });

  it('reuses a listing while the folder is unchanged, and lists again once an entry is added', () => {
    const listings = new FolderListings();
    assert.deepEqual(listings.list(folder), ['package.json', 'src/']);
    addBehindTheCache('hidden.txt');
    assert.deepEqual(listings.list(folder), ['package.json', 'src/'], 'the folder time held: no second read');
    fs.writeFileSync(path.join(folder, 'go.mod'), 'module x\n');
    assert.deepEqual(listings.list(folder), ['go.mod', 'hidden.txt', 'package.json', 'src/']);
  });

  it('sees a removed entry', () => {
    const listings = new FolderListings();
    listings.list(folder);
    fs.rmSync(path.join(folder, 'package.json'));
    assert.deepEqual(listings.list(folder), ['src/']);
  });

  it('does not trust a listing taken just after the folder changed (coarse file system times)', () => {
    const listings = new FolderListings();
    const now = new Date();
    fs.utimesSync(folder, now, now);
    listings.list(folder);
    addBehindTheCache('late.txt');
    assert.deepEqual(listings.list(folder), ['late.txt', 'package.json', 'src/']);
  });

  it('forgets every listing when cleared (the client reported changed files)', () => {
    const listings = new FolderListings();
    listings.list(folder);
    addBehindTheCache('hidden.txt');
    listings.clear();
    assert.deepEqual(listings.list(folder), ['hidden.txt', 'package.json', 'src/']);
  });

  it('answers whether the folder may hold a name, in any case; always "may" for a folder too large to list', function () {
    // Writing 5,001 files takes seconds on a loaded machine; nothing here is timed.
    this.timeout(30_000);
    const listings = new FolderListings();
    assert.equal(listings.mayHold(folder, '.dockerignore'), false);
    assert.equal(listings.mayHold(folder, 'package.json'), true);
    assert.equal(listings.mayHold(folder, 'Package.JSON'), true);
    for (let i = 0; i <= MAX_LISTED_ENTRIES; i++) {
      fs.writeFileSync(path.join(folder, `f${i}`), '');
    }
    assert.equal(listings.list(folder), undefined);
    assert.equal(listings.mayHold(folder, '.dockerignore'), true);
  });

  describe('through the build context', () => {
    it('a new ignore file in the folder is read, and a changed one is read again', () => {
      const listings = new FolderListings();
      const context = folderBuildContext(folder, listings);
      const findings = () => analyzeDockerfile(NODE_APP, { buildContext: folderBuildContext(folder, listings), documentPath: 'Dockerfile' }).findings;
      const missing = () => findings().filter((finding) => finding.ruleId === 'missing-dockerignore');
      assert.equal(context.readFile('.dockerignore'), undefined);
      assert.match(missing()[0]?.message ?? '', /has no \.dockerignore/);

      fs.writeFileSync(path.join(folder, '.dockerignore'), '.git\n');
      assert.equal(context.readFile('.dockerignore'), '.git\n');
      assert.match(missing()[0]?.message ?? '', /\.dockerignore does not exclude `\.env`/);

      // Same folder entries, new text: files are read from disk each time, never cached.
      fs.writeFileSync(path.join(folder, '.dockerignore'), '.git\n.env\n.env.*\nnode_modules\n**/node_modules\nnpm-debug.log\n');
      assert.deepEqual(missing(), []);
    });

    it('a new marker file in the folder changes what the listing-based rule suggests', () => {
      fs.rmSync(path.join(folder, 'package.json'));
      const listings = new FolderListings();
      const message = () =>
        analyzeDockerfile(NODE_APP, { buildContext: folderBuildContext(folder, listings), documentPath: 'Dockerfile' }).findings.find((finding) => finding.ruleId === 'missing-dockerignore')?.message ?? '';
      assert.doesNotMatch(message(), /Node\.js/);
      fs.writeFileSync(path.join(folder, 'package.json'), '{}');
      assert.match(message(), /local Node\.js build output/);
    });

    it('reads files in subfolders and above the root as before', () => {
      fs.writeFileSync(path.join(folder, 'src', 'main.go'), 'package main\n');
      const context = folderBuildContext(folder, new FolderListings());
      assert.equal(context.readFile('src/main.go'), 'package main\n');
      assert.deepEqual(context.listDirectory?.('src'), ['main.go']);
      assert.equal(context.readFile('../outside'), undefined);
    });
  });
});
