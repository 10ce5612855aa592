// A path from an ARG default: the runtime's COPY keeps `${name}` with the ARG declared again
// before it, unless something else the split writes into the runtime names that path too.
import * as assert from 'node:assert/strict';
import { splitIntoStages } from '../../server/src/fixes/split/splitStages';
import { applyFix, dockerfile } from './helpers';

const runtimeOf = (text: string) => {
  const output = applyFix(splitIntoStages, text);
  assert.ok(output, 'the split is offered');
  return output.slice(output.lastIndexOf('\nFROM '));
};

describe('split: paths from ARG defaults in the runtime', () => {
  it('keeps ${name} in the COPY source, re-declared before it; inherits a global default', () => {
    const runtime = runtimeOf(dockerfile('ARG APP_DIR=/opt/build', 'FROM maven:3.9-eclipse-temurin-21', 'ARG APP_DIR', 'WORKDIR ${APP_DIR}', 'COPY . .', 'RUN mvn -B package', 'CMD ["java", "-jar", "target/app.jar"]'));
    assert.match(runtime, /\nARG APP_DIR\nCOPY --from=build \$\{APP_DIR\}\/target\/app\.jar \/app\/app\.jar\n/);
    assert.equal(runtime.match(/^ARG APP_DIR$/gm)?.length, 1);
  });

  it('writes the default out when the start command the split writes names the path', () => {
    const runtime = runtimeOf(dockerfile('FROM golang:1.23', 'ARG APP_HOME=/src/app', 'WORKDIR ${APP_HOME}', 'COPY . .', 'RUN go build -o server .', 'CMD ["./server"]'));
    assert.doesNotMatch(runtime, /\$\{APP_HOME\}/);
    assert.match(runtime, /COPY --from=build [^\n]*\/src\/app /);
  });

  it('does not take a global ARG the stage does not declare (it is out of scope there)', () => {
    const runtime = runtimeOf(dockerfile('ARG APP_DIR=/opt/build', 'FROM maven:3.9-eclipse-temurin-21', 'WORKDIR /opt/build', 'ENV APP_HOME=${APP_DIR}', 'COPY . .', 'RUN mvn -B package', 'CMD ["java", "-jar", "target/app.jar"]'));
    assert.doesNotMatch(runtime, /COPY[^\n]*\$\{APP_DIR\}/);
  });
});
