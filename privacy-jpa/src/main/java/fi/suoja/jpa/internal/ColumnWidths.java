package fi.suoja.jpa.internal;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.SuojaException;
import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.ProtectedType;
import jakarta.persistence.Lob;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.MappingException;
import org.hibernate.boot.Metadata;
import org.hibernate.event.spi.PreInsertEvent;
import org.hibernate.event.spi.PreInsertEventListener;
import org.hibernate.event.spi.PreUpdateEvent;
import org.hibernate.event.spi.PreUpdateEventListener;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.persister.entity.EntityPersister;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Column widths of encrypted attributes (docs/OPERATIONS.md, "Column widths").
 *
 * <p>At boot: an attribute with a plaintext budget ({@code @Encrypted(maxLength = n)}) must have a
 * column at least as wide as the text form of the envelope of n characters at 3 UTF-8 bytes each
 * (the worst case), padded to its bucket; otherwise the boot fails naming entity, attribute,
 * column length and the length needed. Without a budget the column's own width is the only
 * limit, and the longest plaintext it always holds is logged.
 *
 * <p>On write (a pre-insert/pre-update listener registered after the privacy listener, so the
 * guard has decided and the state holds the envelopes): a value over its budget, or an envelope
 * longer than the column, is refused with a message that names the attribute and the column
 * width, never the value or its length. The database never gets to truncate or reject a
 * ciphertext.
 *
 * <p>The envelope arithmetic mirrors format 1 of docs/ENVELOPE.md (header 7 + nonce 12 + tag 16
 * bytes, unpadded Base64url text); {@code ColumnWidthsTest} checks it against real seals.
 */
final class ColumnWidths implements PreInsertEventListener, PreUpdateEventListener {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ColumnWidths.class);

  /** Bytes a tenant-key envelope adds to the (padded) plaintext: header 7, nonce 12, tag 16. */
  static final int ENVELOPE_OVERHEAD_BYTES = 7 + 12 + 16;
  /** UTF-8 bytes per UTF-16 code unit in the worst case (a surrogate pair is 4 bytes for 2). */
  static final int WORST_CASE_BYTES_PER_CHAR = 3;
  /** Hibernate's width of a String column without {@code @Column(length)}. */
  static final long DEFAULT_LENGTH = 255;

  private static final Pattern DECLARED_LENGTH =
      Pattern.compile("^\\s*(?:national\\s+)?(?:var)?char(?:acter)?(?:\\s+varying)?\\s*\\(\\s*(\\d+)",
          Pattern.CASE_INSENSITIVE);

  /** The limits of one encrypted attribute; {@code columnLength} -1 when unbounded (LOB/TEXT). */
  record Limit(String attribute, int bucket, int maxLength, long columnLength) {}

  private final transient Map<String, List<Limit>> limits;
  private final transient Map<String, int[]> positions = new ConcurrentHashMap<>();

  private ColumnWidths(Map<String, List<Limit>> limits) {
    this.limits = limits;
  }

  /**
   * Checks every encrypted column of {@code models} against its budget.
   *
   * @throws SuojaConfigurationException {@code SUOJA-5210} listing every column that is too
   *     narrow
   */
  static ColumnWidths check(Metadata metadata, Map<String, EntityModel> models) {
    Map<String, List<Limit>> all = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, EntityModel> e : models.entrySet()) {
      PersistentClass pc = metadata.getEntityBinding(e.getKey());
      EntityModel model = e.getValue();
      List<Limit> limits = new ArrayList<>();
      for (EntityModel.EncryptedAttribute attribute : model.encrypted()) {
        Field field = field(model.type(), attribute.name());
        Encrypted encrypted = field == null ? null : field.getAnnotation(Encrypted.class);
        int maxLength = encrypted == null ? 0 : encrypted.maxLength();
        if (maxLength < 0) {
          throw new SuojaConfigurationException(
              "SUOJA-5210",
              model.entityName() + "." + attribute.name() + ": @Encrypted(maxLength) must be 0"
                  + " (no budget) or positive, was " + maxLength);
        }
        long width = columnLength(pc, field, attribute.name());
        Limit limit = new Limit(attribute.name(), attribute.padToBucket(), maxLength, width);
        limits.add(limit);
        if (width < 0) {
          continue;
        }
        if (maxLength > 0) {
          long needed = neededWidth(maxLength, limit.bucket());
          if (needed > width) {
            problems.add(
                model.entityName() + "." + attribute.name() + " (column length " + width
                    + ", needs " + needed + " for maxLength " + maxLength
                    + (limit.bucket() > 0 ? " padded to bucket " + limit.bucket() : "") + ")");
          }
        } else {
          int fits = longestThatFits(width, limit.bucket());
          if (fits < 1) {
            problems.add(
                model.entityName() + "." + attribute.name() + " (column length " + width
                    + ", needs at least " + neededWidth(1, limit.bucket())
                    + " for a 1-character value)");
          } else {
            LOG.info(
                "Suoja: {}.{} has no @Encrypted(maxLength); its column ({} characters) holds any"
                    + " value of up to {} characters, longer ones only if their UTF-8 form is"
                    + " short enough (checked on write)",
                model.entityName(),
                attribute.name(),
                width,
                fits);
          }
        }
      }
      all.put(e.getKey(), List.copyOf(limits));
    }
    if (!problems.isEmpty()) {
      throw new SuojaConfigurationException(
          "SUOJA-5210",
          "encrypted columns too narrow for their envelopes: "
              + String.join("; ", problems)
              + ". Widen them (@Column(length = ...) and the database column; docs/OPERATIONS.md"
              + " has the widths) or lower maxLength");
    }
    return new ColumnWidths(Map.copyOf(all));
  }

  /** Bytes of the envelope of {@code plaintextBytes} bytes padded to {@code bucket} (0: none). */
  static long envelopeBytes(long plaintextBytes, int bucket) {
    long body = plaintextBytes;
    if (bucket > 0) {
      body = bucket;
      while (body < plaintextBytes + 1) {
        body <<= 1;
      }
    }
    return ENVELOPE_OVERHEAD_BYTES + body;
  }

  /** Characters of the unpadded Base64url text of {@code bytes} bytes. */
  static long textLength(long bytes) {
    return (bytes * 4 + 2) / 3;
  }

  /** Column width that holds the envelope of any value of {@code maxChars} characters. */
  static long neededWidth(int maxChars, int bucket) {
    return textLength(envelopeBytes((long) maxChars * WORST_CASE_BYTES_PER_CHAR, bucket));
  }

  /** The longest value (characters, worst case) whose envelope always fits {@code width}. */
  static int longestThatFits(long width, int bucket) {
    int lo = 0;
    int hi = (int) Math.min(Integer.MAX_VALUE / 4, width);
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (neededWidth(mid, bucket) <= width) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  // ---- write-time check -----------------------------------------------------------------------

  @Override
  public boolean onPreInsert(PreInsertEvent event) {
    check(event.getPersister(), event.getEntity(), event.getState());
    return false;
  }

  @Override
  public boolean onPreUpdate(PreUpdateEvent event) {
    check(event.getPersister(), event.getEntity(), event.getState());
    return false;
  }

  private void check(EntityPersister persister, Object entity, Object[] state) {
    List<Limit> entityLimits = limits.get(persister.getEntityName());
    if (entityLimits == null) {
      return;
    }
    int[] pos =
        positions.computeIfAbsent(
            persister.getEntityName(),
            n -> {
              List<String> names = Arrays.asList(persister.getPropertyNames());
              return entityLimits.stream().mapToInt(l -> names.indexOf(l.attribute())).toArray();
            });
    for (int k = 0; k < pos.length; k++) {
      Limit limit = entityLimits.get(k);
      if (pos[k] < 0 || !(state[pos[k]] instanceof String sealed)) {
        continue;
      }
      if (limit.maxLength() > 0
          && persister.getValue(entity, pos[k]) instanceof String plain
          && plain.length() > limit.maxLength()) {
        throw new SuojaException(
            "SUOJA-5212",
            "a value of " + name(persister, limit) + " is longer than its @Encrypted(maxLength = "
                + limit.maxLength() + "); nothing was written");
      }
      if (limit.columnLength() >= 0 && sealed.length() > limit.columnLength()) {
        throw new SuojaException(
            "SUOJA-5211",
            "the sealed value of " + name(persister, limit) + " does not fit its column (length "
                + limit.columnLength() + "); widen the column (docs/OPERATIONS.md). Nothing was"
                + " written");
      }
    }
  }

  /** {@code Entity.attribute}, built only for a message: the check runs for every write. */
  private static String name(EntityPersister persister, Limit limit) {
    return persister.getEntityName() + "." + limit.attribute();
  }

  // ---- mapping --------------------------------------------------------------------------------

  /** The declared width, or -1 for an unbounded column (LOB, TEXT, CLOB). */
  private static long columnLength(PersistentClass pc, Field field, String attribute) {
    if (field != null && field.isAnnotationPresent(Lob.class)) {
      return -1;
    }
    Property property;
    try {
      property = pc.getProperty(attribute);
    } catch (MappingException notMapped) {
      return -1; // the model scanner decides about unmapped attributes
    }
    List<Column> columns = property.getValue().getColumns();
    if (columns.size() != 1) {
      return -1;
    }
    Column column = columns.get(0);
    String sqlType = column.getSqlType();
    if (sqlType != null) {
      String upper = sqlType.toUpperCase(Locale.ROOT);
      if (upper.contains("TEXT") || upper.contains("CLOB") || upper.contains("LOB")) {
        return -1;
      }
      Matcher m = DECLARED_LENGTH.matcher(sqlType);
      if (m.find()) {
        return Long.parseLong(m.group(1));
      }
      LOG.warn(
          "Suoja: cannot tell the width of {}.{} from its column definition '{}'; not checked",
          pc.getJpaEntityName(),
          attribute,
          sqlType);
      return -1;
    }
    Long length = column.getLength();
    return length == null ? DEFAULT_LENGTH : length;
  }

  private static Field field(Class<?> type, String name) {
    return ProtectedType.of(type).field(name).orElse(null);
  }

  @Override
  public String toString() {
    return "ColumnWidths" + Objects.toString(limits.keySet());
  }
}
