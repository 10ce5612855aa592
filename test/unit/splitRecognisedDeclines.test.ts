// Single-stage apps no split recipe makes a split for, recognised by the recipe of their language
// only to say why: the reason must name what the file does and what to do, and the recognition
// must not take files from other recipes.
import * as assert from 'node:assert/strict';
import { planSplit } from '../../server/src/fixes/split/splitStages';
import { analyze } from './helpers';

const TODAY = '2026-12-08';

function outcomeOf(text: string): ReturnType<typeof planSplit> {
  return planSplit({ model: analyze(text).model!, text, today: TODAY });
}

describe('split declines for builds recognised only to say why', () => {
  describe('Quarkus native executable (java)', () => {
    const native = (base: string) => `FROM ${base}\nWORKDIR /work/\nCOPY --chown=1001:root target/*-runner /work/application\nUSER 1001\nCMD ["./application", "-Dquarkus.http.host=0.0.0.0"]\n`;

    it('suggests the micro image and a UBI 8 builder for a UBI 8 minimal base', () => {
      const outcome = outcomeOf(native('registry.access.redhat.com/ubi8/ubi-minimal:8.10'));
      assert.equal(outcome.ecosystem, 'java');
      assert.equal(outcome.nothingToBuild, true);
      assert.match(outcome.declined ?? '', /Quarkus native executable \(target\/\*-runner\) built outside Docker/);
      assert.match(outcome.declined ?? '', /quarkus-micro-image:2\.0/);
      assert.match(outcome.declined ?? '', /quay\.io\/quarkus\/ubi-quarkus-mandrel-builder-image:jdk-21/);
    });

    it('says a Quarkus runtime image is already one, with the UBI 9 builder for a ubi9 image', () => {
      const declined = outcomeOf(native('quay.io/quarkus/ubi9-quarkus-micro-image:2.0')).declined ?? '';
      assert.match(declined, /already one of Quarkus's own runtime images/);
      assert.doesNotMatch(declined, /for a smaller runtime/);
      assert.match(declined, /ubi9-quarkus-mandrel-builder-image/);
    });

    it('leaves a JVM-mode runner jar to the jar decline', () => {
      const declined = outcomeOf('FROM eclipse-temurin:21-jre\nCOPY target/app-runner.jar /deployments/app.jar\nCMD ["java", "-jar", "/deployments/app.jar"]\n').declined ?? '';
      assert.match(declined, /copies in a jar or classes built outside Docker/);
    });
  });
});
