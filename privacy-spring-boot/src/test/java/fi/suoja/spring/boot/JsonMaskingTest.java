package fi.suoja.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import fi.suoja.annotation.PersonalData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * suoja.masking.json=true: Boot's own JSON mapper masks personal data - Jackson 3's JsonMapper on
 * Boot 4, Jackson 2's ObjectMapper on Boot 3.5, whichever the line auto-configures.
 */
@SpringBootTest(
    classes = fi.suoja.spring.boot.app.CareApp.class,
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = "suoja.masking.json=true")
class JsonMaskingTest {

  @DynamicPropertySource
  static void masterKey(DynamicPropertyRegistry registry) {
    registry.add("suoja.master-key.location", () -> MasterKeys.pkcs12().toString());
  }

  /** What a service writes for diagnostics. */
  public record Visit(@PersonalData String client, String note) {}

  @Autowired ApplicationContext ctx;

  @Test
  void bootsMapper_writesPersonalDataMasked() throws Exception {
    Visit visit = new Visit("Aino Virtanen", "soitto 131052-308T");
    JsonMapper jackson3 = ctx.getBeanProvider(JsonMapper.class).getIfAvailable();
    ObjectMapper jackson2 = ctx.getBeanProvider(ObjectMapper.class).getIfAvailable();
    String json =
        jackson3 != null ? jackson3.writeValueAsString(visit) : jackson2.writeValueAsString(visit);

    assertThat(jackson3 != null || jackson2 != null).isTrue();
    assertThat(json).doesNotContain("Aino", "Virtanen", "131052-308T").contains("soitto");
  }
}
