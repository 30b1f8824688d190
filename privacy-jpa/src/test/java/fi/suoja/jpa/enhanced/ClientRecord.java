package fi.suoja.jpa.enhanced;

import java.util.UUID;

/**
 * How the tests reach {@link EnhancedClient}: the class they run is a bytecode-enhanced copy
 * defined by {@link EnhancingClassLoader}, not the type the tests are compiled against.
 */
public interface ClientRecord {
  UUID id();

  String lastName();

  void lastName(String value);

  String hetu();

  void hetu(String value);

  String municipality();

  void municipality(String value);

  void responsibleEmployee(String value);
}
