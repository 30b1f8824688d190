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
}
