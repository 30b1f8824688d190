package fi.suoja.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.suoja.jpa.ErasureResult;
import fi.suoja.jpa.SealedExport;
import fi.suoja.jpa.SubjectHandover;
import fi.suoja.jpa.SubjectRights;
import fi.suoja.policy.Purpose;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code suoja erase} and {@code suoja export}: one data subject's rights. */
final class SubjectCommands {
  private SubjectCommands() {}

  /** {@code suoja erase}: {@link SubjectRights#erase}. */
  @Command(
      name = "erase",
      mixinStandardHelpOptions = true,
      description = {
        "Erases one data subject's records in one tenant (SubjectRights.erase): each record is"
            + " deleted or anonymised as its entity's @Erasure declares, unless it is under an"
            + " unexpired legal hold (@LegalRetention), which keeps it and names the basis and the"
            + " hold's end. Every record is audited as ERASE in the audit table, as the actor"
            + " --actor names; the policy must allow ERASE (the care policy: ORG_ADMIN). The"
            + " subject key is destroyed when nothing sealed under it is retained.",
        "Values are never printed: the output names entities, record ids and holds."
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        "0:done (records under a legal hold are kept and listed)",
        "2:bad arguments; --subject looks like an identity code (SUOJA-9070); the policy refused"
            + " the actor (SUOJA-3xxx)",
        "3:database, key store or Suoja's tables unavailable",
        SuojaCommand.EXIT_CODES_70
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  export SUOJA_DB_USER=care SUOJA_DB_PASSWORD_FILE=/run/secrets/db"
            + " SUOJA_KEYSTORE_PASSWORD=...",
        "  suoja erase jdbc:postgresql://db/care --classpath care-app.jar --master-key"
            + " /etc/care/suoja.p12 --actor dpo.virtanen --tenant org-17 --subject client-4711",
        "  suoja erase jdbc:postgresql://db/care --classpath care-app.jar --master-key"
            + " /etc/care/suoja.p12 --naming snake_case --actor dpo.virtanen --tenant org-17"
            + " --subject client-4711 --json"
      })
  static final class Erase extends HostJob {
    @Option(
        names = "--subject",
        required = true,
        paramLabel = "ID",
        description = "The data subject's internal id (never an identity code).")
    String subjectId;

    @Override
    int execute() {
      String id = subject(subjectId);
      ErasureResult r =
          runAs(
              Purpose.DATA_SUBJECT_REQUEST,
              h -> SubjectRights.builder(h.sessionFactory()).build().erase(id));
      if (json) {
        ObjectNode root = Output.object();
        root.put("ok", true);
        root.put("subject", r.subjectId());
        root.put("tenant", who.tenant(host));
        ArrayNode erased = root.putArray("erased");
        for (ErasureResult.Erased e : r.erased()) {
          erased.addObject().put("entity", e.entity()).put("id", e.id()).put("how", e.how().name());
        }
        ArrayNode retained = root.putArray("retained");
        for (ErasureResult.Retained e : r.retained()) {
          retained
              .addObject()
              .put("entity", e.entity())
              .put("id", e.id())
              .put("basis", e.basis())
              .put("holdEnds", e.holdEnds() == null ? null : e.holdEnds().toString());
        }
        root.put("subjectKeyDestroyed", r.subjectKeyDestroyed());
        out().println(Output.write(root));
      } else {
        out()
            .println(
                "subject "
                    + r.subjectId()
                    + " in tenant "
                    + who.tenant(host)
                    + ": "
                    + r.erased().size()
                    + " record(s) erased, "
                    + r.retained().size()
                    + " kept under a legal hold"
                    + (r.subjectKeyDestroyed() ? "; subject key destroyed" : ""));
        for (ErasureResult.Erased e : r.erased()) {
          out().println("  ERASED    " + e.entity() + " " + e.id() + " (" + e.how() + ")");
        }
        for (ErasureResult.Retained e : r.retained()) {
          out()
              .println(
                  "  RETAINED  "
                      + e.entity()
                      + " "
                      + e.id()
                      + " (basis "
                      + e.basis()
                      + ", hold ends "
                      + (e.holdEnds() == null ? "-" : e.holdEnds())
                      + ")");
        }
      }
      return SuojaCommand.OK;
    }
  }

  /** {@code suoja export}: {@link SubjectHandover#handOver} to a file. */
  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = {
        "Exports one data subject's records for hand-over to another controller"
            + " (SubjectHandover.handOver): every record of the subject in the tenant, opened"
            + " under the policy (READ, EXPORT and DISCLOSE decided and audited per record, as the"
            + " actor), written as one JSON document encrypted to the recipient's RSA public key"
            + " (CMS AuthEnvelopedData, DER) into --out, which is created owner-only and never"
            + " overwritten. Nothing is erased: run suoja erase once the recipient confirmed"
            + " receipt.",
        "The recipient reads it with: openssl cms -decrypt -inform DER -inkey recipient.key -in"
            + " FILE. Nothing readable is printed."
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        SuojaCommand.EXIT_CODES_0,
        "2:bad arguments; --out exists or --recipient-key is not an RSA public key (SUOJA-9071);"
            + " --subject looks like an identity code (SUOJA-9070); the policy refused the"
            + " actor",
        "3:database, key store or Suoja's tables unavailable; --out cannot be written"
            + " (SUOJA-9072)",
        SuojaCommand.EXIT_CODES_70
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  suoja export jdbc:postgresql://db/care --classpath care-app.jar --master-key"
            + " /etc/care/suoja.p12 --actor dpo.virtanen --tenant org-17 --subject client-4711"
            + " --recipient municipality-837 --recipient-key municipality.pem --out"
            + " client-4711.cms"
      })
  static final class Export extends HostJob {
    @Option(
        names = "--subject",
        required = true,
        paramLabel = "ID",
        description = "The data subject's internal id (never an identity code).")
    String subjectId;

    @Option(
        names = "--recipient",
        required = true,
        paramLabel = "ORG",
        description = "The receiving organisation's internal id (recorded in the audit trail).")
    String recipient;

    @Option(
        names = "--recipient-key",
        required = true,
        paramLabel = "PEM",
        description = "The recipient's RSA public key or certificate (PEM).")
    Path recipientKey;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "FILE",
        description = "The encrypted document to write (must not exist).")
    Path out;

    @Override
    int execute() {
      String id = subject(subjectId);
      PublicKey key = publicKey(recipientKey);
      if (Files.exists(out)) {
        throw exists();
      }
      SealedExport sealed =
          runAs(
              Purpose.DATA_SUBJECT_REQUEST,
              h ->
                  SubjectHandover.builder(h.sessionFactory())
                      .build()
                      .handOver(id, recipient, key, h.entities().toArray(Class<?>[]::new)));
      String name = sealed.names().iterator().next();
      write(out, sealed.document(name));
      int records = sealed.records().values().stream().mapToInt(Integer::intValue).sum();
      if (json) {
        ObjectNode root = Output.object();
        root.put("ok", true);
        root.put("subject", id);
        root.put("recipient", recipient);
        root.put("file", out.toString());
        root.put("records", records);
        out().println(Output.write(root));
      } else {
        out()
            .println(
                "wrote "
                    + out
                    + ": "
                    + records
                    + " record(s) of subject "
                    + id
                    + " encrypted to "
                    + recipient
                    + " (CMS, DER); nothing was erased");
      }
      return SuojaCommand.OK;
    }

    private CliException exists() {
      return new CliException(
          "SUOJA-9071",
          SuojaCommand.USAGE,
          out.getFileName() + " exists: an export is never written over another file");
    }

    private void write(Path file, byte[] bytes) {
      try {
        if (file.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix")) {
          Files.createFile(
              file,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
          Files.createFile(file);
        }
        try (OutputStream o = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
          o.write(bytes);
        }
      } catch (FileAlreadyExistsException e) {
        throw exists();
      } catch (IOException e) {
        throw new CliException(
            "SUOJA-9072",
            SuojaCommand.UNAVAILABLE,
            "cannot write " + file.getFileName() + " (" + e.getClass().getSimpleName() + ")");
      }
    }
  }

  /** An RSA public key from a PEM public key or certificate. */
  static PublicKey publicKey(Path pem) {
    String text;
    try {
      text = Files.readString(pem, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw badKey(pem);
    }
    try {
      if (text.contains("BEGIN CERTIFICATE")) {
        PublicKey k =
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)))
                .getPublicKey();
        if (!"RSA".equals(k.getAlgorithm())) {
          throw badKey(pem);
        }
        return k;
      }
      Map.Entry<String, String> block =
          Map.entry("-----BEGIN PUBLIC KEY-----", "-----END PUBLIC KEY-----");
      int from = text.indexOf(block.getKey());
      int to = text.indexOf(block.getValue());
      if (from < 0 || to < from) {
        throw badKey(pem);
      }
      byte[] der =
          Base64.getMimeDecoder().decode(text.substring(from + block.getKey().length(), to));
      return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw badKey(pem);
    }
  }

  private static CliException badKey(Path pem) {
    return new CliException(
        "SUOJA-9071",
        SuojaCommand.USAGE,
        "--recipient-key "
            + pem.getFileName()
            + " is not a readable RSA public key or certificate (PEM)");
  }
}
