package fi.suoja.adoption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithAnonymousUser;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** The application's HTTP test: the whole application, the staff user of the clinic. */
@SpringBootTest
@WithMockUser(username = "maria.vet", roles = "VET")
class OwnerControllerTest {
  @Autowired WebApplicationContext context;
  MockMvc mvc;

  @BeforeEach
  void mockMvc() {
    mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
  }

  @Test
  void owners_byLastName() throws Exception {
    mvc.perform(get("/owners").param("lastName", "Franklin"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(1))
        .andExpect(jsonPath("$[0].firstName").value("George"))
        .andExpect(jsonPath("$[0].telephone").value("6085551023"))
        .andExpect(jsonPath("$[0].pets[0]").value("Leo"));
  }

  @Test
  void addOwner_thenReadIt() throws Exception {
    String body =
        """
        {"firstName": "Maria", "lastName": "Escobito", "address": "345 Maple St.",
         "city": "Madison", "telephone": "6085557683"}
        """;
    String location =
        mvc.perform(post("/owners").contentType(MediaType.APPLICATION_JSON).content(body))
            .andExpect(status().isCreated())
            .andExpect(jsonPath("$.id").isNumber())
            .andReturn()
            .getResponse()
            .getContentAsString();
    int id = com.jayway.jsonpath.JsonPath.read(location, "$.id");

    mvc.perform(get("/owners/{id}", id))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.lastName").value("Escobito"))
        .andExpect(jsonPath("$.address").value("345 Maple St."));
  }

  @Test
  void ownerSearch_byTheBeginningOfTheLastName_pagesExactly() throws Exception {
    List<String> added = List.of("Kowalski", "Kowalczyk", "Kozlowski", "Kowal", "Kowitz");
    for (String lastName : added) {
      String body =
          """
          {"firstName": "Anna", "lastName": "%s", "address": "1 Elm St.",
           "city": "Madison", "telephone": "6085550001"}
          """
              .formatted(lastName);
      mvc.perform(post("/owners").contentType(MediaType.APPLICATION_JSON).content(body))
          .andExpect(status().isCreated());
    }

    for (int size : List.of(1, 2, 3, 10)) {
      assertThat(walk("Kow", size, 4))
          .as("Kow, size %d", size)
          .containsExactly("Kowalski", "Kowalczyk", "Kowal", "Kowitz");
      // the index covers "kow": Kowitz is a candidate, left out after opening
      assertThat(walk("kowal", size, 3))
          .as("kowal, size %d", size)
          .containsExactly("Kowalski", "Kowalczyk", "Kowal");
    }
    assertThat(walk("Kox", 2, 0)).isEmpty();
    // blank: every owner, as PetClinic lists them
    mvc.perform(get("/owners/search").param("size", "100"))
        .andExpect(status().isOk())
        .andExpect(
            jsonPath("$.totalElements").value(org.hamcrest.Matchers.greaterThanOrEqualTo(9)));
  }

  /** Every page of the search at {@code size}; the last names in order. */
  private List<String> walk(String prefix, int size, int total) throws Exception {
    List<String> seen = new ArrayList<>();
    int pages = (total + size - 1) / size;
    for (int page = 1; page <= pages + 1; page++) { // one past the end: empty
      String json =
          mvc.perform(
                  get("/owners/search")
                      .param("lastName", prefix)
                      .param("page", String.valueOf(page))
                      .param("size", String.valueOf(size)))
              .andExpect(status().isOk())
              .andExpect(jsonPath("$.totalElements").value(total))
              .andExpect(jsonPath("$.totalPages").value(pages))
              .andExpect(jsonPath("$.page").value(page))
              .andReturn()
              .getResponse()
              .getContentAsString();
      List<String> names = JsonPath.read(json, "$.owners[*].lastName");
      assertThat(names)
          .as("%s size %d page %d", prefix, size, page)
          .hasSize(Math.max(0, Math.min(size, total - (page - 1) * size)));
      seen.addAll(names);
    }
    return seen;
  }

  @Test
  void ownerSearch_shorterThanTheIndexedPrefix_isABadRequest_namingSuoja5150() throws Exception {
    for (String prefix : List.of("Da", "D")) {
      mvc.perform(get("/owners/search").param("lastName", prefix))
          .andExpect(status().isBadRequest())
          .andExpect(status().reason(containsString("SUOJA-5150")))
          .andExpect(status().reason(containsString("at least 3 characters")));
    }
    mvc.perform(get("/owners/search").param("lastName", "Dav"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.totalElements").value(2))
        .andExpect(jsonPath("$.owners[0].firstName").value("Betty"))
        .andExpect(jsonPath("$.owners[1].firstName").value("Harold"));
  }

  @Test
  @WithAnonymousUser
  void owners_needASignedInUser() throws Exception {
    mvc.perform(get("/owners").param("lastName", "Franklin")).andExpect(status().isUnauthorized());
  }
}
