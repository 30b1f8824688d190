package fi.suoja.crypto;

import fi.suoja.SuojaMetrics;
import fi.suoja.crypto.internal.AesGcm;
import fi.suoja.crypto.internal.Envelope;
import fi.suoja.crypto.internal.NonceSequence;
import fi.suoja.crypto.internal.OpenFailedException;
import fi.suoja.crypto.internal.Padding;
import fi.suoja.crypto.internal.Text;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import javax.crypto.SecretKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link FieldCipher} over the format-1 envelope (see {@link Envelope}, docs/ENVELOPE.md). */
final class EnvelopeFieldCipher implements FieldCipher {
  /** Longest plaintext accepted: 16 MiB. Field values, not files. */
  static final int MAX_PLAINTEXT_BYTES = 16 << 20;

  private static final Logger LOG = LoggerFactory.getLogger(FieldCipher.class);

  private final KeyCache keys;
  private final SubjectKeyCache subjectKeys;
  private final Map<String, Map<String, FieldOptions>> options;
  private final SuojaMetrics metrics;

  EnvelopeFieldCipher(
      KeyCache keys,
      SubjectKeyCache subjectKeys,
      Map<String, Map<String, FieldOptions>> options,
      SuojaMetrics metrics) {
    this.metrics = metrics;
    this.keys = keys;
    this.subjectKeys = subjectKeys;
    this.options = options;
  }

  /** The options of entity.field, or the defaults. */
  static FieldOptions optionsOf(
      Map<String, Map<String, FieldOptions>> options, String entity, String field) {
    Map<String, FieldOptions> byField = options.get(entity);
    FieldOptions o = byField == null ? null : byField.get(field);
    return o == null ? FieldOptions.defaults() : o;
  }

  @Override
  public String seal(CipherContext context, String plaintext) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(plaintext, "plaintext");
    checkWellFormed(plaintext);
    // Plaintext copies are not zeroed: the caller's String holds the value in the heap anyway,
    // and zeroing a 4 KiB copy costs more than the rest of Suoja's overhead.
    return Text.encode(seal0(context, plaintext.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public String sealForSubject(CipherContext context, String subjectId, String plaintext) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(subjectId, "subjectId");
    Objects.requireNonNull(plaintext, "plaintext");
    checkWellFormed(plaintext);
    SubjectKeyCache.SealTarget target =
        subjectKeys.sealTarget(context.tenant(), subjectId, context.entity(), context.field());
    return Text.encode(sealSubject(context, target, plaintext.getBytes(StandardCharsets.UTF_8)));
  }

  private byte[] sealSubject(
      CipherContext context, SubjectKeyCache.SealTarget target, byte[] plaintext) {
    if (plaintext.length > MAX_PLAINTEXT_BYTES) {
      throw new InvalidInputException(
          "SUOJA-1024", "plaintext longer than " + MAX_PLAINTEXT_BYTES + " bytes");
    }
    int bucket = optionsOf(options, context.entity(), context.field()).paddingBucket();
    byte[] body = plaintext;
    int bodyLength = plaintext.length;
    if (bucket > 0) {
      bodyLength = Padding.paddedLength(plaintext.length, bucket);
      body = Padding.pad(plaintext, bodyLength);
    }
    int headerLength = Envelope.TENANT_HEADER_BYTES + 1 + target.ref.length;
    byte[] out = new byte[headerLength + AesGcm.NONCE_BYTES + bodyLength + AesGcm.TAG_BYTES];
    Envelope.writeSubjectHeader(out, flags(bucket, context), SubjectKeyCache.VERSION, target.ref);
    NonceSequence.next(out, headerLength);
    byte[] aad =
        withPolicy(
            context,
            context.policy() != null,
            Envelope.associatedData(
                out,
                headerLength,
                Envelope.context(context.tenant(), context.entity(), context.field()),
                context.rowId()));
    AesGcm.seal(
        target.key,
        out,
        headerLength,
        aad,
        body,
        0,
        bodyLength,
        out,
        headerLength + AesGcm.NONCE_BYTES);
    metrics.countSeal();
    return out;
  }

  private byte[] openSubject(CipherContext context, Envelope.Header header, byte[] envelope) {
    SecretKey key =
        subjectKeys.openKey(
            header.subjectRef(), context.tenant(), context.entity(), context.field());
    int h = header.length();
    byte[] aad =
        withPolicy(
            context,
            header.bindsPolicy(),
            Envelope.associatedData(
                envelope,
                h,
                Envelope.context(context.tenant(), context.entity(), context.field()),
                context.rowId()));
    try {
      byte[] body =
          AesGcm.open(
              key,
              envelope,
              h,
              aad,
              envelope,
              h + AesGcm.NONCE_BYTES,
              envelope.length - h - AesGcm.NONCE_BYTES);
      return header.padded() ? Arrays.copyOf(body, Padding.unpaddedLength(body)) : body;
    } catch (OpenFailedException e) {
      throw fail(context, e.getMessage());
    }
  }

  @Override
  public byte[] sealBytes(CipherContext context, byte[] plaintext) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(plaintext, "plaintext");
    return seal0(context, plaintext);
  }

  private byte[] seal0(CipherContext context, byte[] plaintext) {
    if (plaintext.length > MAX_PLAINTEXT_BYTES) {
      throw new InvalidInputException(
          "SUOJA-1024", "plaintext longer than " + MAX_PLAINTEXT_BYTES + " bytes");
    }
    FieldOptions fieldOptions = optionsOf(options, context.entity(), context.field());
    DataKey dataKey = keys.currentKey(context.tenant());
    DataKey.SealKey key = dataKey.sealKey(context.entity(), context.field());

    int bucket = fieldOptions.paddingBucket();
    byte[] body = plaintext;
    int bodyLength = plaintext.length;
    if (bucket > 0) {
      bodyLength = Padding.paddedLength(plaintext.length, bucket);
      body = Padding.pad(plaintext, bodyLength);
    }
    byte[] out = new byte[Envelope.TENANT_OVERHEAD + bodyLength];
    int flags = flags(bucket, context);
    int h = Envelope.writeTenantHeader(out, flags, dataKey.id().version());
    NonceSequence.next(out, h);
    byte[] aad = associatedData(key, flags, context, context.policy() != null);
    AesGcm.seal(key.key, out, h, aad, body, 0, bodyLength, out, h + AesGcm.NONCE_BYTES);
    metrics.countSeal();
    return out;
  }

  @Override
  public String open(CipherContext context, String sealed) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(sealed, "sealed");
    byte[] envelope;
    try {
      envelope = decodeText(context, sealed);
    } catch (DecryptionException e) {
      metrics.countOpenFailure();
      throw e;
    }
    byte[] plaintext = open0(context, envelope);
    String s = new String(plaintext, StandardCharsets.UTF_8);
    if (s.indexOf('\uFFFD') >= 0) {
      // either a genuine U+FFFD or bytes that are not UTF-8: only a strict decoder can tell
      try {
        StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(plaintext));
      } catch (CharacterCodingException e) {
        throw fail(context, "plaintext is not UTF-8");
      }
    }
    return s;
  }

  @Override
  public byte[] openBytes(CipherContext context, byte[] envelope) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(envelope, "envelope");
    return open0(context, envelope);
  }

  private byte[] open0(CipherContext context, byte[] envelope) {
    byte[] plaintext;
    try {
      plaintext = openCounted(context, envelope);
    } catch (DecryptionException e) {
      metrics.countOpenFailure();
      throw e;
    }
    metrics.countOpen();
    return plaintext;
  }

  private byte[] openCounted(CipherContext context, byte[] envelope) {
    Envelope.Header header = header(context, envelope);
    if (header.kind() == Envelope.KIND_SUBJECT) {
      return openSubject(context, header, envelope);
    }
    DataKey dataKey = keys.key(context.tenant(), header.keyVersion());
    DataKey.SealKey key = dataKey.sealKey(context.entity(), context.field());
    int h = header.length();
    // parse() admitted only format 1, known flags and a tenant key of exactly this version, so
    // the envelope's header bytes equal the cached header of this key
    byte[] aad = associatedData(key, header.flags(), context, header.bindsPolicy());
    try {
      byte[] body =
          AesGcm.open(
              key.key,
              envelope,
              h,
              aad,
              envelope,
              h + AesGcm.NONCE_BYTES,
              envelope.length - h - AesGcm.NONCE_BYTES);
      if (!header.padded()) {
        return body;
      }
      return Arrays.copyOf(body, Padding.unpaddedLength(body));
    } catch (OpenFailedException e) {
      throw fail(context, e.getMessage());
    }
  }

  /** Flags of a new envelope: padded, and policy inputs bound when the context has some. */
  private static int flags(int bucket, CipherContext context) {
    return (bucket > 0 ? Envelope.FLAG_PADDED : 0)
        | (context.policy() != null ? Envelope.FLAG_POLICY : 0);
  }

  /**
   * The associated data of a tenant-key envelope of {@code key}: the cached header and context, the
   * row, and the context's policy inputs when the envelope binds them ({@code bound}; an envelope
   * that binds them cannot be opened by a context without them).
   */
  private static byte[] associatedData(
      DataKey.SealKey key, int flags, CipherContext context, boolean bound) {
    if (!bound) {
      return key.associatedData(flags, context.rowId());
    }
    CipherContext.PolicyInputs policy = context.policy();
    if (policy == null) {
      throw fail(context, "envelope binds policy inputs, the context has none");
    }
    return key.associatedData(flags, context.rowId(), policy.owner(), policy.subject());
  }

  private static byte[] withPolicy(CipherContext context, boolean bound, byte[] aad) {
    if (!bound) {
      return aad;
    }
    CipherContext.PolicyInputs policy = context.policy();
    if (policy == null) {
      throw fail(context, "envelope binds policy inputs, the context has none");
    }
    return Envelope.withPolicy(aad, policy.owner(), policy.subject());
  }

  @Override
  public boolean bindsPolicy(CipherContext context, String sealed) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(sealed, "sealed");
    return header(context, decodeText(context, sealed)).bindsPolicy();
  }

  @Override
  public KeyId keyOf(CipherContext context, String sealed) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(sealed, "sealed");
    Envelope.Header header = header(context, decodeText(context, sealed));
    if (header.kind() == Envelope.KIND_SUBJECT) {
      return new KeyId(KeyId.Kind.SUBJECT, header.subjectRef(), header.keyVersion());
    }
    return KeyId.tenant(context.tenant(), header.keyVersion());
  }

  @Override
  public String reseal(CipherContext context, String sealed) {
    Envelope.Header header = header(context, decodeText(context, sealed));
    if (header.kind() == Envelope.KIND_SUBJECT) {
      // subject keys are not rotated: a fresh nonce under the same subject key
      byte[] ref = header.subjectRef().getBytes(StandardCharsets.UTF_8);
      SubjectKeyCache.SealTarget target =
          new SubjectKeyCache.SealTarget(
              ref,
              subjectKeys.openKey(
                  header.subjectRef(), context.tenant(), context.entity(), context.field()));
      return Text.encode(
          sealSubject(context, target, open(context, sealed).getBytes(StandardCharsets.UTF_8)));
    }
    return seal(context, open(context, sealed));
  }

  private Envelope.Header header(CipherContext context, byte[] envelope) {
    Envelope.Header header;
    try {
      header = Envelope.parse(envelope);
    } catch (OpenFailedException e) {
      throw fail(context, e.getMessage());
    }
    return header;
  }

  private byte[] decodeText(CipherContext context, String sealed) {
    try {
      return Text.decode(sealed);
    } catch (IllegalArgumentException e) {
      throw fail(context, "not Base64url");
    }
  }

  private static DecryptionException fail(CipherContext context, String category) {
    LOG.debug(
        "SUOJA-1001 cannot open {}.{} of tenant {}: {}",
        context.entity(),
        context.field(),
        context.tenant(),
        category);
    return new DecryptionException(
        "SUOJA-1001",
        "cannot open the sealed value of " + context.entity() + "." + context.field());
  }

  private static void checkWellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        throw malformed();
      }
      if (Character.isLowSurrogate(c)) {
        throw malformed();
      }
    }
  }

  private static InvalidInputException malformed() {
    return new InvalidInputException(
        "SUOJA-1022", "plaintext is not well-formed UTF-16 (unpaired surrogate)");
  }

  @Override
  public String toString() {
    return "FieldCipher[entities configured=" + options.size() + "]";
  }
}
