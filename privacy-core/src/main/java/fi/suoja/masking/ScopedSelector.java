package fi.suoja.masking;

/** {@link MaskerSelector#scoped()}: the current scope's masker, else the anonymiser. */
enum ScopedSelector implements MaskerSelector {
  INSTANCE;

  @Override
  public Masker select() {
    Masker masker = SensitiveValues.currentMasker();
    return masker == null ? Anonymiser.instance() : masker;
  }
}
