package fi.suoja.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code erase}, {@code export}, {@code retention run} and {@code keys shred} in-process on H2,
 * over entities compiled into a host jar: what each changes in the database and the audit table,
 * their exit codes and JSON, and that no output carries a name, identity code or note.
 */
class JobCommandsTest {
  @TempDir Path dir;
  HostFixture fx;

  @BeforeEach
  void setUp() throws Exception {
    fx = new HostFixture(dir, Databases.H2);
    fx.seed();
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

  Cli.Result run(List<String> command, String... more) {
    List<String> all = new ArrayList<>(HostFixture.admin());
    all.addAll(List.of(more));
    Cli.Result r = Cli.run(HostFixture.env(), fx.args(command, all.toArray(String[]::new)));
    assertThat(r.all())
        .doesNotContain("Maija")
        .doesNotContain("131052")
        .doesNotContain("keittiö")
        .doesNotContain(HostFixture.PASSWORD);
    return r;
  }

  long audit() {
    return fx.count("SELECT COUNT(*) FROM suoja_audit");
  }

  @Test
  void erase_deletesTheSubjectsRecords_keepsHeldOnes_audits() {
    long before = audit();
    Cli.Result r = run(List.of("erase"), "--subject", "r-1", "--json");
    assertThat(r.exit()).as(r.all()).isZero();
    JsonNode root = r.json();
    assertThat(root.path("ok").asBoolean()).isTrue();
    assertThat(root.path("erased").findValuesAsText("id")).contains("r-1", "v-old");
    assertThat(root.path("retained").findValuesAsText("id")).containsExactly("v-new");
    assertThat(root.path("retained").get(0).path("basis").asText()).isEqualTo("care-records-act");
    assertThat(fx.count("SELECT COUNT(*) FROM Resident")).isZero();
    assertThat(fx.count("SELECT COUNT(*) FROM VisitNote WHERE id = 'v-new'")).isOne();
    assertThat(audit()).isGreaterThan(before);

    Cli.Result text = run(List.of("erase"), "--subject", "r-1");
    assertThat(text.exit()).as(text.all()).isZero();
    assertThat(text.out()).contains("0 record(s) erased, 1 kept under a legal hold");
  }

  @Test
  void erase_refusesAnIdentityCodeAndAnActorThePolicyDenies() {
    Cli.Result hetu =
        Cli.run(
            HostFixture.env(),
            fx.args(
                List.of("erase"),
                "--actor",
                "dpo.virtanen",
                "--tenant",
                "care-a",
                "--subject",
                HostFixture.HETU));
    assertThat(hetu.exit()).isEqualTo(SuojaCommand.USAGE);
    assertThat(hetu.err()).startsWith("SUOJA-9070").doesNotContain("131052");

    Cli.Result nurse =
        Cli.run(
            HostFixture.env(),
            fx.args(
                List.of("erase"),
                "--actor",
                "aino.virtanen",
                "--tenant",
                HostFixture.TENANT,
                "--role",
                "EMPLOYEE",
                "--subject",
                "r-1",
                "--json"));
    assertThat(nurse.exit()).as(nurse.all()).isEqualTo(SuojaCommand.USAGE);
    assertThat(nurse.json().path("code").asText()).startsWith("SUOJA-3");
    assertThat(fx.count("SELECT COUNT(*) FROM Resident")).isOne();

    Cli.Result shared =
        Cli.run(
            HostFixture.env(),
            fx.args(
                List.of("erase"), "--actor", "admin", "--tenant", "care-a", "--subject", "r-1"));
    assertThat(shared.exit()).isEqualTo(SuojaCommand.USAGE);
    assertThat(shared.err()).startsWith("SUOJA-9065");
  }

  @Test
  void export_writesADocumentOnlyTheRecipientOpens() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    KeyPair recipient = g.generateKeyPair();
    Path pem = dir.resolve("municipality.pem");
    Files.writeString(
        pem,
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(recipient.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n");
    Path out = dir.resolve("r-1.cms");
    Cli.Result r =
        run(
            List.of("export"),
            "--subject",
            "r-1",
            "--recipient",
            "municipality-837",
            "--recipient-key",
            pem.toString(),
            "--out",
            out.toString(),
            "--json");
    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.json().path("records").asInt()).isEqualTo(3);
    byte[] cms = Files.readAllBytes(out);
    assertThat(new String(cms, StandardCharsets.ISO_8859_1)).doesNotContain("Maija");
    RecipientInformation info =
        new CMSAuthEnvelopedData(cms).getRecipientInfos().getRecipients().iterator().next();
    String json =
        new String(
            info.getContent(
                new JceKeyTransEnvelopedRecipient(recipient.getPrivate())
                    .setProvider(new BouncyCastleProvider())),
            StandardCharsets.UTF_8);
    assertThat(json).contains(HostFixture.NAME).contains(HostFixture.OBSERVATION);
    // nothing erased
    assertThat(fx.count("SELECT COUNT(*) FROM Resident")).isOne();

    Cli.Result again =
        run(
            List.of("export"),
            "--subject",
            "r-1",
            "--recipient",
            "municipality-837",
            "--recipient-key",
            pem.toString(),
            "--out",
            out.toString());
    assertThat(again.exit()).isEqualTo(SuojaCommand.USAGE);
    assertThat(again.err()).startsWith("SUOJA-9071");
    Files.writeString(dir.resolve("bad.pem"), "not a key");
    Cli.Result bad =
        run(
            List.of("export"),
            "--subject",
            "r-1",
            "--recipient",
            "m",
            "--recipient-key",
            dir.resolve("bad.pem").toString(),
            "--out",
            dir.resolve("x.cms").toString());
    assertThat(bad.exit()).isEqualTo(SuojaCommand.USAGE);
    assertThat(bad.err()).startsWith("SUOJA-9071");
  }

  @Test
  void retentionRun_erasesOnlyWhatOutlivedItsHold() {
    Cli.Result r = run(List.of("retention", "run"), "--batch-size", "1", "--json");
    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.json().path("erased").asLong()).isOne();
    assertThat(fx.count("SELECT COUNT(*) FROM VisitNote WHERE id = 'v-old'")).isZero();
    assertThat(fx.count("SELECT COUNT(*) FROM VisitNote WHERE id = 'v-new'")).isOne();
    assertThat(fx.count("SELECT COUNT(*) FROM Resident")).isOne();

    Cli.Result again = run(List.of("retention", "run"));
    assertThat(again.exit()).as(again.all()).isZero();
    assertThat(again.out()).contains("0 record(s) erased");
  }

  @Test
  void keysShred_destroysTheTenantsKeys_afterConfirmation_andRecordsIt() {
    Cli.Result wrong = run(List.of("keys", "shred"), "--confirm-tenant", "care-b");
    assertThat(wrong.exit()).isEqualTo(SuojaCommand.USAGE);
    assertThat(wrong.err()).startsWith("SUOJA-9073");
    assertThat(fx.count("SELECT COUNT(*) FROM suoja_wrapped_key")).isPositive();

    long before = audit();
    Cli.Result r = run(List.of("keys", "shred"), "--confirm-tenant", HostFixture.TENANT, "--json");
    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.json().path("destroyed").size()).isPositive();
    assertThat(fx.count("SELECT COUNT(*) FROM suoja_wrapped_key WHERE tenant = 'care-a'")).isZero();
    assertThat(audit()).isGreaterThan(before);
    assertThat(fx.count("SELECT COUNT(*) FROM suoja_audit WHERE event_json LIKE '%KEY_DESTROYED%'"))
        .isPositive();
  }
}
