package fi.suoja.cli;

import jakarta.persistence.Entity;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The host's classes: a class loader over its jars and class directories (the command line's own
 * classes first, so Suoja, Hibernate and Jakarta Persistence are the jar's), and its entity
 * classes, named by {@code --entities} or found as the {@code @Entity} classes of the given
 * entries. A Spring Boot executable jar ({@code BOOT-INF/classes}, {@code BOOT-INF/lib}) is
 * unpacked to a temporary directory removed by {@link #close()}.
 */
final class HostClasses implements AutoCloseable {
  private static final byte[] ENTITY_DESCRIPTOR =
      "Ljakarta/persistence/Entity;".getBytes(StandardCharsets.US_ASCII);

  private final URLClassLoader loader;
  private final List<Class<?>> entities;
  private final Path unpacked;

  private HostClasses(URLClassLoader loader, List<Class<?>> entities, Path unpacked) {
    this.loader = loader;
    this.entities = List.copyOf(entities);
    this.unpacked = unpacked;
  }

  /**
   * Loads the host's classes.
   *
   * @throws CliException {@code SUOJA-9060} (an entry is missing or unreadable), {@code SUOJA-9061}
   *     (a named class is missing or not an entity), {@code SUOJA-9062} (no entity)
   */
  static HostClasses load(List<Path> classpath, List<String> names) {
    if (classpath.isEmpty()) {
      throw new CliException(
          "SUOJA-9060", SuojaCommand.USAGE, "--classpath names no jar or class directory");
    }
    Path unpacked = null;
    List<Path> roots = new ArrayList<>(); // where entities are looked for
    List<URL> urls = new ArrayList<>();
    try {
      for (Path entry : classpath) {
        if (Files.isDirectory(entry)) {
          roots.add(entry);
          urls.add(url(entry));
        } else if (Files.isRegularFile(entry) && Files.isReadable(entry)) {
          if (isBootJar(entry)) {
            if (unpacked == null) {
              unpacked = Files.createTempDirectory("suoja-cli-host");
            }
            Path classes = unpackBootJar(entry, unpacked.resolve("jar" + roots.size()), urls);
            roots.add(classes);
          } else {
            roots.add(entry);
            urls.add(url(entry));
          }
        } else {
          throw new CliException(
              "SUOJA-9060",
              SuojaCommand.USAGE,
              "--classpath entry " + entry + " is not a readable jar or directory");
        }
      }
    } catch (IOException e) {
      deleteTree(unpacked);
      throw new CliException(
          "SUOJA-9060",
          SuojaCommand.USAGE,
          "cannot read a --classpath entry (" + e.getClass().getSimpleName() + ")");
    }
    URLClassLoader loader =
        new URLClassLoader(
            "suoja-host", urls.toArray(URL[]::new), HostClasses.class.getClassLoader());
    try {
      List<String> wanted = names.isEmpty() ? discover(roots) : names;
      List<Class<?>> entities = new ArrayList<>();
      for (String name : wanted) {
        entities.add(entity(loader, name.strip(), !names.isEmpty()));
      }
      entities.removeIf(c -> c == null);
      if (entities.isEmpty()) {
        throw new CliException(
            "SUOJA-9062",
            SuojaCommand.USAGE,
            "no @Entity class in the --classpath entries; name them with --entities");
      }
      return new HostClasses(loader, entities, unpacked);
    } catch (RuntimeException e) {
      closeQuietly(loader);
      deleteTree(unpacked);
      throw e;
    }
  }

  /** The loader of the host's classes. */
  ClassLoader loader() {
    return loader;
  }

  /** The host's entity classes, sorted by name. */
  List<Class<?>> entities() {
    return entities;
  }

  @Override
  public void close() {
    closeQuietly(loader);
    deleteTree(unpacked);
  }

  private static Class<?> entity(ClassLoader loader, String name, boolean named) {
    Class<?> type;
    try {
      type = Class.forName(name, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new CliException(
          "SUOJA-9061",
          SuojaCommand.USAGE,
          "entity class "
              + name
              + " cannot be loaded from --classpath ("
              + e.getClass().getSimpleName()
              + "); add the jars it needs");
    }
    if (!type.isAnnotationPresent(Entity.class)) {
      if (named) {
        throw new CliException(
            "SUOJA-9061",
            SuojaCommand.USAGE,
            "class " + name + " (--entities) is not annotated @jakarta.persistence.Entity");
      }
      return null;
    }
    return type;
  }

  /** The classes under the roots whose class file names the {@code @Entity} annotation. */
  private static List<String> discover(List<Path> roots) {
    TreeSet<String> found = new TreeSet<>();
    for (Path root : roots) {
      try {
        if (Files.isDirectory(root)) {
          try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files::iterator) {
              String rel = root.relativize(f).toString().replace('\\', '/');
              if (isClass(rel) && mentionsEntity(Files.readAllBytes(f))) {
                found.add(className(rel));
              }
            }
          }
        } else {
          try (JarFile jar = new JarFile(root.toFile())) {
            Enumeration<JarEntry> e = jar.entries();
            while (e.hasMoreElements()) {
              JarEntry entry = e.nextElement();
              if (isClass(entry.getName())) {
                try (InputStream in = jar.getInputStream(entry)) {
                  if (mentionsEntity(in.readAllBytes())) {
                    found.add(className(entry.getName()));
                  }
                }
              }
            }
          }
        }
      } catch (IOException e) {
        throw new CliException(
            "SUOJA-9060",
            SuojaCommand.USAGE,
            "cannot read --classpath entry "
                + root.getFileName()
                + " ("
                + e.getClass().getSimpleName()
                + ")");
      }
    }
    return new ArrayList<>(found);
  }

  private static boolean isClass(String path) {
    return path.endsWith(".class")
        && !path.endsWith("module-info.class")
        && !path.endsWith("package-info.class")
        && !path.startsWith("META-INF/");
  }

  private static String className(String path) {
    return path.substring(0, path.length() - ".class".length()).replace('/', '.');
  }

  private static boolean mentionsEntity(byte[] classFile) {
    outer:
    for (int i = 0; i <= classFile.length - ENTITY_DESCRIPTOR.length; i++) {
      for (int j = 0; j < ENTITY_DESCRIPTOR.length; j++) {
        if (classFile[i + j] != ENTITY_DESCRIPTOR[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static boolean isBootJar(Path jar) throws IOException {
    try (JarFile f = new JarFile(jar.toFile())) {
      return f.getEntry("BOOT-INF/classes/") != null;
    }
  }

  /** Unpacks BOOT-INF/classes and BOOT-INF/lib/*.jar; adds them to {@code urls}. */
  private static Path unpackBootJar(Path jar, Path to, List<URL> urls) throws IOException {
    Path classes = to.resolve("classes");
    Path lib = to.resolve("lib");
    Files.createDirectories(classes);
    Files.createDirectories(lib);
    List<URL> libs = new ArrayList<>();
    try (JarFile f = new JarFile(jar.toFile())) {
      Enumeration<JarEntry> e = f.entries();
      while (e.hasMoreElements()) {
        JarEntry entry = e.nextElement();
        String name = entry.getName();
        Path target;
        if (name.startsWith("BOOT-INF/classes/") && !entry.isDirectory()) {
          target = classes.resolve(name.substring("BOOT-INF/classes/".length())).normalize();
        } else if (name.startsWith("BOOT-INF/lib/") && name.endsWith(".jar")) {
          target = lib.resolve(name.substring("BOOT-INF/lib/".length())).normalize();
          libs.add(url(target));
        } else {
          continue;
        }
        if (!target.startsWith(to)) {
          throw new IOException("entry outside the jar's directories");
        }
        Files.createDirectories(target.getParent());
        try (InputStream in = f.getInputStream(entry)) {
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    urls.add(url(classes));
    urls.addAll(libs);
    return classes;
  }

  private static URL url(Path p) {
    try {
      return p.toAbsolutePath().toUri().toURL();
    } catch (MalformedURLException e) {
      throw new CliException("SUOJA-9060", SuojaCommand.USAGE, "--classpath entry is not a path");
    }
  }

  private static void closeQuietly(URLClassLoader loader) {
    try {
      loader.close();
    } catch (IOException ignored) {
      // the process ends soon; nothing to recover
    }
  }

  static void deleteTree(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory; the operating system cleans it up
    }
  }
}
