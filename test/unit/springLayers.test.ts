// Spring Boot's layered jars: which versions the split extracts (and how), and what in pom.xml,
// build.gradle(.kts) and a version catalog keeps the fat jar. The Dockerfiles it writes are
// covered by the golden files (test/fixtures/split/java-spring*).
import * as assert from 'node:assert/strict';
import { readGradle, readMaven } from '../../server/src/fixes/split/recipes/java/javaContext';
import { splitIntoStages } from '../../server/src/fixes/split/splitStages';
import { applyFix, dockerfile } from './helpers';
import { gradleSpringLayers, mavenSpringLayers, springLayersOf } from '../../server/src/fixes/split/recipes/java/springLayers';

const identity = (text: string | undefined) => text;

function pom(parent: string, plugin: string, extra = ''): string {
  return `<project><modelVersion>4.0.0</modelVersion>${parent}<artifactId>app</artifactId><version>1.0.0</version>${extra}
<build><plugins><plugin><groupId>org.springframework.boot</groupId><artifactId>spring-boot-maven-plugin</artifactId>${plugin}</plugin></plugins></build></project>`;
}
const starterParent = (version: string) => `<parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>${version}</version></parent>`;

describe('split recipes: Spring Boot layered jars', () => {
  it('extracts with layertools from 2.4 to 3.2 and with tools from 3.3, naming the launcher of each', () => {
    assert.deepEqual(springLayersOf('2.4.0'), { version: '2.4.0', jarMode: '-Djarmode=layertools', extract: ['extract'], launcher: 'org.springframework.boot.loader.JarLauncher' });
    assert.equal(springLayersOf('3.1.12')?.launcher, 'org.springframework.boot.loader.JarLauncher');
    assert.deepEqual(springLayersOf('3.2.0'), { version: '3.2.0', jarMode: '-Djarmode=layertools', extract: ['extract'], launcher: 'org.springframework.boot.loader.launch.JarLauncher' });
    assert.deepEqual(springLayersOf('3.3.0'), { version: '3.3.0', jarMode: '-Djarmode=tools', extract: ['extract', '--layers', '--launcher'], launcher: 'org.springframework.boot.loader.launch.JarLauncher' });
    assert.equal(springLayersOf('4.0.8')?.jarMode, '-Djarmode=tools');
  });

  it('keeps the fat jar outside the verified versions and for unreleased ones', () => {
    for (const version of ['2.3.12.RELEASE', '2.2.0.RELEASE', '4.1.0', '5.0.0', '3.4.0-M1', '3.2.0-SNAPSHOT', '3.x', '${spring-boot.version}']) {
      assert.equal(springLayersOf(version), undefined, version);
    }
  });

  it('reads the version from the starter parent, or from the plugin, which wins', () => {
    assert.equal(mavenSpringLayers(pom(starterParent('2.7.18'), ''), identity)?.version, '2.7.18');
    assert.equal(mavenSpringLayers(pom(starterParent('2.7.18'), '<version>3.3.1</version>'), identity)?.version, '3.3.1');
    const properties = new Map([['spring-boot.version', '3.2.5']]);
    const resolve = (text: string | undefined) => text?.replace(/\$\{([\w.-]+)\}/g, (whole, name: string) => properties.get(name) ?? whole);
    assert.equal(mavenSpringLayers(pom('', '<version>${spring-boot.version}</version>'), resolve)?.version, '3.2.5');
  });

  it('keeps the fat jar when pom.xml hides the version or changes the layers, the layout or the launcher', () => {
    const company = '<parent><groupId>com.acme</groupId><artifactId>acme-parent</artifactId><version>3.3.0</version></parent>';
    assert.equal(mavenSpringLayers(pom(company, ''), identity), undefined);
    assert.equal(mavenSpringLayers(pom('', ''), identity), undefined);
    for (const configuration of ['<layers><enabled>false</enabled></layers>', '<layers><configuration>${project.basedir}/layers.xml</configuration></layers>', '<layout>ZIP</layout>', '<loaderImplementation>CLASSIC</loaderImplementation>', '<executable>true</executable>', '<includeTools>false</includeTools>', '<requiresUnpack><dependency><groupId>a</groupId><artifactId>b</artifactId></dependency></requiresUnpack>']) {
      assert.equal(mavenSpringLayers(pom(starterParent('3.3.0'), `<configuration>${configuration}</configuration>`), identity), undefined, configuration);
    }
    // Manifest attributes only `java -jar` reads (Add-Opens...), set by the jar plugin: the launcher would ignore them.
    const jarPlugin = '<plugin><artifactId>maven-jar-plugin</artifactId><configuration><archive><manifestEntries><Add-Opens>java.base/java.lang</Add-Opens></manifestEntries></archive></configuration></plugin>';
    assert.equal(mavenSpringLayers(pom(starterParent('3.3.0'), '', '').replace('</plugins>', `${jarPlugin}</plugins>`), identity), undefined);
    assert.ok(mavenSpringLayers(pom(starterParent('3.3.0'), '', ''), identity), 'the same pom without them gets the layers');
    const profile = '<profiles><profile><id>x</id><build><plugins><plugin><artifactId>spring-boot-maven-plugin</artifactId></plugin></plugins></build></profile></profiles>';
    assert.equal(mavenSpringLayers(pom(starterParent('3.3.0'), '', profile), identity), undefined);
  });

  it('reads the Gradle plugin version from plugins {}, the buildscript, or a version catalog', () => {
    assert.equal(gradleSpringLayers(`plugins {\n  id 'org.springframework.boot' version '2.7.18'\n}`, undefined)?.version, '2.7.18');
    assert.equal(gradleSpringLayers(`plugins {\n  id("org.springframework.boot") version "3.3.4"\n}`, undefined)?.version, '3.3.4');
    assert.equal(gradleSpringLayers(`buildscript { dependencies { classpath("org.springframework.boot:spring-boot-gradle-plugin:2.5.6") } }\napply plugin: 'org.springframework.boot'`, undefined)?.version, '2.5.6');
    const catalog = '[versions]\nspringBoot = "3.2.4" # the platform\n\n[plugins]\nspring-boot = { id = "org.springframework.boot", version.ref = "springBoot" }\n';
    assert.equal(gradleSpringLayers('plugins {\n  alias(libs.plugins.spring.boot)\n}', catalog)?.version, '3.2.4');
    assert.equal(gradleSpringLayers('plugins {\n  alias(libs.plugins.spring.boot)\n}', '[plugins]\nspring_boot = { id = "org.springframework.boot", version = "3.4.1" }\n')?.version, '3.4.1');
  });

  it('keeps the fat jar when build.gradle hides the version or configures layers, the loader or a launch script', () => {
    assert.equal(gradleSpringLayers(`plugins {\n  id 'org.springframework.boot' version "\${springBootVersion}"\n}`, undefined), undefined);
    assert.equal(gradleSpringLayers('plugins {\n  alias(libs.plugins.spring.boot)\n}', undefined), undefined);
    assert.equal(gradleSpringLayers('plugins {\n  alias(libs.plugins.spring.boot)\n}', '[plugins]\nspring-boot = { id = "org.springframework.boot", version.ref = "boot" }\n'), undefined);
    const plugin = "plugins {\n  id 'org.springframework.boot' version '3.3.4'\n}\n";
    for (const configuration of ['bootJar { layered { enabled = false } }', 'tasks.bootJar { layered { application { intoLayer("app") } } }', 'bootJar { launchScript() }', 'bootJar { loaderImplementation = org.springframework.boot.loader.tools.LoaderImplementation.CLASSIC }', "bootJar { manifest { attributes 'Main-Class': 'org.springframework.boot.loader.launch.PropertiesLauncher' } }", 'bootJar { includeTools = false }']) {
      assert.equal(gradleSpringLayers(plugin + configuration, undefined), undefined, configuration);
    }
    assert.equal(gradleSpringLayers("plugins {\n  id 'org.springframework.boot' version '3.3.4' apply false\n}", undefined), undefined);
    assert.equal(gradleSpringLayers(plugin + "jar { manifest { attributes('Enable-Native-Access': 'ALL-UNNAMED') } }", undefined), undefined, 'a manifest attribute only java -jar reads');
  });

  it('gives layers only to the jar readMaven and readGradle name as Spring Boot\'s', () => {
    const files: Record<string, string> = {
      'pom.xml': pom(starterParent('3.5.8'), ''),
      'shade/pom.xml': pom(starterParent('3.5.8'), '', '').replace('</plugins>', '<plugin><artifactId>maven-shade-plugin</artifactId></plugin></plugins>'),
      'gradle/build.gradle': "plugins {\n  id 'org.springframework.boot' version '3.1.5'\n}\nversion = '1.0'\n",
      'gradle/settings.gradle': "rootProject.name = 'notes'\n",
    };
    const context = { readFile: (file: string) => files[file] };
    assert.deepEqual(readMaven(context, ''), { jar: 'target/app-1.0.0.jar', release: undefined, springLayers: springLayersOf('3.5.8') });
    assert.equal(readMaven(context, 'shade')?.springLayers, undefined);
    assert.deepEqual(readGradle(context, 'gradle'), { jar: 'build/libs/notes-1.0.jar', release: undefined, springLayers: springLayersOf('3.1.5') });
  });
});

describe('split recipes: when the Java split uses the layers', () => {
  const files: Record<string, string> = { 'pom.xml': pom(starterParent('3.3.4'), '') };
  const split = (...lines: string[]) => applyFix(splitIntoStages, dockerfile('FROM maven:3.9-eclipse-temurin-21', 'WORKDIR /src', 'COPY . .', 'RUN mvn -B package', ...lines), { readFile: (file) => files[file] }) ?? '';

  it('for the jar pom.xml names, started by name', () => {
    const result = split('CMD ["java", "-Xss512k", "-jar", "target/app-1.0.0.jar", "--debug"]');
    assert.match(result, /^RUN java -Djarmode=tools -jar \/src\/target\/app-1\.0\.0\.jar extract --layers --launcher --destination \/tmp\/spring-boot-layers$/m);
    assert.match(result, /^COPY --from=build \/tmp\/spring-boot-layers\/application\/ \/app\/spring-boot-layers\/$/m);
    assert.match(result, /^WORKDIR \/app$/m);
    assert.match(result, /^CMD \["-Xss512k", "-cp", "\/app\/spring-boot-layers", "org\.springframework\.boot\.loader\.launch\.JarLauncher", "--debug"\]$/m);
  });

  it('not for a jar moved elsewhere or picked by pattern, nor when the original puts files where the layers go', () => {
    for (const lines of [
      ['VOLUME /app/spring-boot-layers/data', 'CMD ["java", "-jar", "target/app-1.0.0.jar"]'],
      ['RUN cp target/app-1.0.0.jar /src/app.jar', 'CMD ["java", "-jar", "/src/app.jar"]'],
      ['CMD java -jar target/*.jar'],
      // The builder extracts into /tmp/spring-boot-layers: a build that copies into /tmp keeps the fat jar.
      ['COPY seed/ /tmp/', 'CMD ["java", "-jar", "target/app-1.0.0.jar"]'],
    ]) {
      const result = split(...lines);
      assert.doesNotMatch(result, /jarmode|JarLauncher/, lines.join(' | '));
      assert.match(result, /^COPY --from=build \/src\/\S+\.jar \/app\/app(-1\.0\.0)?\.jar$/m, lines.join(' | '));
    }
  });
});
