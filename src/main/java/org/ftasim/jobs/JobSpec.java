package org.ftasim.jobs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a command accepts beyond the common options, and how it reports.
 *
 * @param name the command, as typed after {@code ftasim}
 * @param summary one line for the command list
 * @param options job-specific options taking a value, with their help text
 * @param repeatable the options among them that may be given more than once
 * @param flags job-specific options without a value
 * @param positional name of the positional arguments, or null when the command takes none
 * @param recordsRun whether the run is recorded in the {@code runs} table (read-only commands are not)
 * @param dataOnStdout whether stdout carries data (then the JSON summary goes to stderr instead)
 */
public record JobSpec(String name, String summary, Map<String, String> options, Set<String> repeatable,
    Map<String, String> flags, String positional, boolean recordsRun, boolean dataOnStdout) {

  public static final Map<String, String> COMMON = common();

  private static Map<String, String> common() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("--warehouse", "DIR or URI of the tables (default ./warehouse; any Hadoop URI such as s3a://bucket/path)");
    m.put("--config", "YAML config file (see conf/)");
    m.put("--set", "key=value config override, repeatable (e.g. --set seed=7)");
    m.put("--run-id", "run identifier (default: generated)");
    m.put("--master", "Spark master URL (default: local[*], or what spark-submit set)");
    m.put("--conf", "key=value Spark setting, repeatable");
    return m;
  }

  /** Options in the order given (help lists them so): name, help, name, help … */
  public static Map<String, String> ordered(String... nameHelp) {
    if (nameHelp.length % 2 != 0) {
      throw new IllegalArgumentException("options come in name, help pairs");
    }
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < nameHelp.length; i += 2) {
      m.put(nameHelp[i], nameHelp[i + 1]);
    }
    return m;
  }

  public String usage() {
    StringBuilder sb = new StringBuilder("usage: ftasim ").append(name).append(" [options]");
    if (positional != null) {
      sb.append(' ').append(positional);
    }
    sb.append("\n  ").append(summary).append('\n');
    options.forEach((k, v) -> sb.append(String.format("  %-14s %s%n", k, v)));
    flags.forEach((k, v) -> sb.append(String.format("  %-14s %s%n", k, v)));
    sb.append("common options:\n");
    COMMON.forEach((k, v) -> sb.append(String.format("  %-14s %s%n", k, v)));
    sb.append(String.format("  %-14s %s%n", "--verbose", "Spark's INFO logs on stderr"));
    return sb.toString();
  }
}
