package org.relais.gateway.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.relais.ivr.flow.Durations;
import org.relais.sms.InvalidSettingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code relais.yaml} (a file, or the copy embedded in the jar), applies the environment
 * overrides and binds each section to its record. Every fault becomes one {@link ConfigException}.
 */
public final class ConfigLoader {

  private static final Logger log = LoggerFactory.getLogger(ConfigLoader.class);
  private static final String FILE = "relais.yaml";

  private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .addModule(new SimpleModule().addDeserializer(Duration.class, new DurationDeserializer()))
      .build();

  private ConfigLoader() {}

  /** Loads the embedded defaults ({@code config/relais.yaml} as built into the jar) with the environment applied. */
  public static RelaisConfig embedded(Map<String, String> env) {
    return load(embeddedHome().resolve(FILE), env);
  }

  /** Loads a configuration file; relative paths inside it are read from the file's folder. */
  public static RelaisConfig load(Path file, Map<String, String> env) {
    ObjectNode tree;
    try (InputStream in = Files.newInputStream(file)) {
      JsonNode read = YAML.readTree(in);
      if (read != null && !read.isNull() && !read.isMissingNode() && !read.isObject()) {
        throw ConfigException.general("", file + ": expected a map of sections");
      }
      tree = read instanceof ObjectNode o ? o : YAML.createObjectNode();
    } catch (JsonProcessingException e) {
      throw ConfigException.general("", file + " is not valid YAML: " + firstLine(e.getOriginalMessage())
          + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""));
    } catch (IOException e) {
      throw ConfigException.general("", "cannot read " + file + ": " + e.getMessage());
    }
    return bind(tree, env, file.toAbsolutePath().getParent());
  }

  /** Binds a configuration tree; for tests and for {@link #load}. */
  static RelaisConfig bind(ObjectNode tree, Map<String, String> env, Path home) {
    EnvOverrides.Applied applied = new EnvOverrides(RelaisConfig.class).apply(tree, env);
    if (!applied.unknown().isEmpty()) {
      log.warn("ignored environment variables that name no configuration key: {}", applied.unknown());
    }
    try {
      return bindSections(tree, home);
    } catch (ConfigException e) {
      String variable = applied.sources().get(e.key());
      throw variable == null ? e : e.setBy(variable);
    }
  }

  private static RelaisConfig bindSections(ObjectNode tree, Path home) {
    List<RecordComponent> sections = Arrays.stream(RelaisConfig.class.getRecordComponents())
        .filter(c -> c.getType().isRecord())
        .toList();
    Set<String> names = sections.stream().map(c -> EnvOverrides.snake(c.getName())).collect(Collectors.toSet());
    for (Iterator<String> it = tree.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!names.contains(name)) {
        throw ConfigException.general(name, "unknown section '" + name + "'; expected one of "
            + names.stream().sorted().collect(Collectors.joining(", ")));
      }
    }
    List<Object> values = new ArrayList<>();
    for (RecordComponent section : sections) {
      String name = EnvOverrides.snake(section.getName());
      JsonNode node = tree.get(name);
      values.add(node == null || node.isNull() ? section(name, YAML.createObjectNode(), section.getType())
          : section(name, node, section.getType()));
    }
    values.add(home);
    try {
      return (RelaisConfig) RelaisConfig.class.getDeclaredConstructors()[0].newInstance(values.toArray());
    } catch (ReflectiveOperationException e) {
      if (e.getCause() instanceof ConfigException ce) {
        throw ce;
      }
      throw new IllegalStateException("cannot build the configuration", e);
    }
  }

  private static Object section(String name, JsonNode node, Class<?> type) {
    if (!node.isObject()) {
      throw new ConfigException(name, node.toString(), "a map of keys");
    }
    try {
      return YAML.treeToValue(node, type);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ConfigException ce) {
        throw ce;
      }
      if (cause instanceof InvalidSettingException ise) {
        String key = path(name, e) + "." + ise.key();
        throw new ConfigException(key, ise.value(), ise.expected());
      }
      throw ConfigException.general(path(name, e), path(name, e) + ": " + firstLine(e.getOriginalMessage()));
    } catch (UnrecognizedPropertyException e) {
      String at = path(name, e);
      throw ConfigException.general(at, "unknown key " + at + "; expected one of "
          + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")));
    } catch (InvalidFormatException e) {
      String at = path(name, e);
      throw new ConfigException(at, String.valueOf(e.getValue()), expected(e.getTargetType(), e));
    } catch (MismatchedInputException e) {
      String at = path(name, e);
      throw new ConfigException(at, "(" + firstLine(e.getOriginalMessage()) + ")", expected(e.getTargetType(), e));
    } catch (JsonMappingException e) {
      String at = path(name, e);
      throw ConfigException.general(at, at + ": " + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw ConfigException.general(name, name + ": " + e.getMessage());
    }
  }

  private static String expected(Class<?> type, JsonMappingException e) {
    if (type == null) {
      return firstLine(e.getOriginalMessage());
    }
    if (type == Integer.class || type == int.class || type == Long.class) {
      return "an integer";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == Duration.class) {
      return "a duration such as 250ms, 30s, 5m, 2h or 3d";
    }
    if (type.isEnum()) {
      return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> c.toString().toLowerCase())
          .collect(Collectors.joining(", "));
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a map of keys";
    }
    return "a " + type.getSimpleName().toLowerCase();
  }

  private static String path(String section, JsonMappingException e) {
    List<String> segments = new ArrayList<>();
    segments.add(section);
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        segments.add(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        segments.add(String.valueOf(ref.getIndex()));
      }
    }
    return EnvOverrides.display(segments);
  }

  /** The configuration folder inside the jar (or the classes folder when run from the build). */
  public static Path embeddedHome() {
    URL url = ConfigLoader.class.getResource("/config/" + FILE);
    if (url == null) {
      throw ConfigException.general("", "the embedded config/relais.yaml is missing from the build");
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        FileSystem fs;
        try {
          fs = FileSystems.getFileSystem(uri);
        } catch (FileSystemNotFoundException e) {
          fs = FileSystems.newFileSystem(uri, Map.of());
        }
        return fs.getPath("/config");
      }
      return Path.of(uri).getParent();
    } catch (URISyntaxException | IOException e) {
      throw ConfigException.general("", "cannot open the embedded configuration: " + e.getMessage());
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  /** Durations written as {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 3d}. */
  private static final class DurationDeserializer extends JsonDeserializer<Duration> {
    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      String text = p.getValueAsString();
      try {
        return Durations.parse(text);
      } catch (IllegalArgumentException e) {
        throw InvalidFormatException.from(p, "not a duration", text, Duration.class);
      }
    }
  }
}
