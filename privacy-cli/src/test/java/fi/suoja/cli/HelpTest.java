package fi.suoja.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every command's {@code --help}: a description, examples and the exit codes. */
class HelpTest {
  static final List<List<String>> LEAVES =
      List.of(
          List.of("audit", "verify"),
          List.of("audit", "subject-report"),
          List.of("audit", "fhir"),
          List.of("schema", "ddl"),
          List.of("keys", "create-master"),
          List.of("schema", "check"),
          List.of("keys", "shred"),
          List.of("erase"),
          List.of("export"),
          List.of("retention", "run"),
          List.of("migrate", "plaintext"),
          List.of("keys", "rotate"),
          List.of("processing", "describe"));

  @Test
  void everyLeafCommand_hasExamplesAndExitCodes() {
    for (List<String> command : LEAVES) {
      String[] args = new String[command.size() + 1];
      command.toArray(args);
      args[command.size()] = "--help";
      Cli.Result r = Cli.run(args);
      assertThat(r.exit()).as(String.join(" ", command)).isZero();
      assertThat(r.out())
          .as(String.join(" ", command))
          .contains("Usage: suoja " + String.join(" ", command))
          .contains("--json")
          .contains("Examples:")
          .contains("  suoja " + String.join(" ", command))
          .contains("Exit codes:")
          .containsPattern("(?m)^\\s+0\\s+");
    }
  }

  @Test
  void root_listsTheCommands_andAGroupAloneIsAUsageError() {
    Cli.Result help = Cli.run("--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("audit").contains("schema").contains("keys").contains("70");

    Cli.Result none = Cli.run();
    assertThat(none.exit()).isEqualTo(SuojaCommand.USAGE);
    assertThat(none.err()).startsWith("SUOJA-9001");

    Cli.Result group = Cli.run("audit", "--json");
    assertThat(group.exit()).isEqualTo(SuojaCommand.USAGE);
    assertThat(group.json().path("code").asText()).isEqualTo("SUOJA-9001");

    Cli.Result unknown = Cli.run("nonsense");
    assertThat(unknown.exit()).isEqualTo(SuojaCommand.USAGE);
    assertThat(unknown.err()).doesNotContain("nonsense");
  }

  @Test
  void redact_keepsOptionNames_dropsValues() {
    assertThat(SuojaCommand.redact("Unknown option: '--password=hunter2'"))
        .isEqualTo("Unknown option: '--password=<redacted>'");
    assertThat(SuojaCommand.redact("Missing required parameter: '<dir|file|jdbc-url>'"))
        .isEqualTo("Missing required parameter: '<dir|file|jdbc-url>'");
    assertThat(SuojaCommand.redact("Unmatched argument at index 3: 'hunter2'"))
        .isEqualTo("Unmatched argument at index 3: '<redacted>'");
    assertThat(
            SuojaCommand.redact(
                "Invalid value for option '--from': '131052-308T' is not an Instant"))
        .isEqualTo("Invalid value for option '--from': <redacted>");
  }
}
