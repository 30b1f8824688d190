package fi.suoja.jpa;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} (tests only) that records every prepared statement it executes with the
 * values bound to it, and fails the statements a test names: what the database saw, statement by
 * statement.
 */
final class RecordingDataSource implements DataSource {
  /** One executed statement: its SQL and the values bound by parameter index. */
  record Executed(String sql, Map<Integer, Object> values) {
    boolean is(String verb) {
      return sql.stripLeading().toLowerCase(Locale.ROOT).startsWith(verb);
    }
  }

  private final String url;
  final List<Executed> executed = new CopyOnWriteArrayList<>();
  private volatile Predicate<String> failing = sql -> false;

  RecordingDataSource(String url) {
    this.url = url;
  }

  /** Makes every later statement whose SQL matches fail with an {@link SQLException}. */
  void fail(Predicate<String> statements) {
    this.failing = statements;
  }

  List<Executed> statements(String verb) {
    List<Executed> out = new ArrayList<>();
    for (Executed e : executed) {
      if (e.is(verb)) {
        out.add(e);
      }
    }
    return out;
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection real = DriverManager.getConnection(url);
    return (Connection)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              Object result = call(real, method, args);
              if (result instanceof PreparedStatement ps
                  && method.getName().equals("prepareStatement")) {
                return statement(ps, (String) args[0]);
              }
              return result;
            });
  }

  private PreparedStatement statement(PreparedStatement real, String sql) {
    Map<Integer, Object> values = new TreeMap<>();
    InvocationHandler handler =
        (proxy, method, args) -> {
          String name = method.getName();
          if (name.startsWith("set")
              && args != null
              && args.length >= 2
              && args[0] instanceof Integer index) {
            // setNull binds SQL NULL (its second argument is the SQL type, not a value)
            values.put(index, name.equals("setNull") ? null : args[1]);
          }
          if (name.startsWith("execute")) {
            if (failing.test(sql)) {
              throw new SQLException("failed by the test: " + sql);
            }
            executed.add(new Executed(sql, new TreeMap<>(values)));
          }
          return call(real, method, args);
        };
    return (PreparedStatement)
        Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {PreparedStatement.class}, handler);
  }

  private static Object call(Object target, java.lang.reflect.Method method, Object[] args)
      throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return getConnection();
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return false;
  }
}
