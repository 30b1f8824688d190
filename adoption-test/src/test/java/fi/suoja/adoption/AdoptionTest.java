package fi.suoja.adoption;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The adoption's own assertion (issue 16), in raw SQL: after start-up the owners table holds
 * envelopes only - the plaintext data.sql inserted was sealed by suoja.migration.on-startup - and
 * the blind-index and prefix-index columns hold no name.
 */
@SpringBootTest
class AdoptionTest {
  private static final List<String> SEEDED =
      List.of(
          "George",
          "Franklin",
          "110 W. Liberty St.",
          "6085551023",
          "Betty",
          "Davis",
          "638 Cardinal Ave.",
          "6085551749",
          "Eduardo",
          "Rodriquez",
          "2693 Commerce St.",
          "6085558763",
          "Harold",
          "563 Friendly St.",
          "6085553198");

  @Autowired JdbcTemplate jdbc;

  @Test
  void theOwnersTableHoldsOnlyEnvelopes_andTheIndexNoName() {
    List<Map<String, Object>> rows =
        jdbc.queryForList(
            "select first_name, last_name, last_name_index, last_name_prefix, address, city,"
                + " telephone from owners");

    assertThat(rows).hasSizeGreaterThanOrEqualTo(4);
    for (Map<String, Object> row : rows) {
      for (String column : List.of("first_name", "last_name", "address", "telephone")) {
        String value = String.valueOf(row.get(column));
        assertThat(value).as(column).startsWith("AQ").hasSizeGreaterThan(50);
        assertThat(SEEDED).noneMatch(value::contains);
      }
      for (String column : List.of("last_name_index", "last_name_prefix")) {
        String index = String.valueOf(row.get(column));
        assertThat(index).as(column).matches("[0-9a-f]{4,64}");
        assertThat(SEEDED)
            .noneMatch(
                s ->
                    index
                        .toLowerCase(java.util.Locale.ROOT)
                        .contains(s.toLowerCase(java.util.Locale.ROOT)));
      }
      // the prefix index is its own key's: not the equality index of the same name
      assertThat(row.get("last_name_prefix")).isNotEqualTo(row.get("last_name_index"));
    }
    // not annotated: stays as it was
    assertThat(rows).extracting(r -> r.get("city")).contains("Madison", "Windsor");
    // two Davises: the same index value, so findByLastName finds both
    assertThat(
            jdbc.queryForObject(
                "select count(distinct last_name_index) from owners where id in (2, 4)",
                Integer.class))
        .isEqualTo(1);
    // and the same prefix value, so findByLastNameStartingWith("Dav") finds both; Franklin's
    // (id 1) differs
    assertThat(
            jdbc.queryForObject(
                "select count(distinct last_name_prefix) from owners where id in (1, 2, 4)",
                Integer.class))
        .isEqualTo(2);
  }
}
