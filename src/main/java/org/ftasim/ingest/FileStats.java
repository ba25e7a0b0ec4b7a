package org.ftasim.ingest;

import java.io.Serializable;
import java.util.BitSet;
import java.util.TreeSet;

/**
 * Data-quality metrics of the lines of one file (or of a part of it), as mergeable state in the manner of Deequ's
 * analyzers: counts and sums add, distinct sets union, so chunks read in parallel combine exactly.
 */
public final class FileStats implements Serializable {
  public long accepted;
  public final long[] rejected = new long[Reject.values().length];
  public long repaired;
  public long nullQuantities;
  public double valueUsd;
  public final BitSet hs6 = new BitSet();
  public final TreeSet<String> exporters = new TreeSet<>();
  public final TreeSet<String> importers = new TreeSet<>();
  /** Lines the format says to leave out, by why (UN Comtrade totals, World partner, …). */
  public final java.util.TreeMap<String, Long> filtered = new java.util.TreeMap<>();
  /** The first line filtered for each reason, to show what a file holds when it lands nothing. */
  public final java.util.TreeMap<String, String> filteredSample = new java.util.TreeMap<>();
  /** Accepted exporter-reported lines replaced by the importer's report of the same flow (mirror). */
  public long superseded;
  /** Accepted lines moved to another HS version, by the relationship of their code's group (1:1, n:1, 1:n, n:n). */
  public final java.util.TreeMap<String, Long> converted = new java.util.TreeMap<>();
  /** Lines that were not valid UTF-8 and were read as Windows-1252 ({@link org.ftasim.table.TextDecoding}). */
  public long windows1252Lines;
  /** The last codes added: sorted files repeat an exporter for thousands of lines, so most adds are skipped. */
  private transient String lastExporter;
  private transient String lastImporter;

  public void accept(ParsedLine p) {
    accepted++;
    repaired += p.repaired ? 1 : 0;
    nullQuantities += p.quantityT == null ? 1 : 0;
    valueUsd += p.valueUsd;
    hs6.set(Integer.parseInt(p.hs6));
    if (p.converted != null) {
      converted.merge(p.converted, 1L, Long::sum);
    }
    if (!p.exporter.equals(lastExporter)) {
      exporters.add(p.exporter);
      lastExporter = p.exporter;
    }
    if (!p.importer.equals(lastImporter)) {
      importers.add(p.importer);
      lastImporter = p.importer;
    }
  }

  public void filter(String why, String line) {
    if (filtered.merge(why, 1L, Long::sum) == 1L) {
      filteredSample.put(why, line);
    }
  }

  public long filteredTotal() {
    return filtered.values().stream().mapToLong(Long::longValue).sum();
  }

  public void reject(Reject reason) {
    rejected[reason.ordinal()]++;
  }

  /** Moves an accepted line to the rejects as a duplicate (its key is accepted elsewhere, so sets are unchanged). */
  public void demoteDuplicate(double value, boolean nullQuantity, boolean wasRepaired, String wasConverted) {
    accepted--;
    if (wasConverted != null) {
      converted.merge(wasConverted, -1L, (a, b) -> a + b == 0 ? null : a + b);
    }
    rejected[Reject.DUPLICATE_KEY.ordinal()]++;
    valueUsd -= value;
    nullQuantities -= nullQuantity ? 1 : 0;
    repaired -= wasRepaired ? 1 : 0;
  }

  public long rejectedTotal() {
    long n = 0;
    for (long r : rejected) {
      n += r;
    }
    return n;
  }

  public FileStats merge(FileStats o) {
    accepted += o.accepted;
    for (int r = 0; r < rejected.length; r++) {
      rejected[r] += o.rejected[r];
    }
    repaired += o.repaired;
    nullQuantities += o.nullQuantities;
    valueUsd += o.valueUsd;
    hs6.or(o.hs6);
    exporters.addAll(o.exporters);
    importers.addAll(o.importers);
    o.filtered.forEach((k, v) -> filtered.merge(k, v, Long::sum));
    o.filteredSample.forEach(filteredSample::putIfAbsent);
    o.converted.forEach((k, v) -> converted.merge(k, v, Long::sum));
    superseded += o.superseded;
    windows1252Lines += o.windows1252Lines;
    return this;
  }
}
