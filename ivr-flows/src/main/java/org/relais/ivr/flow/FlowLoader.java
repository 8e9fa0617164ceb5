package org.relais.ivr.flow;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads flow files and validates them with the prompt catalogue; every fault names the file and node. */
public final class FlowLoader {

  private static final Set<String> TOP_LEVEL = Set.of("languages", "start", "nodes", "description");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .registerModule(new SimpleModule().addDeserializer(Duration.class, new DurationDeserializer()));

  private final PromptCatalog prompts;
  private final Set<String> hoursServices;

  /** A loader for flows without {@code hours} nodes (no opening hours are known). */
  public FlowLoader(PromptCatalog prompts) {
    this(prompts, Set.of());
  }

  /** @param hoursServices the services whose opening hours are configured, for {@code hours} nodes */
  public FlowLoader(PromptCatalog prompts, Set<String> hoursServices) {
    this.prompts = prompts;
    this.hoursServices = Set.copyOf(hoursServices);
  }

  /** Every {@code *.yaml} of {@code dir}, by flow name (the file name without extension). */
  public Map<String, Flow> loadAll(Path dir) {
    Map<String, Flow> flows = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
        Flow flow = load(file);
        flows.put(flow.name(), flow);
      }
    } catch (IOException e) {
      throw new FlowException(dir.toString(), null, "cannot list flows: " + e.getMessage());
    }
    return Map.copyOf(flows);
  }

  public Flow load(Path file) {
    String fileName = file.getFileName().toString();
    try (InputStream in = Files.newInputStream(file)) {
      return parse(fileName, YAML.readTree(in));
    } catch (FlowException e) {
      throw e;
    } catch (IOException e) {
      throw new FlowException(fileName, null, "not valid YAML: " + firstLine(e.getMessage()));
    }
  }

  /** Parses and validates one flow given as a YAML tree. */
  public Flow parse(String fileName, JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new FlowException(fileName, null, "expected a map with languages, start and nodes");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!TOP_LEVEL.contains(key)) {
        throw new FlowException(fileName, null, "unknown key '" + key + "' (expected " + TOP_LEVEL + ")");
      }
    }
    List<String> languages = new ArrayList<>();
    root.path("languages").forEach(l -> languages.add(l.asText()));
    if (languages.isEmpty()) {
      throw new FlowException(fileName, null, "languages: at least one language is needed");
    }
    String start = root.path("start").asText(null);
    if (start == null) {
      throw new FlowException(fileName, null, "start: the first node is needed");
    }
    JsonNode nodesTree = root.path("nodes");
    if (!nodesTree.isObject() || nodesTree.isEmpty()) {
      throw new FlowException(fileName, null, "nodes: expected a map of node id to node");
    }
    Map<String, Node> nodes = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = nodesTree.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      nodes.put(entry.getKey(), node(fileName, entry.getKey(), entry.getValue()));
    }
    String name = fileName.endsWith(".yaml") ? fileName.substring(0, fileName.length() - 5) : fileName;
    Flow flow = new Flow(name, languages, start, nodes);
    new FlowValidator(fileName, flow, prompts, hoursServices).validate();
    return flow;
  }

  private static Node node(String file, String id, JsonNode tree) {
    if (!tree.isObject() || !tree.hasNonNull("type")) {
      throw new FlowException(file, id, "expected a map with a 'type'");
    }
    try {
      return YAML.treeToValue(tree, Node.class);
    } catch (InvalidTypeIdException e) {
      throw new FlowException(file, id, "unknown type '" + tree.get("type").asText() + "' (expected " + Node.TYPES + ")");
    } catch (UnrecognizedPropertyException e) {
      throw new FlowException(file, id, "unknown key '" + e.getPropertyName() + "' for a "
          + tree.get("type").asText() + " node");
    } catch (JsonMappingException e) {
      throw new FlowException(file, id, firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new FlowException(file, id, firstLine(e.getMessage()));
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  /** Reads durations written as {@code 5s} or {@code 250ms}. */
  private static final class DurationDeserializer extends JsonDeserializer<Duration> {
    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      try {
        return Durations.parse(p.getValueAsString());
      } catch (IllegalArgumentException e) {
        throw JsonMappingException.from(p, e.getMessage());
      }
    }
  }
}
