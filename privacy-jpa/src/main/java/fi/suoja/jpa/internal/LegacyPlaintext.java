package fi.suoja.jpa.internal;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.crypto.CipherContext;
import fi.suoja.crypto.DecryptionException;
import fi.suoja.crypto.FieldCipher;
import fi.suoja.crypto.KeyUnavailableException;
import fi.suoja.jpa.SuojaJpaSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a load does with a stored value that is not an envelope ({@link
 * SuojaJpaSettings#LEGACY_PLAINTEXT}). {@link #OFF}: it fails like tampering. {@link #READ}: it is
 * taken as plaintext written before Suoja was adopted, and the READ audit event names the field
 * with {@link SuojaJpaSettings#LEGACY_PLAINTEXT_MARKER}.
 *
 * <p>"Not an envelope" means the header does not parse (not canonical Base64url, unknown format,
 * flags or key kind, too short). A value with a valid header that does not authenticate is a
 * damaged or moved envelope and always fails: legacy mode never turns tampering into plaintext.
 */
public enum LegacyPlaintext {
  OFF,
  READ;

  /** Parses the setting value; {@code null} is {@link #OFF}. */
  static LegacyPlaintext parse(Object value) {
    String v = value == null ? "off" : value.toString().trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "off" -> OFF;
      case "read" -> READ;
      default ->
          throw new SuojaConfigurationException(
              "SUOJA-5220",
              "persistence-unit property '"
                  + SuojaJpaSettings.LEGACY_PLAINTEXT
                  + "' must be 'off' or 'read', got '"
                  + v
                  + "'");
    };
  }

  /** Whether {@code value} has the header of an envelope (it may still fail to open). */
  public static boolean isEnvelope(FieldCipher cipher, CipherContext context, String value) {
    try {
      cipher.keyOf(context, value);
      return true;
    } catch (DecryptionException notAnEnvelope) {
      return false;
    } catch (KeyUnavailableException subjectKey) {
      return true; // a well-formed envelope under a key this node lacks
    }
  }

  /**
   * Which of the encrypted attributes at {@code positions} hold legacy plaintext; {@code null} when
   * none does or the mode is {@link #OFF}.
   */
  boolean[] plaintextFields(
      FieldCipher cipher,
      EntityModel model,
      int[] positions,
      Object[] values,
      String tenant,
      String id) {
    if (this == OFF) {
      return null;
    }
    boolean[] plain = null;
    for (int k = 0; k < positions.length; k++) {
      if (values[positions[k]] instanceof String s) {
        String field = model.encrypted().get(k).name();
        if (!isEnvelope(cipher, new CipherContext(tenant, model.scope(), field, id), s)) {
          if (plain == null) {
            plain = new boolean[positions.length];
          }
          plain[k] = true;
        }
      }
    }
    return plain;
  }

  /** The field names for the audit event, legacy ones marked. */
  static List<String> mark(List<String> names, boolean[] plain) {
    if (plain == null) {
      return names;
    }
    List<String> out = new ArrayList<>(names.size());
    for (int k = 0; k < names.size(); k++) {
      out.add(plain[k] ? names.get(k) + SuojaJpaSettings.LEGACY_PLAINTEXT_MARKER : names.get(k));
    }
    return out;
  }
}
