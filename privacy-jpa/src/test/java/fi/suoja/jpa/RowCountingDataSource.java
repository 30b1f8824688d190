package fi.suoja.jpa;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} (tests only) that counts the rows the database returned to statements that
 * lock what they read ({@code ... FOR UPDATE}, {@code FOR NO KEY UPDATE}): the rows a batch job
 * read to work on, as the database delivered them rather than as the job counts them.
 */
final class RowCountingDataSource implements DataSource {
  private final String url;
  final AtomicLong lockedRowsRead = new AtomicLong();

  RowCountingDataSource(String url) {
    this.url = url;
  }

  static boolean locking(String sql) {
    String s = sql.toLowerCase(Locale.ROOT);
    return s.contains(" for update") || s.contains(" for no key update");
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
                  && method.getName().equals("prepareStatement")
                  && locking((String) args[0])) {
                return statement(ps);
              }
              return result;
            });
  }

  private PreparedStatement statement(PreparedStatement real) {
    return (PreparedStatement)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {PreparedStatement.class},
            (proxy, method, args) -> {
              Object result = call(real, method, args);
              if (result instanceof ResultSet rs && method.getName().equals("executeQuery")) {
                return rows(rs);
              }
              return result;
            });
  }

  private ResultSet rows(ResultSet real) {
    return (ResultSet)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {ResultSet.class},
            (proxy, method, args) -> {
              Object result = call(real, method, args);
              if (method.getName().equals("next") && Boolean.TRUE.equals(result)) {
                lockedRowsRead.incrementAndGet();
              }
              return result;
            });
  }

  private static Object call(Object target, Method method, Object[] args) throws Throwable {
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
