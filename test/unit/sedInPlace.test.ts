import * as assert from 'node:assert/strict';
import { sedInPlaceFiles } from '../../server/src/fixes/split/recipes/shared/sedInPlace';

describe('split: sed -i that only substitutes text in the files it names', () => {
  it('names the files of a substitution in place, with -e, --expression and a backup suffix', () => {
    assert.deepEqual(sedInPlaceFiles(['-i', 's/\\r$//g', '/usr/src/app/entrypoint.sh']), { files: ['/usr/src/app/entrypoint.sh'] });
    assert.deepEqual(sedInPlaceFiles(['-Ei', '-e', 's|a|b|', '-e', 's/c/d/2;s,x\\,y,z,I', 'a.sh', 'b.sh']), { files: ['a.sh', 'b.sh'] });
    assert.deepEqual(sedInPlaceFiles(['--in-place=.bak', '--expression=s/a/b/g', '--', 'run.sh']), { files: ['run.sh'] });
    // `-ie` is -i with the backup suffix "e": the script is the first operand
    assert.deepEqual(sedInPlaceFiles(['-ie', 's/a/b/', 'c.sh']), { files: ['c.sh'] });
  });

  it('refuses what reaches beyond the named files, or names none', () => {
    for (const args of [
      ['s/a/b/', 'c.sh'], // prints to stdout
      ['-i', 's/a/b/'], // reads stdin
      ['-i', 's/a/b/w /etc/out', 'c.sh'], // the w flag writes a file
      ['-i', 's/a/b/e', 'c.sh'], // the e flag runs the line
      ['-i', '1d', 'c.sh'],
      ['-i', 's/a/b/;w /tmp/x', 'c.sh'],
      ['-i', 's/a/b', 'c.sh'],
      ['-i', '-f', 'script.sed', 'c.sh'],
      ['-i', '--follow-symlinks', 's/a/b/', 'c.sh'],
    ]) {
      assert.ok('reason' in sedInPlaceFiles(args), args.join(' '));
    }
  });
});
