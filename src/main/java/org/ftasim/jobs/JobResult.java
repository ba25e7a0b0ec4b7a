package org.ftasim.jobs;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What a job reports in its JSON summary and in the runs table: counts and the tables it wrote. */
public final class JobResult {
  private final Map<String, Long> counts = new LinkedHashMap<>();
  private final Set<String> tables = new LinkedHashSet<>();

  public JobResult count(String name, long value) {
    counts.put(name, value);
    return this;
  }

  public JobResult table(String name) {
    tables.add(name);
    return this;
  }

  public JobResult addAll(JobResult other) {
    counts.putAll(other.counts);
    tables.addAll(other.tables);
    return this;
  }

  public Map<String, Long> counts() {
    return counts;
  }

  public List<String> tables() {
    return List.copyOf(tables);
  }
}
