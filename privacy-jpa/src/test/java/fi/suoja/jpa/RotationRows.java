package fi.suoja.jpa;

import fi.suoja.Suoja;
import fi.suoja.crypto.CipherContext;
import fi.suoja.jpa.model.Client;
import fi.suoja.policy.Actor;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import fi.suoja.policy.Role;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.hibernate.SessionFactory;

/** Helpers of the key-lifecycle tests: write clients through Suoja, read raw envelope versions. */
final class RotationRows {
  static final Actor OWNER = Actor.tenantUser("e-1", "A", Role.EMPLOYEE);

  private RotationRows() {}

  /** Persists {@code n} clients of tenant A owned by e-1; returns id -> {first, last, hetu}. */
  static Map<UUID, String[]> persist(SessionFactory sessions, int from, int n) {
    Map<UUID, String[]> rows = new LinkedHashMap<>();
    PrivacyContext.runAs(
        OWNER,
        Purpose.CARE,
        () ->
            sessions.inTransaction(
                s -> {
                  for (int i = from; i < from + n; i++) {
                    String[] v = {"Etu" + i, "Suku-ö" + i, LegacyRows.hetu(i)};
                    Client c = new Client("e-1", v[0], v[1], v[2]);
                    s.persist(c);
                    rows.put(c.id, v);
                  }
                }));
    return rows;
  }

  /** Loads one client as its owner. */
  static Client load(SessionFactory sessions, UUID id) {
    return PrivacyContext.callAs(
        OWNER, Purpose.CARE, () -> sessions.fromTransaction(s -> s.find(Client.class, id)));
  }

  /**
   * Key version of every stored encrypted value of the table (id -> versions of first, last, hetu),
   * read from the envelope headers.
   */
  static Map<UUID, int[]> versions(Database db, Suoja suoja, String table) throws Exception {
    return versions(db, suoja.cipher(), table);
  }

  /** As above, with any cipher (only headers are read). */
  static Map<UUID, int[]> versions(Database db, fi.suoja.crypto.FieldCipher cipher, String table)
      throws Exception {
    Map<UUID, int[]> out = new LinkedHashMap<>();
    try (Connection c = db.connect();
        PreparedStatement ps =
            c.prepareStatement("SELECT id, organisation, firstName, lastName, hetu FROM " + table);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        UUID id = UUID.fromString(rs.getString(1));
        String tenant = rs.getString(2);
        String[] fields = {"firstName", "lastName", "hetu"};
        int[] v = new int[3];
        for (int k = 0; k < 3; k++) {
          String value = rs.getString(3 + k);
          v[k] =
              value == null
                  ? 0
                  : cipher
                      .keyOf(new CipherContext(tenant, "Client", fields[k], id.toString()), value)
                      .version();
        }
        out.put(id, v);
      }
    }
    return out;
  }

  /** The raw stored value of one column of one row. */
  static String raw(Database db, String table, String column, UUID id) throws Exception {
    try (Connection c = db.connect();
        PreparedStatement ps =
            c.prepareStatement("SELECT " + column + " FROM " + table + " WHERE id = ?")) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }
}
