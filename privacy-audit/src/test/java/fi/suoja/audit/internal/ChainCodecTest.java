package fi.suoja.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.audit.AuditException;
import fi.suoja.audit.Events;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChainCodecTest {
  @Test
  void leafHash_equalsRfc6962LeafOfDocumentedLeafData() {
    byte[] json = EventCodec.toBytes(Events.read(7));
    assertThat(ChainCodec.leafHash("n1", json))
        .isEqualTo(Merkle.leafHash(ChainCodec.leafData("n1", json)));
    assertThat(new String(ChainCodec.leafData("n1", json), StandardCharsets.UTF_8))
        .isEqualTo("{\"chain\":\"n1\",\"event\":" + new String(json, StandardCharsets.UTF_8) + "}");
  }

  @Test
  void parse_lineRoundTrips_andWhitespaceChangeRefused() {
    byte[] json = EventCodec.toBytes(Events.read(7));
    byte[] line = ChainCodec.line(3, "n1", json, new byte[32]);
    ChainCodec.Parsed p = ChainCodec.parse(line);
    assertThat(p.seq()).isEqualTo(3);
    assertThat(p.event()).isEqualTo(Events.read(7));
    String spaced = new String(line, StandardCharsets.UTF_8).replace("{\"seq\":3,", "{\"seq\": 3,");
    assertThatThrownBy(() -> ChainCodec.parse(spaced.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(AuditException.class)
        .hasMessageContaining("not in canonical form");
  }

  @Test
  void line_isTheDocumentedFormat_forAnySequenceNumberAndHashLength() {
    byte[] json = EventCodec.toBytes(Events.read(7));
    String event = new String(json, StandardCharsets.UTF_8);
    byte[] head = new byte[32];
    for (int i = 0; i < head.length; i++) {
      head[i] = (byte) (i * 37 + 11);
    }
    ChainCodec.LineWriter writer = new ChainCodec.LineWriter("node-7");
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    // negative numbers and other hash lengths only occur when a foreign line is re-encoded
    for (long seq :
        new long[] {0, 1, 9, 10, 99, 100, 123_456_789, Long.MAX_VALUE, -1, Long.MIN_VALUE}) {
      for (byte[] h : new byte[][] {head, new byte[0], new byte[33]}) {
        out.reset();
        writer.write(out, seq, json, h);
        String expected =
            "{\"seq\":"
                + seq
                + ",\"chain\":\"node-7\",\"event\":"
                + event
                + ",\"hash\":\""
                + java.util.Base64.getEncoder().encodeToString(h)
                + "\"}";
        assertThat(new String(out.toByteArray(), StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(ChainCodec.line(seq, "node-7", json, h)).isEqualTo(out.toByteArray());
      }
    }
  }

  @Test
  void leafHash_ofChainBytes_equalsLeafHashOfChainId() {
    byte[] json = EventCodec.toBytes(Events.read(3));
    assertThat(ChainCodec.leafHash("n1".getBytes(StandardCharsets.US_ASCII), json))
        .isEqualTo(ChainCodec.leafHash("n1", json));
  }
}
