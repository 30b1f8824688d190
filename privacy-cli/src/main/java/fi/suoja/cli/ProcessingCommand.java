package fi.suoja.cli;

import fi.suoja.jpa.processing.ProcessingRecord;
import fi.suoja.policy.CareAccessPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code suoja processing}: the record of processing. */
@Command(
    name = "processing",
    mixinStandardHelpOptions = true,
    description = "The record of processing (GDPR Art. 30) derived from the host's entities.",
    subcommands = {ProcessingCommand.Describe.class})
final class ProcessingCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "a command is required (describe)");
  }

  /** The output languages of the Markdown and HTML record. */
  enum Lang {
    en,
    fi
  }

  /** The output formats. */
  enum Format {
    md,
    html,
    json
  }

  /** {@code suoja processing describe}: {@link ProcessingRecord} of the host's entity classes. */
  @Command(
      name = "describe",
      mixinStandardHelpOptions = true,
      description = {
        "Prints the record of processing (ProcessingRecord) of the host's entity classes: the"
            + " personal data categories and fields, how each is protected (encryption, blind"
            + " indexes, masking), retention and erasure, and who may access what under the care"
            + " access policy. Reads classes only: no database, no key.",
        "--lang picks the English or the Finnish side of the headings and labels (the record's"
            + " explanatory sentences are English); --format json is the record's JSON, whose"
            + " keys are English."
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        SuojaCommand.EXIT_CODES_0,
        "2:bad arguments; the entity classes cannot be loaded (SUOJA-9060..9062)",
        SuojaCommand.EXIT_CODES_70
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  suoja processing describe --classpath care-app.jar --lang fi > seloste.md",
        "  suoja processing describe --classpath target/classes --format html > record.html",
        "  suoja processing describe --classpath care-app.jar --entities"
            + " org.example.care.Resident --format json"
      })
  static final class Describe extends Base {
    @Option(
        names = "--classpath",
        required = true,
        split = "${sys:path.separator}",
        paramLabel = "JAR|DIR",
        description = "The host's entity classes: jars (a Spring Boot jar too) or directories.")
    List<Path> classpath = new ArrayList<>();

    @Option(
        names = "--entities",
        split = ",",
        paramLabel = "CLASS",
        description = "Entity classes by name; default: every @Entity class found.")
    List<String> entities = new ArrayList<>();

    @Option(
        names = "--lang",
        paramLabel = "LANG",
        defaultValue = "en",
        description = "en or fi (default: ${DEFAULT-VALUE}).")
    Lang lang;

    @Option(
        names = "--format",
        paramLabel = "FORMAT",
        defaultValue = "md",
        description = "md, html or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    int execute() {
      String text;
      try (HostClasses classes = HostClasses.load(classpath, entities)) {
        ProcessingRecord record =
            ProcessingRecord.builder()
                .entities(classes.entities().toArray(Class<?>[]::new))
                .policy(CareAccessPolicy.builder().build())
                .build();
        text =
            switch (format) {
              case json -> record.toJson();
              case md -> language(record.toMarkdown(), lang);
              case html -> html(language(record.toMarkdown(), lang), lang);
            };
      }
      if (json && format != Format.json) {
        throw new CliException(
            "SUOJA-9075",
            SuojaCommand.USAGE,
            "--json prints the record's JSON: use --format json (or leave --json out)");
      }
      out().print(text);
      if (!text.endsWith("\n")) {
        out().println();
      }
      out().flush();
      return SuojaCommand.OK;
    }
  }

  private static final Pattern HEADING = Pattern.compile("^(#+ )(.+?) / (.+)$");
  private static final Pattern LABEL = Pattern.compile("^(- )([^:/\\n]+?) / ([^:\\n]+?)(: .*)$");
  private static final Pattern CELL = Pattern.compile("([^|]+?) / ([^|]+?)(?=\\s*\\|)");

  /** Keeps one side of every bilingual "English / Suomi" heading, label and table header. */
  static String language(String markdown, Lang lang) {
    StringBuilder sb = new StringBuilder();
    boolean inTable = false;
    for (String line : markdown.split("\n", -1)) {
      String out = line;
      boolean tableRow = line.startsWith("|");
      Matcher heading = HEADING.matcher(line);
      Matcher label = LABEL.matcher(line);
      if (heading.matches()) {
        out = heading.group(1) + (lang == Lang.en ? heading.group(2) : heading.group(3));
      } else if (label.matches()) {
        out = label.group(1) + (lang == Lang.en ? label.group(2) : label.group(3)) + label.group(4);
      } else if (tableRow && !inTable) {
        Matcher c = CELL.matcher(line);
        StringBuilder row = new StringBuilder();
        while (c.find()) {
          c.appendReplacement(
              row, Matcher.quoteReplacement(lang == Lang.en ? c.group(1) : " " + c.group(2)));
        }
        c.appendTail(row);
        out = row.toString();
      }
      inTable = tableRow;
      sb.append(out).append('\n');
    }
    return sb.substring(0, sb.length() - 1);
  }

  /** A self-contained HTML page of the record's Markdown (headings, lists, tables, paragraphs). */
  static String html(String markdown, Lang lang) {
    StringBuilder sb = new StringBuilder();
    sb.append("<!DOCTYPE html>\n<html lang=\"")
        .append(lang.name())
        .append("\">\n<head><meta charset=\"utf-8\"><title>")
        .append(lang == Lang.fi ? "Käsittelyn kuvaus" : "Record of processing")
        .append("</title></head>\n<body>\n");
    String[] lines = markdown.split("\n", -1);
    int i = 0;
    while (i < lines.length) {
      String line = lines[i];
      if (line.isBlank()) {
        i++;
      } else if (line.startsWith("#")) {
        int level = 0;
        while (level < line.length() && line.charAt(level) == '#') {
          level++;
        }
        sb.append("<h").append(level).append('>');
        sb.append(inline(line.substring(level).strip()));
        sb.append("</h").append(level).append(">\n");
        i++;
      } else if (line.startsWith("- ")) {
        sb.append("<ul>\n");
        while (i < lines.length && lines[i].startsWith("- ")) {
          sb.append("<li>").append(inline(lines[i].substring(2))).append("</li>\n");
          i++;
        }
        sb.append("</ul>\n");
      } else if (line.startsWith("|")) {
        sb.append("<table>\n");
        boolean header = true;
        while (i < lines.length && lines[i].startsWith("|")) {
          String row = lines[i].strip();
          i++;
          if (row.matches("\\|[\\s:|-]+\\|")) {
            continue; // the separator row
          }
          String[] cells =
              row.substring(1, row.endsWith("|") ? row.length() - 1 : row.length())
                  .split("\\|", -1);
          sb.append("<tr>");
          for (String cell : cells) {
            String tag = header ? "th" : "td";
            sb.append('<').append(tag).append('>').append(inline(cell.strip()));
            sb.append("</").append(tag).append('>');
          }
          sb.append("</tr>\n");
          header = false;
        }
        sb.append("</table>\n");
      } else {
        StringBuilder p = new StringBuilder();
        while (i < lines.length
            && !lines[i].isBlank()
            && !lines[i].startsWith("#")
            && !lines[i].startsWith("- ")
            && !lines[i].startsWith("|")) {
          p.append(p.length() == 0 ? "" : " ").append(lines[i].strip());
          i++;
        }
        sb.append("<p>").append(inline(p.toString())).append("</p>\n");
      }
    }
    return sb.append("</body>\n</html>\n").toString();
  }

  private static String inline(String text) {
    String escaped =
        text.replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace("\"", "&quot;");
    return escaped
        .replaceAll("`([^`]+)`", "<code>$1</code>")
        .replaceAll("\\*\\*([^*]+)\\*\\*", "<strong>$1</strong>")
        .replaceAll("\\*([^*]+)\\*", "<em>$1</em>");
  }
}
