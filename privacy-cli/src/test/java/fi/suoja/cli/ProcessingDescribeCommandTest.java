package fi.suoja.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code processing describe} over entities compiled into a host jar: md (en, fi), html, json. */
class ProcessingDescribeCommandTest {
  @TempDir Path dir;

  Path jar() {
    Path classes =
        HostFixture.compile(
            dir.resolve("classes"), HostFixture.RESIDENT, HostFixture.VISIT, HostFixture.HELPER);
    return HostFixture.jar(classes, dir.resolve("care-app.jar"));
  }

  @Test
  void markdownHtmlAndJson_inBothLanguages() throws Exception {
    String jar = jar().toString();
    Cli.Result en = Cli.run("processing", "describe", "--classpath", jar);
    assertThat(en.exit()).as(en.all()).isZero();
    assertThat(en.out())
        .contains("# Record of processing\n")
        .contains("Resident")
        .contains("hetu")
        .doesNotContain("Käsittelyn kuvaus");

    Cli.Result fi = Cli.run("processing", "describe", "--classpath", jar, "--lang", "fi");
    assertThat(fi.exit()).isZero();
    assertThat(fi.out())
        .contains("# Käsittelyn kuvaus\n")
        .contains("## Rekisteröityjen ryhmät")
        .doesNotContain("# Record of processing")
        .contains("Resident");

    Cli.Result html =
        Cli.run("processing", "describe", "--classpath", jar, "--format", "html", "--lang", "fi");
    assertThat(html.exit()).isZero();
    assertThat(html.out())
        .startsWith("<!DOCTYPE html>")
        .contains("<html lang=\"fi\">")
        .contains("<h1>Käsittelyn kuvaus</h1>")
        .contains("<li>")
        .endsWith("</html>\n");

    Cli.Result json = Cli.run("processing", "describe", "--classpath", jar, "--format", "json");
    assertThat(json.exit()).isZero();
    assertThat(json.json().toString()).contains("Resident").contains("VisitNote");

    Cli.Result conflicting = Cli.run("processing", "describe", "--classpath", jar, "--json");
    assertThat(conflicting.exit()).isEqualTo(SuojaCommand.USAGE);
    assertThat(conflicting.json().path("code").asText()).isEqualTo("SUOJA-9075");
  }

  @Test
  void noEntities_isCoded() {
    Path none = HostFixture.compile(dir.resolve("none"), HostFixture.HELPER);
    Cli.Result r = Cli.run("processing", "describe", "--classpath", none.toString());
    assertThat(r.exit()).isEqualTo(SuojaCommand.USAGE);
    assertThat(r.err()).startsWith("SUOJA-9062");
  }
}
