package fi.suoja.multinode;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} over a JDBC URL with a small pool of idle connections (tests only): a
 * connection is checked with {@code isValid} when taken, so a restarted database costs one failed
 * call per stale connection at most, and {@code close()} of a connection whose transaction is left
 * open, or that failed validation, discards it.
 */
final class UrlDataSource implements DataSource {
  private static final int IDLE = 8;
  private final String url;
  private final Deque<Connection> idle = new ArrayDeque<>();

  UrlDataSource(String url) {
    this.url = url;
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection c;
    while (true) {
      synchronized (idle) {
        c = idle.pollFirst();
      }
      if (c == null) {
        c = DriverManager.getConnection(url);
        break;
      }
      if (valid(c)) {
        break;
      }
      quietClose(c);
    }
    Connection real = c;
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            new InvocationHandler() {
              private boolean closed;

              @Override
              public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
                if (method.getName().equals("close")) {
                  if (!closed) {
                    closed = true;
                    release(real);
                  }
                  return null;
                }
                if (method.getName().equals("isClosed") && closed) {
                  return true;
                }
                try {
                  return method.invoke(real, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
              }
            });
  }

  private static boolean valid(Connection c) {
    try {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  private void release(Connection c) {
    try {
      if (!c.isClosed() && c.getAutoCommit()) {
        synchronized (idle) {
          if (idle.size() < IDLE) {
            idle.addFirst(c);
            return;
          }
        }
      }
    } catch (SQLException e) {
      // broken: discarded below
    }
    quietClose(c);
  }

  private static void quietClose(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      // already broken
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
