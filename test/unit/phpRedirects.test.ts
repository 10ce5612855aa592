import * as assert from 'node:assert/strict';
import { redirectTargets } from '../../server/src/fixes/split/recipes/php/phpRedirects';
import { scanStage } from '../../server/src/fixes/split/recipes/shared/stageScan';
import { analyze } from './helpers';

function targets(dockerfile: string): (string | undefined)[] {
  const model = analyze(dockerfile).model!;
  const stage = model.stages[0];
  return redirectTargets(stage, scanStage(stage, model, dockerfile, '/var/www/html'));
}

describe('split php: files RUN lines write with redirections', () => {
  it('resolves quoted targets, the image variables and relative paths', () => {
    assert.deepEqual(
      targets('FROM php:8.3-apache\nRUN { echo "a=1"; } > "$PHP_INI_DIR/conf.d/app.ini"\nRUN echo "ServerName x" >> /etc/apache2/apache2.conf\nRUN echo ok > ready.txt\n'),
      ['/usr/local/etc/php/conf.d/app.ini', '/etc/apache2/apache2.conf', '/var/www/html/ready.txt'],
    );
  });

  it('ignores descriptors, quoted > and input redirections', () => {
    assert.deepEqual(targets('FROM php:8.3-apache\nRUN echo \'<FilesMatch \\.php$>\' 2>&1 < /dev/null | cat >&2\n'), []);
  });

  it('cannot resolve a relative target after cd, or an unknown variable', () => {
    assert.deepEqual(targets('FROM php:8.3-apache\nRUN cd /opt && echo x > out.txt\nRUN echo x > "$SOMEWHERE/file"\n'), [undefined, undefined]);
  });
});
