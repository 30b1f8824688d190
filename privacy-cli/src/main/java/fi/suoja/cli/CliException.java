package fi.suoja.cli;

/** A coded command failure with the exit status it ends the command with. */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final int exitCode;

  /**
   * @param code a {@code SUOJA-90xx} code (docs/errors.md)
   * @param exitCode one of {@link SuojaCommand}'s exit codes
   * @param message what went wrong, free of personal data, key material and credentials
   */
  CliException(String code, int exitCode, String message) {
    super(code + ": " + message);
    this.code = code;
    this.exitCode = exitCode;
  }

  String code() {
    return code;
  }

  int exitCode() {
    return exitCode;
  }
}
