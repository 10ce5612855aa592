// What a compiled app writes, read from its sources: write calls in each language, their path
// followed through the names it is built from, and a name known only at run time.
import * as assert from 'node:assert/strict';
import { BuildContext } from '../../server/src/fixes/fix';
import { SourceLanguage, findSourceWrites, sourceWritePlan } from '../../server/src/fixes/split/recipes/shared/sourceWrites';
import { pathValues } from '../../server/src/fixes/split/recipes/shared/sourcePathValues';

/** A build context of the given files (folders are implied by the paths). */
function contextOf(files: Record<string, string>): BuildContext {
  return {
    readFile: (path) => files[path],
    listDirectory: (dir) => {
      const prefix = dir === '' ? '' : `${dir}/`;
      const entries = Object.keys(files).filter((path) => path.startsWith(prefix)).map((path) => path.slice(prefix.length)).map((rest) => (rest.includes('/') ? `${rest.slice(0, rest.indexOf('/'))}/` : rest));
      return entries.length > 0 ? [...new Set(entries)] : undefined;
    },
  };
}

const writes = (language: SourceLanguage, file: string, text: string) => {
  const found = findSourceWrites(contextOf({ [file]: text }), '', '/app', language);
  return { folders: found.folders, workdir: found.workdir };
};

describe('source writes: paths followed through names', () => {
  it('follows a Java field through Paths.get to Files.copy, and a run-time name to the working folder', () => {
    const source = [
      'class ImageService {',
      '  private String uploadDir = "/var/images/colis";',
      '  void save(MultipartFile file) throws IOException {',
      '    Path filePath = Paths.get(uploadDir, UUID.randomUUID() + file.getOriginalFilename());',
      '    Files.copy(file.getInputStream(), filePath);',
      '  }',
      '  File convert(MultipartFile file) throws IOException {',
      '    File convFile = new File(file.getOriginalFilename());',
      '    FileOutputStream fos = new FileOutputStream(convFile);',
      '    return convFile;',
      '  }',
      '}',
    ].join('\n');
    assert.deepEqual(writes('java', 'src/ImageService.java', source), { folders: ['/var/images/colis'], workdir: true });
  });

  it('reads a folder a Java app creates (mkdirs, Files.createDirectories) as that folder, not the working folder', () => {
    const source = 'class A { void f() throws Exception { new File("uploads").mkdirs(); Files.createDirectories(Paths.get("data", "cache")); } }';
    assert.deepEqual(writes('java', 'A.java', source), { folders: ['/app/data/cache', '/app/uploads'], workdir: false });
  });

  it('reads Swift FileManager calls through a property and Vapor\'s working folder', () => {
    const source = [
      'struct WebsiteController {',
      '    let imageFolder = "ProfilePicture/"',
      '    func save(_ req: Request) throws {',
      '        let workPath = try req.make(DirectoryConfig.self).workDir',
      '        let path = workPath + self.imageFolder + name',
      '        FileManager().createFile(atPath: path, contents: data, attributes: nil)',
      '        try FileManager.default.createDirectory(atPath: "Storage/cache", withIntermediateDirectories: true)',
      '    }',
      '}',
    ].join('\n');
    assert.deepEqual(writes('swift', 'Sources/App/WebsiteController.swift', source), { folders: ['/app/ProfilePicture', '/app/Storage/cache'], workdir: false });
  });

  it('reads Go constants, .NET Path.Combine and Rust Path::new(...).join', () => {
    assert.deepEqual(writes('go', 'main.go', 'const uploadDir = "uploads"\nfunc main() {\n\tos.MkdirAll(uploadDir, 0o755)\n\tf, _ := os.Create(filepath.Join(uploadDir, name))\n}'), { folders: ['/app/uploads'], workdir: false });
    assert.deepEqual(writes('dotnet', 'Program.cs', 'var dir = Path.Combine(Directory.GetCurrentDirectory(), "wwwroot", "uploads");\nDirectory.CreateDirectory(dir);\nusing var stream = new FileStream(Path.Combine(dir, file.FileName), FileMode.Create);'), { folders: ['/app/wwwroot/uploads'], workdir: false });
    assert.deepEqual(writes('rust', 'src/main.rs', 'const DATA: &str = "data";\nfn main() { std::fs::create_dir_all(DATA).unwrap(); let p = Path::new(DATA).join("x.json"); fs::write(&p, b"").unwrap(); }'), { folders: ['/app/data'], workdir: false });
  });

  it('leaves the temporary folder, reads and comments alone', () => {
    assert.deepEqual(writes('go', 'main.go', 'func f() {\n\t// os.Create(name)\n\tos.Create(filepath.Join(os.TempDir(), name))\n\tos.OpenFile(path, os.O_RDONLY, 0)\n}'), { folders: [], workdir: false });
    assert.deepEqual(writes('java', 'A.java', 'class A { String read(String name) { return new File(name).getName(); } }'), { folders: [], workdir: false });
  });

  it('gives a value per assignment before the use, and unknown for a parameter', () => {
    const source = 'String dir = "a";\nif (x) dir = "b/";\nwrite(dir + name);';
    assert.deepEqual(pathValues('dir + name', source, source.indexOf('write')), [{ kind: 'path', text: 'b/', open: true }, { kind: 'path', text: 'a', open: true }]);
    assert.deepEqual(pathValues('target', source, 0), [{ kind: 'unknown' }]);
  });

  it('never copies a writable folder over / (the working folder of an app without WORKDIR): a note instead', () => {
    const plan = sourceWritePlan({ workdir: true, folders: [], evidence: ['path, a name known only at run time (src/main.rs)'] }, [], '/', (path) => path, '65532:65532', '65532:65532');
    assert.deepEqual([plan.first, plan.last, plan.builderLines], [[], [], []]);
    assert.match(plan.notes[0], /may write in the working folder \/ .* set a WORKDIR/);
  });
});
