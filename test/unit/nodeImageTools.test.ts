// The package managers the node image ships per Node release (catalog/nodeImageTools.ts).
import * as assert from 'node:assert/strict';
import { nodeImageHasYarn, nodeShipsCorepack } from '../../server/src/catalog/nodeImageTools';

describe('node image package managers', () => {
  it('has Yarn 1 up to Node 25, and none from 26', () => {
    assert.deepEqual([14, 18, 20, 22, 24, 25, 26, 27].map(nodeImageHasYarn), [true, true, true, true, true, true, false, false]);
  });

  it('ships corepack from 14.19 and 16.9 to 24', () => {
    assert.equal(nodeShipsCorepack(14, 17), false);
    assert.equal(nodeShipsCorepack(14, 19), true);
    assert.equal(nodeShipsCorepack(15, 14), false);
    assert.equal(nodeShipsCorepack(16, 8), false);
    assert.equal(nodeShipsCorepack(16, 9), true);
    assert.equal(nodeShipsCorepack(16), false);
    assert.equal(nodeShipsCorepack(20), true);
    assert.equal(nodeShipsCorepack(24), true);
    assert.equal(nodeShipsCorepack(25), false);
    assert.equal(nodeShipsCorepack(26), false);
  });
});
