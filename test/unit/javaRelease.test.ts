// Which Java release a Maven or Gradle project compiles for, and whether the builder's JDK compiles
// it (javac asked for that release) or a toolchain does: a builder JDK older than a javac release
// declines (the original does not build), an older one under a toolchain moves the runtime up.
import * as assert from 'node:assert/strict';
import { readGradle, readMaven } from '../../server/src/fixes/split/recipes/java/javaContext';

const files = (entries: Record<string, string>) => ({ readFile: (path: string) => entries[path] });
const pomWith = (inner: string) => `<project><modelVersion>4.0.0</modelVersion>${inner}<artifactId>app</artifactId><version>1.0.0</version></project>`;
const starterParent = '<parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>3.5.8</version></parent>';

describe('split recipes: the Java release a project compiles for', () => {
  it('Maven: compiler properties and the starter parent\'s java.version reach javac', () => {
    assert.deepEqual(readMaven(files({ 'pom.xml': pomWith('<properties><maven.compiler.release>21</maven.compiler.release></properties>') }), ''), { release: 21, releaseFrom: 'compiler' });
    assert.deepEqual(readMaven(files({ 'pom.xml': pomWith('<properties><maven.compiler.target>1.8</maven.compiler.target></properties>') }), ''), { release: 8, releaseFrom: 'compiler' });
    assert.deepEqual(readMaven(files({ 'pom.xml': pomWith(`${starterParent}<properties><java.version>21</java.version></properties>`) }), ''), { release: 21, releaseFrom: 'compiler' });
  });

  it('Maven: a java.version no plugin reads is a hint, the compiler plugin\'s own release wins over it', () => {
    assert.deepEqual(readMaven(files({ 'pom.xml': pomWith('<properties><java.version>21</java.version></properties>') }), ''), { release: 21, releaseFrom: 'property' });
    const plugin = '<build><plugins><plugin><artifactId>maven-compiler-plugin</artifactId><configuration><release>17</release></configuration></plugin></plugins></build>';
    assert.deepEqual(readMaven(files({ 'pom.xml': pomWith(`<properties><java.version>21</java.version></properties>${plugin}`) }), ''), { release: 17, releaseFrom: 'compiler' });
  });

  it('Maven: the toolchains plugin compiles on a JDK of its own', () => {
    const toolchains = '<build><plugins><plugin><artifactId>maven-toolchains-plugin</artifactId></plugin></plugins></build>';
    assert.deepEqual(readMaven(files({ 'pom.xml': pomWith(`<properties><maven.compiler.release>21</maven.compiler.release></properties>${toolchains}`) }), ''), { release: 21, releaseFrom: 'toolchain' });
  });

  it('Gradle: a toolchain (Java or Kotlin) versus source/targetCompatibility', () => {
    assert.deepEqual(readGradle(files({ 'build.gradle': 'java { toolchain { languageVersion = JavaLanguageVersion.of(21) } }' }), ''), { release: 21, releaseFrom: 'toolchain' });
    assert.deepEqual(readGradle(files({ 'build.gradle.kts': 'kotlin { jvmToolchain(17) }' }), ''), { release: 17, releaseFrom: 'toolchain' });
    assert.deepEqual(readGradle(files({ 'build.gradle': 'sourceCompatibility = JavaVersion.VERSION_21' }), ''), { release: 21, releaseFrom: 'compiler' });
    assert.deepEqual(readGradle(files({ 'build.gradle': 'plugins { id \'java\' }' }), ''), { release: undefined });
  });
});
