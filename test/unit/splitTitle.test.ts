import * as assert from 'assert';
import { splitTitle } from '../../server/src/fixes/split/splitTitle';

describe('splitTitle (the split variants in the quick-fix menu)', () => {
  it('says distroless when the runtime image is distroless, with the label when there is one', () => {
    assert.equal(splitTitle({ runtimeImage: 'gcr.io/distroless/static-debian13:nonroot' }), 'Split into build and distroless runtime stages');
    assert.equal(
      splitTitle({ runtimeImage: 'gcr.io/distroless/python3-debian13:nonroot', label: 'distroless, moves to Python 3.13' }),
      'Split into build and distroless runtime stages (distroless, moves to Python 3.13)',
    );
    assert.equal(splitTitle({ runtimeImage: 'mcr.microsoft.com/dotnet/aspnet:8.0-noble-chiseled', label: '.NET 8 on its own chiseled image' }), 'Split into build and distroless runtime stages (.NET 8 on its own chiseled image)');
  });

  it('does not say distroless for a slim or Alpine runtime, and names the image when there is no label', () => {
    assert.equal(splitTitle({ runtimeImage: 'python:2-alpine' }), 'Split into build and runtime stages (python:2-alpine runtime)');
    assert.equal(splitTitle({ runtimeImage: 'node:22-trixie-slim', label: 'node:22-trixie-slim runtime' }), 'Split into build and runtime stages (node:22-trixie-slim runtime)');
    assert.equal(splitTitle({ runtimeImage: '--platform=linux/amd64 debian:trixie-slim' }), 'Split into build and runtime stages (debian:trixie-slim runtime)');
  });
});
