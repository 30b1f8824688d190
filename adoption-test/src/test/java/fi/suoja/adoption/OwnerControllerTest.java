package fi.suoja.adoption;

import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

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
  @WithAnonymousUser
  void owners_needASignedInUser() throws Exception {
    mvc.perform(get("/owners").param("lastName", "Franklin")).andExpect(status().isUnauthorized());
  }
}
