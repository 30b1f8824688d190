package fi.suoja.jpa.enhanced;

/** How the tests reach {@link EnhancedNumberedClient}, whose class is an enhanced copy. */
public interface NumberedRecord {
  Integer id();

  String lastName();

  void lastName(String value);
}
