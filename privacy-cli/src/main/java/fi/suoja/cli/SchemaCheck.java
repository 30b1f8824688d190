package fi.suoja.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.suoja.SuojaException;
import fi.suoja.annotation.BlindIndex;
import fi.suoja.audit.sink.JdbcAuditSink;
import fi.suoja.crypto.spi.JdbcWrappedKeyStore;
import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.hibernate.persister.entity.EntityPersister;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code suoja schema check}: the host's database against what Suoja needs. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Checks the host's database against what Suoja needs, without its keys and without changing"
          + " anything:",
      "  widths   - every @Encrypted and @BlindIndex column is wide enough for its envelope or"
          + " index, in the mapping and in the database's own metadata (the integration's boot"
          + " check, SUOJA-5210, run with a throwaway key; also transport security, SUOJA-52xx);",
      "  indexes  - every @BlindIndex column leads an index (equality lookups go through it);",
      "  tables   - Suoja's wrapped-key table, audit table and audit checkpoint table exist with"
          + " every column of this version's DDL (suoja schema ddl; schema version 1).",
      "Each finding names table and column, never a value. Exit 1 when there is any."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every check passed",
      "1:at least one finding (SUOJA-9074); listed on standard output",
      "2:bad arguments; the entity classes cannot be loaded",
      "3:the database is unavailable",
      SuojaCommand.EXIT_CODES_70
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  suoja schema check jdbc:postgresql://db/care --classpath care-app.jar",
      "  suoja schema check jdbc:mariadb://db/care --classpath care-app.jar --naming snake_case"
          + " --audit-table care_audit --json"
    })
final class SchemaCheck extends Base {
  @Mixin HostOptions host = new HostOptions();

  /** One problem found. */
  record Finding(String check, String code, String message) {}

  private static final Pattern DDL_COLUMN =
      Pattern.compile(
          "[(,]\\s*([a-z_][a-z0-9_]*)\\s+(?:VARCHAR|BIGINT|INT|INTEGER|SMALLINT|TEXT|LONGTEXT"
              + "|CLOB|BLOB|BYTEA|VARBINARY|BINARY|CHAR|TIMESTAMP|BOOLEAN|DATE)");

  @Override
  int execute() {
    List<Finding> findings = new ArrayList<>();
    try {
      Host.openChecked(host, env()).close(); // the integration's boot checks passed
    } catch (SuojaException e) {
      findings.add(new Finding("widths", e.code(), e.getMessage()));
    }
    int entities;
    try (Host model = Host.openModel(host, env())) {
      entities = model.entities().size();
      try (Connection c = model.dataSource().getConnection()) {
        DatabaseMetaData md = c.getMetaData();
        String catalog = c.getCatalog();
        String schema = schemaOf(c);
        indexes(model, md, catalog, schema, findings);
        tables(md, catalog, schema, findings);
      } catch (SQLException e) {
        throw new CliException(
            "SUOJA-9010",
            SuojaCommand.UNAVAILABLE,
            "cannot read the database's metadata (SQL state " + e.getSQLState() + ")");
      }
    }
    if (json) {
      ObjectNode root = Output.object();
      root.put("ok", findings.isEmpty());
      root.put("exitCode", findings.isEmpty() ? SuojaCommand.OK : SuojaCommand.VERIFICATION_FAILED);
      root.put("entities", entities);
      ArrayNode list = root.putArray("findings");
      for (Finding f : findings) {
        list.addObject().put("check", f.check()).put("code", f.code()).put("message", f.message());
      }
      out().println(Output.write(root));
    } else {
      for (Finding f : findings) {
        out().println("FINDING " + f.check() + ": " + f.message());
      }
      if (findings.isEmpty()) {
        out()
            .println(
                "OK  "
                    + entities
                    + " entities: envelope and index widths, blind-index indexes, Suoja's tables");
      }
    }
    if (!findings.isEmpty()) {
      if (!json) {
        err().println("SUOJA-9074: schema check found " + findings.size() + " problem(s)");
      }
      return SuojaCommand.VERIFICATION_FAILED;
    }
    return SuojaCommand.OK;
  }

  private static void indexes(
      Host model, DatabaseMetaData md, String catalog, String schema, List<Finding> findings)
      throws SQLException {
    for (Class<?> type : model.entities()) {
      EntityPersister persister =
          model
              .sessionFactory()
              .unwrap(org.hibernate.engine.spi.SessionFactoryImplementor.class)
              .getMappingMetamodel()
              .getEntityDescriptor(type);
      if (!(persister instanceof AbstractEntityPersister p)) {
        continue;
      }
      for (Field f : fields(type)) {
        if (!f.isAnnotationPresent(BlindIndex.class)) {
          continue;
        }
        String table = p.getTableName();
        String column = p.getPropertyColumnNames(f.getName())[0];
        if (!leadsAnIndex(md, catalog, schema, table, column)) {
          findings.add(
              new Finding(
                  "indexes",
                  "SUOJA-9074",
                  "blind-index column "
                      + table
                      + "."
                      + column
                      + " ("
                      + type.getSimpleName()
                      + "."
                      + f.getName()
                      + ") leads no index: create one (CREATE INDEX ... ON "
                      + table
                      + " ("
                      + column
                      + "))"));
        }
      }
    }
  }

  private static List<Field> fields(Class<?> type) {
    List<Field> all = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      all.addAll(List.of(c.getDeclaredFields()));
    }
    return all;
  }

  private static boolean leadsAnIndex(
      DatabaseMetaData md, String catalog, String schema, String table, String column)
      throws SQLException {
    for (String t : stored(md, table)) {
      try (ResultSet rs = md.getIndexInfo(catalog, schema, t, false, true)) {
        while (rs.next()) {
          String c = rs.getString("COLUMN_NAME");
          if (rs.getShort("ORDINAL_POSITION") == 1 && c != null && c.equalsIgnoreCase(column)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private void tables(DatabaseMetaData md, String catalog, String schema, List<Finding> findings)
      throws SQLException {
    String product = md.getDatabaseProductName().toLowerCase(Locale.ROOT);
    SchemaCommand.Database db =
        product.contains("postgres")
            ? SchemaCommand.Database.postgresql
            : product.contains("h2") ? SchemaCommand.Database.h2 : SchemaCommand.Database.mariadb;
    List<String> ddl = new ArrayList<>();
    ddl.add(JdbcWrappedKeyStore.ddl(db.name(), host.keyTable));
    ddl.addAll(JdbcAuditSink.ddl(db.audit, host.auditTable));
    for (String statement : ddl) {
      Matcher name = Pattern.compile("CREATE TABLE (?:IF NOT EXISTS )?(\\S+)").matcher(statement);
      if (!name.find()) {
        continue;
      }
      String table = name.group(1);
      Set<String> expected = new LinkedHashSet<>();
      Matcher m = DDL_COLUMN.matcher(statement);
      while (m.find()) {
        expected.add(m.group(1));
      }
      Set<String> found = new LinkedHashSet<>();
      String bare = table.contains(".") ? table.substring(table.lastIndexOf('.') + 1) : table;
      String in = table.contains(".") ? table.substring(0, table.lastIndexOf('.')) : schema;
      for (String t : stored(md, bare)) {
        try (ResultSet rs = md.getColumns(catalog, in, t, null)) {
          while (rs.next()) {
            found.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
          }
        }
      }
      if (found.isEmpty()) {
        findings.add(
            new Finding(
                "tables",
                "SUOJA-9074",
                "Suoja's table "
                    + table
                    + " is missing: create it (suoja schema ddl, or the shipped migrations)"));
        continue;
      }
      expected.removeAll(found);
      if (!expected.isEmpty()) {
        findings.add(
            new Finding(
                "tables",
                "SUOJA-9074",
                "Suoja's table "
                    + table
                    + " lacks column(s) "
                    + String.join(", ", expected)
                    + " of schema version 1: migrate it (the shipped migrations)"));
      }
    }
  }

  /** The spellings under which the database may have stored an unquoted identifier. */
  private static Set<String> stored(DatabaseMetaData md, String name) throws SQLException {
    Set<String> names = new LinkedHashSet<>();
    if (md.storesLowerCaseIdentifiers()) {
      names.add(name.toLowerCase(Locale.ROOT));
    } else if (md.storesUpperCaseIdentifiers()) {
      names.add(name.toUpperCase(Locale.ROOT));
    }
    names.add(name);
    return names;
  }

  private static String schemaOf(Connection c) {
    try {
      return c.getSchema();
    } catch (SQLException | AbstractMethodError e) {
      return null;
    }
  }
}
