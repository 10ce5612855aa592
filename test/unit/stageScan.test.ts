import * as assert from 'node:assert/strict';
import { scanStage } from '../../server/src/fixes/split/recipes/shared/stageScan';
import { analyze, dockerfile } from './helpers';

describe('split: the stage scan', () => {
  it('keeps a quoted $ literal and expands only the words the shell would', () => {
    const text = dockerfile('FROM ruby:3.3', 'ENV APP=/srv/app', "RUN sed -i 's/\\r$//g' \"$APP/bin/start\" && echo $UNSET");
    const { model } = analyze(text);
    assert.ok(model);
    const scan = scanStage(model.stages[0], model, text);
    assert.deepEqual(scan.commands[0].args, ['sed', '-i', 's/\\r$//g', '/srv/app/bin/start']);
    assert.deepEqual(scan.commands[1].args, ['echo', undefined]);
  });
});
