package fi.suoja.audit.internal;

import java.util.Iterator;

/** Stored records of one chain in storage order; close releases files or cursors. */
public interface RecordSource extends Iterator<RawRecord>, AutoCloseable {
  @Override
  void close();
}
