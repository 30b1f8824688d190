package fi.suoja.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * privacy-bom has no parent (a host importing it must not import suoja-parent's dependency
 * management), so nothing in Maven keeps it in step: this test does. It lists exactly the published
 * modules of the reactor (every module that does not skip deployment), at the reactor's version.
 */
class BomTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void bom_listsEveryPublishedModule_atTheReactorVersion() throws Exception {
    Document parent = read(ROOT.resolve("pom.xml"));
    Document bom = read(ROOT.resolve("privacy-bom/pom.xml"));
    String version = child(parent.getDocumentElement(), "version");
    assertThat(child(bom.getDocumentElement(), "version")).isEqualTo(version);
    assertThat(child(bom.getDocumentElement(), "groupId"))
        .isEqualTo(child(parent.getDocumentElement(), "groupId"));

    List<String> published = new ArrayList<>();
    NodeList modules = parent.getElementsByTagName("module");
    for (int i = 0; i < modules.getLength(); i++) {
      String module = modules.item(i).getTextContent().trim();
      if (module.equals("privacy-bom")) {
        continue;
      }
      Document pom = read(ROOT.resolve(module).resolve("pom.xml"));
      NodeList skip = pom.getElementsByTagName("maven.deploy.skip");
      if (skip.getLength() == 0 || !skip.item(0).getTextContent().trim().equals("true")) {
        published.add(child(pom.getDocumentElement(), "artifactId"));
      }
    }
    assertThat(published).contains("privacy-audit", "privacy-core", "privacy-jpa");

    List<String> managed = new ArrayList<>();
    NodeList dependencies = bom.getElementsByTagName("dependency");
    for (int i = 0; i < dependencies.getLength(); i++) {
      Element dependency = (Element) dependencies.item(i);
      assertThat(child(dependency, "groupId")).isEqualTo("fi.suoja");
      assertThat(child(dependency, "version")).isEqualTo("${project.version}");
      managed.add(child(dependency, "artifactId"));
    }
    assertThat(managed).containsExactlyInAnyOrderElementsOf(published);
  }

  private static Document read(Path pom) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
  }

  /** The text of the element's direct child of that name (not of a nested parent element). */
  private static String child(Element element, String name) {
    for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e.getTextContent().trim();
      }
    }
    throw new AssertionError("no <" + name + "> in <" + element.getTagName() + ">");
  }
}
