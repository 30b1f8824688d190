package fi.suoja.samples.benchmark;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import fi.suoja.policy.Actor;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import fi.suoja.policy.Role;
import fi.suoja.samples.boot.Client;
import fi.suoja.samples.boot.Clients;
import fi.suoja.samples.boot.DemoData;
import fi.suoja.samples.boot.EChatApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.webmvc.test.autoconfigure.SpringBootMockMvcBuilderCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.DefaultMockMvcBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.WebApplicationContext;

/**
 * The sample's "list my clients" request ({@code GET /clients}, 50 clients) through MockMvc, with
 * the whole servlet filter chain (Spring Security with a signed-in session, the starter's request
 * filter), the controller, Spring Data, Hibernate, H2 and the JSON response.
 *
 * <ul>
 *   <li>{@code impl=suoja}: the sample as it is. Per request: one policy decision and one audit
 *       event (committed to the JDBC audit table before the data is used) per client loaded, three
 *       envelopes opened per client, the request's privacy context and log masking scope.
 *   <li>{@code impl=plain}: the same application, entities, controller, security and database with
 *       Suoja switched off by properties ({@code suoja.enabled=false} and {@code
 *       spring.jpa.properties.suoja.enabled=false}: no runtime, Hibernate ignores the annotations,
 *       the columns hold plaintext) and Hibernate's {@code @TenantId} fed by a fixed resolver,
 *       which a Boot app without Suoja would have written itself. The only difference is Suoja.
 * </ul>
 *
 * Run from the repository root (benchmarks/README.md, "The Spring Boot sample"):
 *
 * <pre>
 * SUOJA_MASTER_KEY_1=$(openssl rand -base64 32) \
 *   mvn -B -pl samples/spring-boot -am test-compile exec:exec -Dexec.executable=java \
 *     -Dexec.classpathScope=test \
 *     -Dexec.args='-Djmh.ignoreLock=true -cp %classpath org.openjdk.jmh.Main ListClientsBenchmark'
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class ListClientsBenchmark {
  static final int CLIENTS = 50;
  static final String NURSE = "aino.hoitaja";

  @Param({"plain", "suoja"})
  public String impl;

  private ConfigurableApplicationContext app;
  private MockMvc mvc;
  private final MockHttpSession nurse = signedIn(NURSE, "ROLE_NURSE");

  @Setup(Level.Trial)
  public void start() throws Exception {
    List<String> properties = new ArrayList<>();
    properties.add("server.port=0");
    properties.add("echat.demo-data=false");
    properties.add("spring.datasource.url=jdbc:h2:mem:bench-" + impl + ";DB_CLOSE_DELAY=-1");
    properties.add("logging.level.root=WARN");
    if (impl.equals("plain")) {
      properties.add("suoja.enabled=false");
      properties.add("spring.jpa.properties.suoja.enabled=false");
      properties.add(
          "spring.jpa.properties.hibernate.tenant_identifier_resolver="
              + FixedTenant.class.getName());
    } else if (!impl.equals("suoja")) {
      throw new IllegalArgumentException("impl is plain or suoja: " + impl);
    }
    app =
        new SpringApplicationBuilder(EChatApplication.class)
            .properties(properties.toArray(String[]::new))
            .run();
    seed(app);
    DefaultMockMvcBuilder builder = MockMvcBuilders.webAppContextSetup((WebApplicationContext) app);
    // the servlet filters of the application, in their order, as @AutoConfigureMockMvc adds them
    new SpringBootMockMvcBuilderCustomizer((WebApplicationContext) app).customize(builder);
    mvc = builder.build();
    String body = listClients();
    int rows = body.split("\"firstName\"", -1).length - 1;
    if (rows != CLIENTS) {
      throw new IllegalStateException("expected " + CLIENTS + " clients, got " + rows);
    }
  }

  /** Fifty clients of one nurse, entered by her. */
  private static void seed(ConfigurableApplicationContext app) {
    Clients clients = app.getBean(Clients.class);
    TransactionTemplate tx = app.getBean(TransactionTemplate.class);
    Actor aino = Actor.tenantUser(NURSE, DemoData.HOIVA, Role.EMPLOYEE);
    PrivacyContext.runAs(
        aino,
        Purpose.CARE,
        () ->
            tx.executeWithoutResult(
                status -> {
                  for (int i = 0; i < CLIENTS; i++) {
                    clients.save(
                        new Client(
                            NURSE,
                            "Etunimi" + i,
                            "Sukunimi" + i,
                            hetu(100 + i),
                            "Kotikäynti " + i));
                  }
                }));
  }

  /**
   * A session whose user is signed in, as after a login: Spring Security's filter chain loads the
   * user from it on every request. Not HTTP Basic: that checks the password on every request, and
   * the sample's in-memory users have it upgraded to BCrypt on first use, about 65 ms of CPU per
   * request on the measuring machine, the same with and without Suoja (benchmarks/README.md).
   */
  private static MockHttpSession signedIn(String user, String authority) {
    MockHttpSession session = new MockHttpSession();
    session.setAttribute(
        HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
        new SecurityContextImpl(
            UsernamePasswordAuthenticationToken.authenticated(
                user, null, AuthorityUtils.createAuthorityList(authority))));
    return session;
  }

  /** A valid personal identity code (its check character right) for 1 January 1901. */
  private static String hetu(int individual) {
    String digits = "010101" + individual;
    char check = "0123456789ABCDEFHJKLMNPRSTUVWXY".charAt(Integer.parseInt(digits) % 31);
    return "010101-" + individual + check;
  }

  @Benchmark
  public String listClients() throws Exception {
    var response = mvc.perform(get("/clients").session(nurse)).andReturn().getResponse();
    if (response.getStatus() != 200) {
      throw new IllegalStateException("GET /clients: " + response.getStatus());
    }
    return response.getContentAsString();
  }

  @TearDown(Level.Trial)
  public void stop() {
    app.close();
  }
}
