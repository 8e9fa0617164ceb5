package org.relais.gateway.alerts.cap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads the XML form of CAP 1.2. The parser refuses any DOCTYPE, so neither external entities
 * (XXE) nor entity expansion (billion laughs) can happen; XInclude is off and no external
 * resource is ever fetched.
 */
public final class CapXml {

  public static final String NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2";

  private CapXml() {}

  /** Parses and checks a CAP document; every fault is a {@link CapException} naming where it is. */
  public static CapAlert read(byte[] xml) {
    Document doc = parse(xml);
    Element root = doc.getDocumentElement();
    if (!"alert".equals(root.getLocalName()) || !NAMESPACE.equals(root.getNamespaceURI())) {
      throw new CapException("alert", "the root element must be <alert> in the namespace " + NAMESPACE + ", got <"
          + root.getNodeName() + ">" + (root.getNamespaceURI() == null ? " without namespace" : " in "
          + root.getNamespaceURI()));
    }
    return CapReader.read(new XmlNode(root, "alert"));
  }

  private static Document parse(byte[] xml) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(null);
      b.setEntityResolver((publicId, systemId) -> {
        throw new SAXException("external entities are not allowed");
      });
      return b.parse(new ByteArrayInputStream(xml));
    } catch (SAXParseException e) {
      String message = e.getMessage() == null ? "not well-formed" : e.getMessage();
      if (message.contains("DOCTYPE")) {
        message = "a DOCTYPE is not allowed (no DTD, no entities)";
      }
      throw new CapException("alert", "not a readable CAP XML document (line " + e.getLineNumber() + "): " + message);
    } catch (SAXException | IOException e) {
      throw new CapException("alert", "not a readable CAP XML document: " + e.getMessage());
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the XML parser cannot be hardened: " + e.getMessage(), e);
    }
  }

  /** A DOM element; children are the elements of the CAP namespace. */
  private record XmlNode(Element element, String path) implements CapNode {

    @Override
    public List<String> texts(String name) {
      return elements(name).stream().map(e -> e.getTextContent().strip()).toList();
    }

    @Override
    public List<CapNode> children(String name) {
      List<Element> found = elements(name);
      List<CapNode> out = new ArrayList<>(found.size());
      for (int i = 0; i < found.size(); i++) {
        out.add(new XmlNode(found.get(i), path + "/" + name + "[" + i + "]"));
      }
      return out;
    }

    private List<Element> elements(String name) {
      List<Element> out = new ArrayList<>();
      for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element e && name.equals(e.getLocalName()) && NAMESPACE.equals(e.getNamespaceURI())) {
          out.add(e);
        }
      }
      return out;
    }
  }
}
