package org.ftasim.jobs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The parsed command line of one job: common options, job options, flags and positional arguments. Both
 * {@code --name value} and {@code --name=value} are accepted; anything unknown is a usage error.
 */
public final class Invocation {
  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  private final Map<String, List<String>> values = new LinkedHashMap<>();
  private final List<String> flags = new ArrayList<>();
  private final List<String> positionals = new ArrayList<>();
  private boolean verbose;
  private boolean help;

  private Invocation() {}

  public static Invocation parse(JobSpec spec, String[] args) {
    Invocation inv = new Invocation();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        inv.help = true;
        continue;
      }
      if (arg.equals("--verbose")) {
        inv.verbose = true;
        continue;
      }
      if (arg.startsWith("--")) {
        String name = arg;
        String value = null;
        int eq = arg.indexOf('=');
        if (eq > 0) {
          name = arg.substring(0, eq);
          value = arg.substring(eq + 1);
        }
        if (spec.flags().containsKey(name)) {
          if (value != null) {
            throw JobErrors.flagWithValue(name);
          }
          inv.flags.add(name);
          continue;
        }
        boolean common = JobSpec.COMMON.containsKey(name);
        if (!common && !spec.options().containsKey(name)) {
          throw JobErrors.unknownOption(name, spec.name());
        }
        if (value == null) {
          if (i + 1 >= args.length) {
            throw JobErrors.optionNeedsValue(name);
          }
          value = args[++i];
        }
        boolean multi = name.equals("--set") || name.equals("--conf") || spec.repeatable().contains(name);
        List<String> list = inv.values.computeIfAbsent(name, k -> new ArrayList<>());
        if (!multi && !list.isEmpty()) {
          throw JobErrors.optionTwice(name, list.get(0), value);
        }
        list.add(value);
      } else {
        if (spec.positional() == null) {
          throw JobErrors.unexpectedArgument(arg, spec.name());
        }
        inv.positionals.add(arg);
      }
    }
    inv.runId().ifPresent(id -> {
      if (!RUN_ID.matcher(id).matches()) {
        throw JobErrors.badRunId(id);
      }
    });
    return inv;
  }

  public boolean help() {
    return help;
  }

  public boolean verbose() {
    return verbose;
  }

  public boolean flag(String name) {
    return flags.contains(name);
  }

  public Optional<String> value(String name) {
    List<String> list = values.get(name);
    return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
  }

  public String required(String name) {
    return value(name).orElseThrow(() -> JobErrors.optionRequired(name));
  }

  public List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }

  public List<String> positionals() {
    return positionals;
  }

  public String warehouse() {
    return value("--warehouse").orElse("warehouse");
  }

  /** {@code --config} as given: a local path, or any Hadoop URI. */
  public Optional<String> configFile() {
    return value("--config");
  }

  /**
   * The Hadoop settings of this invocation before Spark starts, as Spark will set them: every {@code spark.hadoop.*}
   * key of the JVM's system properties (spark-submit's properties file) and of {@code --conf}, prefix removed.
   */
  public org.apache.hadoop.conf.Configuration hadoopConf() {
    org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
    Map<String, String> all = new LinkedHashMap<>();
    System.getProperties().forEach((k, v) -> all.put(String.valueOf(k), String.valueOf(v)));
    all.putAll(sparkConf());
    all.forEach((k, v) -> {
      if (k.startsWith("spark.hadoop.")) {
        conf.set(k.substring("spark.hadoop.".length()), v);
      }
    });
    return conf;
  }

  public Optional<String> runId() {
    return value("--run-id");
  }

  public Optional<String> master() {
    return value("--master");
  }

  /** Spark settings from {@code --conf key=value}, in order. */
  public Map<String, String> sparkConf() {
    Map<String, String> conf = new LinkedHashMap<>();
    for (String kv : all("--conf")) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw JobErrors.badConf(kv);
      }
      conf.put(kv.substring(0, eq).trim(), kv.substring(eq + 1));
    }
    return conf;
  }
}
