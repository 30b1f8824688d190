package fi.suoja.crypto.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Marked blocks of a document ({@code <!-- executed: name -->} or {@code <!-- compiled: name -->}
 * before a fenced block) and {@code // tag::name[]} ... {@code // end::name[]} regions of a source
 * file, the way samples' {@code ReadmeQuickStartTest} reads the README: the docs' commands and Java
 * lines are what the tests run and compile.
 */
public final class DocSnippets {
  private static final Pattern SNIPPET =
      Pattern.compile(
          "<!-- (compiled|executed|checked): ([\\w-]+) -->\\n```\\w*\\n(.*?)\\n```",
          Pattern.DOTALL);

  private DocSnippets() {}

  /** The one block of {@code kind} named {@code name} in {@code doc}; fails if absent or twice. */
  public static String block(Path doc, String kind, String name) {
    String text = read(doc);
    String found = null;
    Matcher m = SNIPPET.matcher(text);
    while (m.find()) {
      if (m.group(1).equals(kind) && m.group(2).equals(name)) {
        if (found != null) {
          throw new AssertionError(kind + " block '" + name + "' twice in " + doc);
        }
        found = m.group(3);
      }
    }
    if (found == null) {
      throw new AssertionError("no <!-- " + kind + ": " + name + " --> block in " + doc);
    }
    return found;
  }

  /** The region tagged {@code name} in {@code source}, common indentation removed. */
  public static String taggedRegion(Path source, String name) {
    List<String> lines = new ArrayList<>();
    boolean in = false;
    boolean seen = false;
    for (String line : read(source).split("\n", -1)) {
      String t = line.strip();
      if (t.equals("// tag::" + name + "[]")) {
        in = true;
        seen = true;
      } else if (t.equals("// end::" + name + "[]")) {
        in = false;
      } else if (in) {
        lines.add(line);
      }
    }
    if (!seen || in) {
      throw new AssertionError("no closed region tag::" + name + " in " + source);
    }
    int indent =
        lines.stream()
            .filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length())
            .min()
            .orElse(0);
    List<String> out = new ArrayList<>();
    for (String l : lines) {
      out.add(l.isBlank() ? "" : l.substring(indent));
    }
    return String.join("\n", out).strip();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
