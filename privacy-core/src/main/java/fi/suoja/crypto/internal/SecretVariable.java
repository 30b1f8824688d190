package fi.suoja.crypto.internal;

import fi.suoja.SuojaConfigurationException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * A secret (a password, a PIN, a token) read from an environment variable, so that it is in neither
 * the configuration nor the command line, handed to one use and then wiped. Messages name the
 * variable, never its value.
 */
public final class SecretVariable {
  private SecretVariable() {}

  /** What to do with the secret; the array is wiped when it returns. */
  public interface Use<T> {
    T apply(char[] secret);
  }

  /**
   * Reads {@code variable} from {@code env} and hands its characters to {@code use}, then wipes
   * them.
   *
   * @param code the code when the variable is not set
   * @param what what the variable holds and which option names it, for the message
   * @throws SuojaConfigurationException if the variable is not set
   */
  public static <T> T with(
      Map<String, String> env, String variable, String code, String what, Use<T> use) {
    Objects.requireNonNull(variable, "variable");
    String value = env.get(variable);
    if (value == null) {
      throw new SuojaConfigurationException(
          code, "environment variable " + variable + " (" + what + ") is not set");
    }
    char[] secret = value.toCharArray();
    try {
      return use.apply(secret);
    } finally {
      Arrays.fill(secret, '\0');
    }
  }
}
