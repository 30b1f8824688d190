package fi.suoja.audit.verify;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import fi.suoja.audit.AuditException;
import fi.suoja.audit.internal.Checks;
import fi.suoja.audit.internal.EventCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/**
 * A signed statement "chain {@code chainId} held {@code size} records, with RFC 6962 tree head
 * {@code rootHash} and chain head {@code headHash}, at {@code time}", signed with Ed25519. Kept
 * apart from the trail, checkpoints anchor it: a trail shorter than a valid checkpoint was
 * truncated, a trail whose first {@code size} records hash to another root was rewritten.
 *
 * <p>The signature covers the canonical JSON of all other components ({@link #signedBytes()}).
 *
 * @param chainId the chain (writer) this checkpoint belongs to
 * @param size number of records covered
 * @param rootHash base64 RFC 6962 tree head of those records
 * @param headHash base64 chain hash of record {@code size - 1}
 * @param time when the checkpoint was made
 * @param signature base64 Ed25519 signature over {@link #signedBytes()}
 */
public record Checkpoint(
    String chainId, long size, String rootHash, String headHash, Instant time, String signature) {

  /** Validates the components' presence (not the signature: see {@link #verify}). */
  public Checkpoint {
    Checks.token("checkpoint.chainId", chainId);
    if (size < 1) {
      throw EventCodec.malformed("checkpoint.size must be positive");
    }
    if (rootHash == null || headHash == null || time == null || signature == null) {
      throw EventCodec.malformed("checkpoint is incomplete");
    }
  }

  /** Signs a new checkpoint with an Ed25519 private key. */
  public static Checkpoint sign(
      String chainId, long size, byte[] root, byte[] head, Instant time, PrivateKey key) {
    String r = Base64.getEncoder().encodeToString(root);
    String h = Base64.getEncoder().encodeToString(head);
    byte[] msg = signedBytes(chainId, size, r, h, time);
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(msg);
      return new Checkpoint(
          chainId, size, r, h, time, Base64.getEncoder().encodeToString(s.sign()));
    } catch (GeneralSecurityException e) {
      throw new AuditException(
          "SUOJA-4020",
          "cannot sign checkpoint: the key of ChainOptions.builder().checkpoints(key) must be an"
              + " Ed25519 private key",
          e);
    }
  }

  /** True when the signature is a valid Ed25519 signature of this checkpoint under {@code key}. */
  public boolean verify(PublicKey key) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(key);
      s.update(signedBytes());
      return s.verify(Base64.getDecoder().decode(signature));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /** The root hash as bytes. */
  public byte[] root() {
    return Base64.getDecoder().decode(rootHash);
  }

  /** The exact bytes the signature covers. */
  public byte[] signedBytes() {
    return signedBytes(chainId, size, rootHash, headHash, time);
  }

  private static byte[] signedBytes(String chain, long size, String root, String head, Instant t) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(200);
    try (JsonGenerator g = EventCodec.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("type", "suoja-audit-checkpoint-v1");
      g.writeStringField("chain", chain);
      g.writeNumberField("size", size);
      g.writeStringField("root", root);
      g.writeStringField("head", head);
      g.writeStringField("time", t.toString());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** One-line JSON form, as stored in checkpoint files and tables. */
  public String toJson() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(300);
    try (JsonGenerator g = EventCodec.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("chain", chainId);
      g.writeNumberField("size", size);
      g.writeStringField("root", rootHash);
      g.writeStringField("head", headHash);
      g.writeStringField("time", time.toString());
      g.writeStringField("sig", signature);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Parses the JSON form; {@code SUOJA-4011} for anything else. */
  public static Checkpoint fromJson(String json) {
    JsonNode n;
    try {
      n = EventCodec.MAPPER.readTree(json);
    } catch (IOException e) {
      throw EventCodec.malformed("checkpoint is not JSON");
    }
    EventCodec.object(n, "checkpoint", Set.of("chain", "size", "root", "head", "time", "sig"));
    JsonNode size = n.get("size");
    if (size == null || !size.canConvertToLong()) {
      throw EventCodec.malformed("checkpoint.size must be a number");
    }
    try {
      return new Checkpoint(
          EventCodec.string(n, "chain", true),
          size.longValue(),
          EventCodec.string(n, "root", true),
          EventCodec.string(n, "head", true),
          Instant.parse(EventCodec.string(n, "time", true)),
          EventCodec.string(n, "sig", true));
    } catch (DateTimeException e) {
      throw EventCodec.malformed("checkpoint.time is not an ISO-8601 instant");
    }
  }
}
