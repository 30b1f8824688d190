package fi.suoja.jpa.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.jpa.SuojaJpaSettings;
import fi.suoja.jpa.internal.TransportSecurity.Mode;
import fi.suoja.jpa.internal.TransportSecurity.Protection;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransportSecurityTest {

  @ParameterizedTest(name = "{0} -> {1}, strict {2}, encrypted {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          jdbc:h2:mem:echat;DB_CLOSE_DELAY=-1                                   | IN_PROCESS     | true  | true
          jdbc:h2:file:./target/db                                              | IN_PROCESS     | true  | true
          jdbc:h2:./target/db                                                   | IN_PROCESS     | true  | true
          jdbc:h2:tcp://localhost:9092/~/test                                   | LOOPBACK       | true  | true
          jdbc:h2:tcp://db.example.fi:9092/~/test                               | NONE           | false | false
          jdbc:h2:ssl://db.example.fi/~/test                                    | TLS_UNVERIFIED | false | true
          jdbc:postgresql://127.0.0.1:5432/test?user=postgres                   | LOOPBACK       | true  | true
          jdbc:postgresql://localhost/test                                      | LOOPBACK       | true  | true
          jdbc:postgresql://[::1]:5432/test                                     | LOOPBACK       | true  | true
          jdbc:postgresql:test                                                  | LOOPBACK       | true  | true
          jdbc:postgresql://db.example.fi:5432/care                             | NONE           | false | false
          jdbc:postgresql://db.example.fi/care?sslmode=disable                  | NONE           | false | false
          jdbc:postgresql://db.example.fi/care?sslmode=allow                    | NONE           | false | false
          jdbc:postgresql://db.example.fi/care?sslmode=prefer                   | NONE           | false | false
          jdbc:postgresql://db.example.fi/care?sslmode=require                  | TLS_UNVERIFIED | false | true
          jdbc:postgresql://db.example.fi/care?user=app&sslmode=verify-ca       | TLS_VERIFIED   | true  | true
          jdbc:postgresql://db.example.fi/care?sslmode=verify-full              | TLS_VERIFIED   | true  | true
          jdbc:postgresql://db.example.fi/care?ssl=true                         | TLS_VERIFIED   | true  | true
          jdbc:postgresql://localhost,db2.example.fi/care                       | NONE           | false | false
          jdbc:postgresql://10.0.0.5/care?sslmode=VERIFY-FULL                   | TLS_VERIFIED   | true  | true
          jdbc:mariadb://127.0.0.1:3306/test?user=root                          | LOOPBACK       | true  | true
          jdbc:mariadb://db.example.fi:3306/care                                | NONE           | false | false
          jdbc:mariadb://db.example.fi/care?sslMode=disable                     | NONE           | false | false
          jdbc:mariadb://db.example.fi/care?sslMode=trust                       | TLS_UNVERIFIED | false | true
          jdbc:mariadb://db.example.fi/care?sslMode=verify-ca                   | TLS_VERIFIED   | true  | true
          jdbc:mariadb://db.example.fi/care?user=app&sslMode=verify-full        | TLS_VERIFIED   | true  | true
          jdbc:mariadb://db.example.fi/care?useSsl=true                         | NONE           | false | false
          jdbc:mariadb:replication://db1.example.fi,db2.example.fi/care?sslMode=verify-full | TLS_VERIFIED | true | true
          jdbc:mariadb://address=(host=db.example.fi)(port=3306)/care           | NONE           | false | false
          jdbc:mariadb://address=(host=localhost)(port=3306)/care               | LOOPBACK       | true  | true
          jdbc:oracle:thin:@db.example.fi:1521/care                             | UNKNOWN        | false | false
          """)
  void assess_url_classifiedAndAcceptedPerMode(
      String url, Protection expected, boolean strict, boolean encrypted) {
    TransportSecurity.Assessment a = TransportSecurity.assess(url, Map.of());

    assertThat(a.protection()).isEqualTo(expected);
    assertThat(a.acceptedBy(Mode.STRICT)).isEqualTo(strict);
    assertThat(a.acceptedBy(Mode.ENCRYPTED)).isEqualTo(encrypted);
    assertThat(a.acceptedBy(Mode.OFF)).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "jdbc:postgresql://db.example.fi/care, hibernate.connection.sslmode, verify-full, TLS_VERIFIED",
    "jdbc:postgresql://db.example.fi/care, sslmode, require, TLS_UNVERIFIED",
    "jdbc:mariadb://db.example.fi/care, hibernate.connection.sslMode, verify-full, TLS_VERIFIED",
    "jdbc:postgresql://db.example.fi/care?sslmode=disable, hibernate.connection.sslmode, verify-full, NONE"
  })
  void assess_driverProperty_countsUnlessTheUrlOverrides(
      String url, String key, String value, Protection expected) {
    assertThat(TransportSecurity.assess(url, Map.of(key, value)).protection()).isEqualTo(expected);
  }

  @Test
  void require_unprotectedRemote_failsNamingSettingAndHostButNotThePassword() {
    TransportSecurity.Assessment a =
        TransportSecurity.assess(
            "jdbc:postgresql://db.example.fi/care?user=app&password=Salainen123&sslmode=prefer",
            Map.of());

    assertThatThrownBy(() -> TransportSecurity.require(a, Mode.STRICT))
        .isInstanceOf(SuojaConfigurationException.class)
        .hasMessageContaining("SUOJA-7101")
        .hasMessageContaining("db.example.fi")
        .hasMessageContaining("sslmode=prefer")
        .hasMessageContaining(SuojaJpaSettings.TRANSPORT_SECURITY)
        .hasMessageNotContaining("Salainen123");
  }

  @Test
  void require_unverifiedTls_passesOnlyInEncryptedMode() {
    TransportSecurity.Assessment a =
        TransportSecurity.assess("jdbc:mariadb://db.example.fi/care?sslMode=trust", Map.of());

    assertThatThrownBy(() -> TransportSecurity.require(a, Mode.STRICT))
        .hasMessageContaining("sslMode=trust");
    TransportSecurity.require(a, Mode.ENCRYPTED);
  }

  @ParameterizedTest
  @CsvSource({"strict, STRICT", "Encrypted, ENCRYPTED", "off, OFF"})
  void mode_knownValues_parse(String value, Mode expected) {
    assertThat(TransportSecurity.mode(value)).isEqualTo(expected);
  }

  @Test
  void mode_absent_isStrict_unknownFails() {
    assertThat(TransportSecurity.mode(null)).isEqualTo(Mode.STRICT);
    assertThatThrownBy(() -> TransportSecurity.mode("lax")).hasMessageContaining("SUOJA-7102");
  }
}
