package org.ftasim.tariff;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One importer's tariff schedules: the MFN applied lines of each year it reported, its preferential schedule lines
 * per agreement and partner set, and the preferential rates WITS publishes as applied (PRF: per partner, year and
 * HS6, no staging). A year without an MFN (or PRF) schedule uses the latest earlier one (or the earliest, before the
 * first), as schedules are carried forward until they change.
 */
public final class ImporterSchedule implements Serializable {

  /**
   * An MFN line: the national tariff line code and its applied rate in percent (the AVE for SP/CP duties), and the
   * national lines it stands for (1, or a WITS HS6 row's Nbr of Total Lines, whose rate is already their average).
   */
  public record MfnLine(String code, double rate, int lines) implements Serializable {}

  /** Preferential lines of one agreement toward one partner key (an ISO3 code, or ALL). */
  static final class PrefIndex implements Serializable {
    private final Map<String, Integer> byCode = new HashMap<>();
    private final List<Double> base = new ArrayList<>();
    private final List<String> staging = new ArrayList<>();

    void add(String code, double baseRate, String category) {
      byCode.put(code, base.size());
      base.add(baseRate);
      staging.add(category);
    }

    /** The row for a national line: the line itself, else its longest prefix of at least six digits; -1 if none. */
    int find(String code) {
      for (int len = code.length(); len >= 6; len--) {
        Integer i = byCode.get(len == code.length() ? code : code.substring(0, len));
        if (i != null) {
          return i;
        }
      }
      return -1;
    }

    double base(int i) {
      return base.get(i);
    }

    String staging(int i) {
      return staging.get(i);
    }
  }

  private final String importer;
  private final TreeMap<Integer, MfnLine[]> mfn;
  private final Map<Integer, Map<String, Double>> mfnByCode = new HashMap<>();
  private final Map<String, Map<String, PrefIndex>> pref;
  private final Map<String, TreeMap<Integer, Map<String, Double>>> observed;

  private ImporterSchedule(String importer, TreeMap<Integer, MfnLine[]> mfn, Map<String, Map<String, PrefIndex>> pref,
      Map<String, TreeMap<Integer, Map<String, Double>>> observed) {
    this.importer = importer;
    this.mfn = mfn;
    this.pref = pref;
    this.observed = observed;
  }

  /** Partners with preferential rates as applied (WITS PRF). */
  public java.util.Set<String> observedPartners() {
    return observed.keySet();
  }

  /** The applied preferential rates (HS6 → percent) toward {@code partner} in {@code year}, or null without any. */
  public Map<String, Double> observed(String partner, int year) {
    TreeMap<Integer, Map<String, Double>> byYear = observed.get(partner);
    if (byYear == null) {
      return null;
    }
    Map.Entry<Integer, Map<String, Double>> e = byYear.floorEntry(year);
    return (e != null ? e : byYear.firstEntry()).getValue();
  }

  public String importer() {
    return importer;
  }

  public boolean hasMfn() {
    return !mfn.isEmpty();
  }

  /** The year whose MFN schedule applies in {@code year}. */
  public int mfnYear(int year) {
    Integer y = mfn.floorKey(year);
    return y != null ? y : mfn.firstKey();
  }

  /** The MFN lines applying in {@code year}, sorted by code (so the lines of an HS6 are adjacent). */
  public MfnLine[] mfnLines(int year) {
    return mfn.get(mfnYear(year));
  }

  /** The MFN rate of a line in {@code year}, or NaN when that year's schedule lacks it. */
  public double mfnRate(int year, String code) {
    int y = mfnYear(year);
    Map<String, Double> m = mfnByCode.computeIfAbsent(y, k -> {
      Map<String, Double> out = new HashMap<>();
      for (MfnLine l : mfn.get(k)) {
        out.put(l.code(), l.rate());
      }
      return out;
    });
    return m.getOrDefault(code, Double.NaN);
  }

  /** The preferential lines of an agreement for a partner: its own rows if it has any, else the ALL rows. */
  PrefIndex[] prefFor(String agreement, String partner) {
    Map<String, PrefIndex> byPartner = pref.get(agreement);
    if (byPartner == null) {
      return new PrefIndex[0];
    }
    PrefIndex own = byPartner.get(partner);
    PrefIndex all = byPartner.get("ALL");
    return own == null ? (all == null ? new PrefIndex[0] : new PrefIndex[] {all})
        : all == null ? new PrefIndex[] {own} : new PrefIndex[] {own, all};
  }

  /** Whether the importer has partner-specific rows in an agreement for this partner. */
  boolean hasOwnRows(String agreement, String partner) {
    Map<String, PrefIndex> byPartner = pref.get(agreement);
    return byPartner != null && byPartner.containsKey(partner);
  }

  public static Builder builder(String importer) {
    return new Builder(importer);
  }

  /** Collects lines in any order. */
  public static final class Builder {
    private final String importer;
    private final Map<Integer, List<MfnLine>> mfn = new HashMap<>();
    private final Map<String, Map<String, PrefIndex>> pref = new LinkedHashMap<>();
    private final Map<String, TreeMap<Integer, Map<String, Double>>> observed = new TreeMap<>();

    private Builder(String importer) {
      this.importer = importer;
    }

    public Builder mfn(int year, String code, double rate) {
      return mfn(year, code, rate, 1);
    }

    /** An MFN line standing for {@code lines} national lines (a WITS HS6 average). */
    public Builder mfn(int year, String code, double rate, int lines) {
      mfn.computeIfAbsent(year, y -> new ArrayList<>()).add(new MfnLine(code, rate, lines));
      return this;
    }

    /** A preferential line; {@code partners} is ALL or ISO3 codes separated by semicolons. */
    public Builder preferential(String agreement, String partners, String code, double base, String staging) {
      Map<String, PrefIndex> byPartner = pref.computeIfAbsent(agreement, a -> new LinkedHashMap<>());
      for (String p : partners.split(";")) {
        byPartner.computeIfAbsent(p.trim(), k -> new PrefIndex()).add(code, base, staging);
      }
      return this;
    }

    /** A preferential rate as applied toward one partner in one year, for an HS6 product (WITS PRF). */
    public Builder observedPreference(String partner, int year, String hs6, double rate) {
      observed.computeIfAbsent(partner, p -> new TreeMap<>()).computeIfAbsent(year, y -> new HashMap<>())
          .put(hs6, rate);
      return this;
    }

    public ImporterSchedule build() {
      TreeMap<Integer, MfnLine[]> sorted = new TreeMap<>();
      mfn.forEach((y, lines) -> {
        MfnLine[] a = lines.toArray(new MfnLine[0]);
        Arrays.sort(a, Comparator.comparing(MfnLine::code));
        sorted.put(y, a);
      });
      return new ImporterSchedule(importer, sorted, pref, observed);
    }
  }
}
