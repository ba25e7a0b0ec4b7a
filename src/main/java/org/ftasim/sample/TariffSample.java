package org.ftasim.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import org.ftasim.table.Csv;
import org.ftasim.table.M49;
import org.ftasim.table.TextFiles;
import org.ftasim.tariff.Agreement;
import org.ftasim.tariff.AgreementBook;
import org.ftasim.tariff.HsGroups;
import org.ftasim.tariff.TariffFiles;

/**
 * The sample's tariffs in ftasim's tariff input format (README, "Tariff files"): MFN applied schedules per importer
 * and year — Korea at ten-digit HSK lines, Japan at nine-digit lines, everyone else at HS6 — with specific and
 * compound duties carrying their ad valorem equivalents, and preferential schedules with staging categories for
 * RCEP, CPTPP and KORUS. The EU and USMCA have no files: {@code conf/agreements.yaml} gives them a default
 * staging of A.
 *
 * <p>Calibration (WTO World Tariff Profiles 2023; RCEP schedules as summarised by MOTIE and METI): simple averages
 * of HS6 rates (each the average of its national lines) — Korea all 13.4, AG 57, NAMA 6.6, cars (8703) 8, trucks
 * (8704) 10; Japan all 4.3, AG 15.5, NAMA 2.5 with 19% of NAMA lines duty free, electrical machinery 0.2,
 * transport equipment 0, chemicals 2.3. Under RCEP Korea ends with 83% of its lines duty free toward Japan, autos
 * and much machinery excluded; Japan ends with 92% of industrial lines duty free toward Korea and excludes rice,
 * wheat, beef and pork, dairy and sugar.
 */
public final class TariffSample {
  public static final String MFN_HEADER = TariffFiles.MFN_HEADER;
  public static final String PREF_HEADER = TariffFiles.PREF_HEADER;

  /** MFN targets: AG and NAMA simple averages (%), share of NAMA and of AG lines duty free. */
  record Profile(double ag, double nama, double namaFree, double agFree) {}

  private static final Map<String, Profile> PROFILES = profiles();
  private static final Set<String> EU = Set.of("DEU", "FRA", "ITA", "NLD");

  /** One MFN line as written. */
  public record Line(String code, String dutyType, double av, String specific, double ave, boolean trq) {
    public double applied() {
      return dutyType.equals("AV") ? av : ave;
    }
  }

  /** What was written: files (relative names) and line counts. */
  public record Written(List<String> files, long lines) {}

  private TariffSample() {}

  /**
   * The schedules in memory: MFN lines per importer (ISO3), and per agreement, importer and partners ("ALL" or one
   * ISO3) the staging category of each of the importer's MFN lines, whose applied rate is the base rate.
   */
  public record Schedules(Map<String, List<Line>> mfn, Map<String, Map<String, Map<String, String[]>>> preferential) {

    /**
     * The applied rate (%) on each HS6 product for imports of {@code importer} from {@code exporter} in
     * {@code year}: per national line the lower of MFN and the best preference of an agreement in force
     * ({@link Agreement#annualRate}), then the simple average of the lines of each HS6, as WITS does.
     */
    public double[] hs6Applied(String importer, String exporter, int year, AgreementBook book, Nomenclature hs) {
      List<Line> lines = mfn.get(importer);
      double[] sum = new double[hs.size()];
      int[] count = new int[hs.size()];
      Map<String, Integer> index = new HashMap<>();
      for (int k = 0; k < hs.size(); k++) {
        index.put(hs.products().get(k).code(), k);
      }
      List<Agreement> inForce = new ArrayList<>();
      List<int[][]> segments = new ArrayList<>();
      for (Agreement a : book.agreements().values()) {
        if (a.covers(importer, exporter, year)) {
          inForce.add(a);
          segments.add(a.calendar(importer, exporter).segments(year));
        }
      }
      for (int q = 0; q < lines.size(); q++) {
        Line l = lines.get(q);
        double rate = l.applied();
        for (int g = 0; g < inForce.size(); g++) {
          Agreement a = inForce.get(g);
          String[] cats = categories(a.id(), importer, exporter);
          String cat = cats != null ? cats[q] : a.defaultStaging();
          if (cat != null) {
            rate = Math.min(rate, a.annualRate(l.applied(), l.applied(), a.category(cat), segments.get(g)));
          }
        }
        int k = index.get(l.code().substring(0, 6));
        sum[k] += rate;
        count[k]++;
      }
      for (int k = 0; k < sum.length; k++) {
        sum[k] = count[k] == 0 ? 0 : sum[k] / count[k];
      }
      return sum;
    }

    private String[] categories(String agreement, String importer, String exporter) {
      Map<String, String[]> byPartner = preferential.getOrDefault(agreement, Map.of()).get(importer);
      if (byPartner == null) {
        return null;
      }
      String[] specific = byPartner.get(exporter);
      return specific != null ? specific : byPartner.get("ALL");
    }
  }

  private static final Map<String, Set<String>> MEMBERS = Map.of(
      "RCEP", Set.of("KOR", "JPN", "CHN", "AUS", "NZL", "SGP", "MYS", "VNM", "BRN", "IDN", "THA"),
      "CPTPP", Set.of("JPN", "AUS", "CAN", "MEX", "NZL", "SGP", "VNM", "PER", "MYS", "CHL", "BRN", "GBR"),
      "KORUS", Set.of("KOR", "USA"));

  public static Schedules build(SampleWorld world) {
    Map<String, List<Line>> mfn = new LinkedHashMap<>();
    for (Economy e : world.economies()) {
      mfn.put(e.isoCode(), mfnLines(world, e));
    }
    Map<String, Map<String, Map<String, String[]>>> pref = new LinkedHashMap<>();
    for (String agreement : List.of("RCEP", "CPTPP", "KORUS")) {
      Map<String, Map<String, String[]>> byImporter = new LinkedHashMap<>();
      long seed = world.spec().seed() ^ agreement.hashCode();
      for (Map.Entry<String, List<Line>> imp : mfn.entrySet()) {
        String importer = imp.getKey();
        if (!MEMBERS.get(agreement).contains(importer)) {
          continue;
        }
        Map<String, String[]> byPartner = new LinkedHashMap<>();
        byPartner.put("ALL", schedule(importer, imp.getValue(), seed, generic(agreement, importer)));
        if (agreement.equals("RCEP") && importer.equals("KOR") && mfn.containsKey("JPN")) {
          byPartner.put("JPN", schedule(importer, imp.getValue(), seed + 1, Staging.KOR_TO_JPN));
        }
        if (agreement.equals("RCEP") && importer.equals("JPN") && mfn.containsKey("KOR")) {
          byPartner.put("KOR", schedule(importer, imp.getValue(), seed + 2, Staging.JPN_TO_KOR));
        }
        byImporter.put(importer, byPartner);
      }
      pref.put(agreement, byImporter);
    }
    return new Schedules(mfn, pref);
  }

  /**
   * Writes the schedules: ftasim's {@code mfn.csv} (national lines) and {@code preferential_<AGREEMENT>.csv} for the
   * economies with preferential lines, and the MFN schedules of the others as WITS publishes them, a WITS/TRAINS
   * export at HS6 ({@link #witsExport}), so the demo runs the WITS reader too.
   */
  public static Written write(SampleWorld world, Schedules schedules, TextFiles files, String dir) {
    List<String> written = new ArrayList<>();
    long count = 0;
    StringBuilder mfn = new StringBuilder(MFN_HEADER).append('\n');
    Map<String, List<Line>> wits = new LinkedHashMap<>();
    for (Map.Entry<String, List<Line>> e : schedules.mfn().entrySet()) {
      if (inWitsExport(e.getKey(), schedules)) {
        wits.put(e.getKey(), e.getValue());
        continue;
      }
      for (int year = world.spec().firstYear(); year <= world.spec().lastYear(); year++) {
        for (Line l : e.getValue()) {
          mfn.append(e.getKey()).append(',').append(year).append(",HS17,").append(l.code()).append(',')
              .append(l.dutyType()).append(',').append(l.dutyType().equals("SP") ? "" : rate(l.av())).append(',')
              .append(l.specific()).append(',').append(l.dutyType().equals("AV") ? "" : rate(l.ave())).append(',')
              .append(l.trq() ? 'Y' : 'N').append('\n');
          count++;
        }
      }
    }
    files.write(dir + "/mfn.csv", mfn.toString());
    written.add("tariffs/mfn.csv");
    if (!wits.isEmpty()) {
      StringBuilder export = new StringBuilder();
      count += witsExport(world, wits, export);
      files.write(dir + "/" + WITS_FILE, export.toString());
      written.add("tariffs/" + WITS_FILE);
    }
    for (Map.Entry<String, Map<String, Map<String, String[]>>> a : schedules.preferential().entrySet()) {
      StringBuilder sb = new StringBuilder(PREF_HEADER).append('\n');
      for (Map.Entry<String, Map<String, String[]>> imp : a.getValue().entrySet()) {
        List<Line> lines = schedules.mfn().get(imp.getKey());
        for (Map.Entry<String, String[]> partner : imp.getValue().entrySet()) {
          for (int q = 0; q < lines.size(); q++) {
            Line l = lines.get(q);
            sb.append(a.getKey()).append(',').append(imp.getKey()).append(',').append(partner.getKey()).append(',')
                .append(l.code()).append(',').append(rate(l.applied())).append(',').append(partner.getValue()[q])
                .append(',').append(l.trq() ? 'Y' : 'N').append('\n');
            count++;
          }
        }
      }
      String name = "preferential_" + a.getKey() + ".csv";
      files.write(dir + "/" + name, sb.toString());
      written.add("tariffs/" + name);
    }
    return new Written(written, count);
  }

  /** The sample's WITS/TRAINS export of MFN applied tariffs. */
  public static final String WITS_FILE = "wits_trains_mfn.csv";

  /**
   * Whether an economy's MFN schedule goes into the WITS export: it has no preferential lines of its own (an HS6
   * average would not carry them) and an ISO numeric code, which is how WITS names reporters.
   */
  static boolean inWitsExport(String iso, Schedules schedules) {
    boolean preferential = schedules.preferential().values().stream().anyMatch(m -> m.containsKey(iso));
    return !preferential && M49.code(iso) != null;
  }

  /**
   * MFN schedules as a WITS/TRAINS tariff export writes them (CRLF, product codes without their leading zero,
   * partner 0 " World"): per reporter, year and HS6 the simple average of its national lines (summed in code order,
   * as the engine sums them, so both give the same double), their spread, count and peaks (above three times the
   * reporter's average, and above 15%). Imports are left empty: the sample's trade is in its BACI files.
   *
   * @return the rows written
   */
  static long witsExport(SampleWorld world, Map<String, List<Line>> schedules, StringBuilder out) {
    out.append(String.join(",", TariffFiles.WITS_COLUMNS)).append("\r\n");
    Map<String, String> names = new HashMap<>();
    Map<String, Integer> codes = new HashMap<>();
    for (Economy e : world.economies()) {
      names.put(e.isoCode(), e.name());
      codes.put(e.isoCode(), M49.code(e.isoCode()));
    }
    Map<String, String> descriptions = new HashMap<>();
    world.hs().products().forEach(p -> descriptions.put(p.code(), p.description()));
    long rows = 0;
    for (Map.Entry<String, List<Line>> e : schedules.entrySet()) {
      List<Line> lines = new ArrayList<>(e.getValue());
      lines.sort(Comparator.comparing(Line::code));
      double overall = lines.stream().mapToDouble(Line::applied).average().orElse(0);
      for (int year = world.spec().firstYear(); year <= world.spec().lastYear(); year++) {
        for (int q = 0; q < lines.size(); ) {
          String hs6 = lines.get(q).code().substring(0, 6);
          int from = q;
          double sum = 0;
          for (; q < lines.size() && lines.get(q).code().startsWith(hs6); q++) {
            sum += lines.get(q).applied();
          }
          int n = q - from;
          double mean = sum / n;
          double sq = 0;
          double min = Double.POSITIVE_INFINITY;
          double max = Double.NEGATIVE_INFINITY;
          int domestic = 0;
          int international = 0;
          for (Line l : lines.subList(from, q)) {
            double r = l.applied();
            sq += (r - mean) * (r - mean);
            min = Math.min(min, r);
            max = Math.max(max, r);
            domestic += r > 3 * overall ? 1 : 0;
            international += r > 15 ? 1 : 0;
          }
          String product = hs6.startsWith("0") ? hs6.substring(1) : hs6;
          out.append("HS,H5,").append(codes.get(e.getKey())).append(',').append(Csv.field(names.get(e.getKey())))
              .append(',').append(product).append(',')
              .append(Csv.field(hs6 + " -- " + descriptions.getOrDefault(hs6, ""))).append(",0, World,")
              .append(year).append(',').append(year).append(",CMT,MFN,").append(plain(mean)).append(",,")
              .append(plain(Math.sqrt(sq / n))).append(',').append(plain(min)).append(',').append(plain(max))
              .append(',').append(n).append(',').append(domestic).append(',').append(international).append(",,\r\n");
          rows++;
        }
      }
    }
    return rows;
  }

  /** A rate as WITS prints it: no exponent, no trailing zeros, every digit the double needs to read back exactly. */
  private static String plain(double v) {
    return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }

  // ---------------------------------------------------------------- MFN

  static List<Line> mfnLines(SampleWorld world, Economy e) {
    Nomenclature hs = world.hs();
    int p = hs.size();
    String iso = e.isoCode();
    // EU members share the common external tariff; synthetic economies draw their own around the rest of world's
    String key = EU.contains(iso) ? "EU" : iso;
    Profile profile = PROFILES.getOrDefault(iso, PROFILES.get("ROW"));
    long seed = world.spec().seed() ^ (31L * key.hashCode());
    boolean[] ag = new boolean[p];
    String[] codes = new String[p];
    for (int k = 0; k < p; k++) {
      codes[k] = hs.products().get(k).code();
      ag[k] = HsGroups.isAgricultural(codes[k]);
    }
    double[] rate = new double[p];
    boolean[] fixed = new boolean[p];
    boolean[] free = new boolean[p];

    // duty-free lines: exactly the profile's shares, picked by priority (lower first)
    double[] priority = new double[p];
    for (int k = 0; k < p; k++) {
      int ch = hs.products().get(k).chapter();
      double u = Noise.uniform(seed, 41, k);
      priority[k] = u;
      if (iso.equals("JPN") && !ag[k]) {
        if (ch >= 86 && ch <= 89) {
          priority[k] = -3;
        } else if (ch == 85 && u > 0.08) {
          priority[k] = -2;
        } else if (ch == 84) {
          priority[k] = -1 + u * 0.1;
        }
      } else if (!ag[k] && (ch == 84 || ch == 85)) {
        priority[k] = u * 0.5;
      }
    }
    pickFree(free, priority, k -> !ag[k], profile.namaFree());
    pickFree(free, priority, k -> ag[k], profile.agFree());

    // shapes of dutiable lines
    for (int k = 0; k < p; k++) {
      int ch = hs.products().get(k).chapter();
      double shape = Math.exp((ag[k] ? 0.9 : 0.35) * Noise.normal(seed, 42, k));
      if (!ag[k]) {
        if (ch >= 50 && ch <= 63) {
          shape *= 1.6;
        } else if (ch == 64 || (ch >= 41 && ch <= 43)) {
          shape *= iso.equals("JPN") ? 4 : 1.8;
        }
      }
      rate[k] = free[k] ? 0 : shape;
    }
    if (iso.equals("KOR")) {
      fix(rate, fixed, codes, "8703", 8.0);
      fix(rate, fixed, codes, "8704", 10.0);
      fix(rate, fixed, codes, "1006", 513.0);
    }
    if (iso.equals("JPN")) {
      IntPredicate elec = k -> codes[k].startsWith("85");
      IntPredicate chem = k -> !ag[k] && chapter(codes[k]) >= 28 && chapter(codes[k]) <= 38;
      scaleTo(rate, fixed, elec, 0.2);
      scaleTo(rate, fixed, chem, 2.3);
      for (int k = 0; k < p; k++) {
        if (elec.test(k) || chem.test(k)) {
          fixed[k] = true;
        }
      }
    }
    scaleTo(rate, fixed, k -> !ag[k], profile.nama());
    scaleTo(rate, fixed, k -> ag[k], profile.ag());

    List<Line> lines = new ArrayList<>();
    for (int k = 0; k < p; k++) {
      String[] suffixes = nationalSuffixes(iso, Noise.uniform(seed, 43, k));
      double[] factors = factors(suffixes.length, Noise.uniform(seed, 44, k));
      boolean trq = isTrq(iso, codes[k], rate[k]);
      for (int s = 0; s < suffixes.length; s++) {
        double r = round(rate[k] * factors[s], rate[k] > 0);
        double u = Noise.uniform(seed, 45, k * 8L + s);
        double specificShare = iso.equals("JPN") ? 0.15 : iso.equals("KOR") ? 0.02 : 0.03;
        String code = codes[k] + suffixes[s];
        if (ag[k] && r > 0 && u < specificShare) {
          double perKg = r / 100 * world.hs().chapters().get(hs.chapterIndex(k)).usdPerKg() * currency(iso);
          lines.add(new Line(code, "SP", 0, Math.max(1, Math.round(perKg)) + " " + currencyCode(iso) + "/kg", r, trq));
        } else if (ag[k] && r > 0 && u < 1.6 * specificShare) {
          double av = round(r / 2, true);
          double perKg = (r - av) / 100 * world.hs().chapters().get(hs.chapterIndex(k)).usdPerKg() * currency(iso);
          lines.add(new Line(code, "CP", av, Math.max(1, Math.round(perKg)) + " " + currencyCode(iso) + "/kg", r, trq));
        } else {
          lines.add(new Line(code, "AV", r, "", Double.NaN, trq));
        }
      }
    }
    return lines;
  }

  private static int chapter(String code) {
    return Integer.parseInt(code.substring(0, 2));
  }

  private static void pickFree(boolean[] free, double[] priority, IntPredicate in, double share) {
    List<Integer> idx = new ArrayList<>();
    for (int k = 0; k < free.length; k++) {
      if (in.test(k)) {
        idx.add(k);
      }
    }
    idx.sort(Comparator.comparingDouble(k -> priority[k]));
    int n = (int) Math.round(share * idx.size());
    for (int q = 0; q < n; q++) {
      free[idx.get(q)] = true;
    }
  }

  private static void fix(double[] rate, boolean[] fixed, String[] codes, String prefix, double value) {
    for (int k = 0; k < rate.length; k++) {
      if (codes[k].startsWith(prefix)) {
        rate[k] = value;
        fixed[k] = true;
      }
    }
  }

  /** Scales the group's unfixed lines so that its simple average is {@code target}. */
  private static void scaleTo(double[] rate, boolean[] fixed, IntPredicate group, double target) {
    double fixedSum = 0;
    double freeSum = 0;
    int n = 0;
    for (int k = 0; k < rate.length; k++) {
      if (group.test(k)) {
        n++;
        if (fixed[k]) {
          fixedSum += rate[k];
        } else {
          freeSum += rate[k];
        }
      }
    }
    if (n == 0 || freeSum == 0) {
      return;
    }
    double s = Math.max(0, (target * n - fixedSum) / freeSum);
    for (int k = 0; k < rate.length; k++) {
      if (group.test(k) && !fixed[k]) {
        rate[k] *= s;
      }
    }
  }

  private static String[] nationalSuffixes(String iso, double u) {
    int lines = u < 0.55 ? 1 : u < 0.85 ? 2 : 3;
    if (iso.equals("KOR")) {
      return lines == 1 ? new String[] {"0000"} : lines == 2 ? new String[] {"1000", "9000"}
          : new String[] {"1000", "2000", "9000"};
    }
    if (iso.equals("JPN")) {
      return lines == 1 ? new String[] {"000"} : lines == 2 ? new String[] {"100", "900"}
          : new String[] {"100", "200", "900"};
    }
    return new String[] {""};
  }

  /** Line rates around the HS6 rate; their simple average is the HS6 rate. */
  private static double[] factors(int n, double u) {
    double[] f = new double[n];
    Arrays.fill(f, 1);
    if (n > 1 && u < 0.3) {
      f[0] = 0.8;
      f[n - 1] = 1.2;
    }
    return f;
  }

  private static boolean isTrq(String iso, String code, double rate) {
    if (iso.equals("KOR")) {
      return rate > 100 && HsGroups.isAgricultural(code);
    }
    if (iso.equals("JPN")) {
      return code.startsWith("1006") || code.startsWith("1001") || code.startsWith("0401") || code.startsWith("0402")
          || code.startsWith("1701");
    }
    return false;
  }

  private static double round(double r, boolean dutiable) {
    double v = Math.round(r * 10) / 10.0;
    return dutiable && v < 0.1 ? 0.1 : v;
  }

  private static String rate(double r) {
    return String.format(java.util.Locale.ROOT, "%.1f", r);
  }

  private static double currency(String iso) {
    return switch (iso) {
      case "KOR" -> 1300;
      case "JPN" -> 130;
      case "DEU", "FRA", "ITA", "NLD" -> 0.95;
      default -> 1;
    };
  }

  private static String currencyCode(String iso) {
    return switch (iso) {
      case "KOR" -> "KRW";
      case "JPN" -> "JPY";
      case "DEU", "FRA", "ITA", "NLD" -> "EUR";
      default -> "USD";
    };
  }

  // ---------------------------------------------------------------- preferential schedules

  /** How dutiable lines are staged: a rule for the excluded set, then shares of categories for the rest. */
  enum Staging {
    /** Korea toward Japan under RCEP: 17% of all lines excluded, autos and machinery first. */
    KOR_TO_JPN,
    /** Japan toward Korea under RCEP: 8% of industrial lines excluded; rice, wheat, beef, pork, dairy, sugar. */
    JPN_TO_KOR,
    RCEP_GENERIC,
    CPTPP_GENERIC,
    KORUS_GENERIC
  }

  private static Staging generic(String agreement, String importer) {
    return switch (agreement) {
      case "RCEP" -> Staging.RCEP_GENERIC;
      case "CPTPP" -> Staging.CPTPP_GENERIC;
      default -> Staging.KORUS_GENERIC;
    };
  }

  private static final Set<String> JAPAN_SENSITIVE = Set.of("1006", "1001", "0201", "0202", "0203", "0401", "0402",
      "0403", "0404", "0405", "0406", "1701");

  private static String[] schedule(String importer, List<Line> lines, long seed, Staging staging) {
    int n = lines.size();
    String[] category = new String[n];
    boolean[] ag = new boolean[n];
    for (int q = 0; q < n; q++) {
      ag[q] = HsGroups.isAgricultural(lines.get(q).code().substring(0, 6));
    }
    // exclusions
    if (staging == Staging.KOR_TO_JPN) {
      Integer[] order = new Integer[n];
      for (int q = 0; q < n; q++) {
        order[q] = q;
      }
      double[] pr = new double[n];
      for (int q = 0; q < n; q++) {
        String c = lines.get(q).code();
        double u = Noise.uniform(seed, 51, q);
        pr[q] = lines.get(q).applied() == 0 ? 9 : c.startsWith("8703") || c.startsWith("8704") ? -3
            : ag[q] && lines.get(q).applied() > 30 ? -2 + u : c.startsWith("84") ? -1 + u : u;
      }
      Arrays.sort(order, Comparator.comparingDouble(q -> pr[q]));
      int excluded = (int) Math.round(0.17 * n);
      for (int q = 0; q < excluded; q++) {
        category[order[q]] = "E";
      }
    } else if (staging == Staging.JPN_TO_KOR) {
      List<Integer> nama = new ArrayList<>();
      for (int q = 0; q < n; q++) {
        String c = lines.get(q).code();
        if (ag[q] && (JAPAN_SENSITIVE.contains(c.substring(0, 4)) || Noise.uniform(seed, 52, q) < 0.4)) {
          category[q] = "E";
        }
        if (!ag[q]) {
          nama.add(q);
        }
      }
      double[] pr = new double[n];
      for (int q : nama) {
        int ch = chapter(lines.get(q).code());
        double u = Noise.uniform(seed, 53, q);
        pr[q] = lines.get(q).applied() == 0 ? 9 : ch == 64 || (ch >= 41 && ch <= 43) ? -1 + u : u;
      }
      nama.sort(Comparator.comparingDouble(q -> pr[q]));
      int excluded = (int) Math.round(0.08 * nama.size());
      for (int q = 0; q < excluded; q++) {
        category[nama.get(q)] = "E";
      }
    } else {
      double exclude = switch (staging) {
        case RCEP_GENERIC -> 0.10;
        case CPTPP_GENERIC -> 0.05;
        default -> 0.02;
      };
      for (int q = 0; q < n; q++) {
        String c = lines.get(q).code();
        boolean sensitive = importer.equals("JPN") && JAPAN_SENSITIVE.contains(c.substring(0, 4))
            || importer.equals("KOR") && c.startsWith("1006");
        if (lines.get(q).applied() > 0 && (sensitive || Noise.uniform(seed, 54, q) < (ag[q] ? 3 : 0.5) * exclude)) {
          category[q] = "E";
        }
      }
    }
    Map<String, Double> shares = switch (staging) {
      case KOR_TO_JPN -> shares("A", 0.25, "B10", 0.45, "B15", 0.20, "B20", 0.10);
      case JPN_TO_KOR -> shares("A", 0.40, "B10", 0.35, "B15", 0.15, "B20", 0.10);
      case RCEP_GENERIC -> shares("A", 0.60, "B10", 0.22, "B15", 0.10, "B20", 0.08);
      case CPTPP_GENERIC -> shares("A", 0.82, "B5", 0.07, "B10", 0.07, "B16", 0.04);
      case KORUS_GENERIC -> shares("A", 0.82, "B5", 0.08, "B10", 0.08, "B15", 0.02);
    };
    Map<String, Double> agShares = staging == Staging.JPN_TO_KOR
        ? shares("B15", 0.4, "B20", 0.3, "R50", 0.2, "H5B10", 0.1) : shares;
    for (int q = 0; q < n; q++) {
      if (category[q] == null) {
        category[q] = lines.get(q).applied() == 0 ? "A"
            : pick(ag[q] ? agShares : shares, Noise.uniform(seed, 55, q));
      }
    }
    return category;
  }

  private static Map<String, Double> shares(Object... kv) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], (Double) kv[i + 1]);
    }
    return m;
  }

  private static String pick(Map<String, Double> shares, double u) {
    double acc = 0;
    String last = null;
    for (Map.Entry<String, Double> e : shares.entrySet()) {
      acc += e.getValue();
      last = e.getKey();
      if (u < acc) {
        return last;
      }
    }
    return last;
  }

  private static Map<String, Profile> profiles() {
    Map<String, Profile> m = new HashMap<>();
    m.put("KOR", new Profile(57.0, 6.6, 0.18, 0.04));
    m.put("JPN", new Profile(15.5, 2.5, 0.19, 0.20));
    m.put("CHN", new Profile(13.8, 6.5, 0.07, 0.06));
    m.put("USA", new Profile(5.0, 3.1, 0.48, 0.30));
    m.put("AUS", new Profile(1.2, 2.6, 0.50, 0.75));
    m.put("CAN", new Profile(15.0, 2.1, 0.73, 0.55));
    m.put("MEX", new Profile(13.2, 5.7, 0.56, 0.20));
    m.put("SGP", new Profile(0.2, 0.0, 1.00, 0.99));
    m.put("NZL", new Profile(1.4, 2.1, 0.62, 0.70));
    m.put("MYS", new Profile(7.9, 5.3, 0.66, 0.70));
    m.put("VNM", new Profile(17.1, 8.4, 0.36, 0.20));
    m.put("BRN", new Profile(0.1, 0.6, 0.90, 0.95));
    m.put("CHL", new Profile(6.0, 6.0, 0.00, 0.00));
    m.put("PER", new Profile(3.2, 2.0, 0.73, 0.60));
    m.put("GBR", new Profile(9.8, 2.8, 0.28, 0.20));
    m.put("DEU", new Profile(11.5, 4.1, 0.28, 0.20));
    m.put("FRA", m.get("DEU"));
    m.put("ITA", m.get("DEU"));
    m.put("NLD", m.get("DEU"));
    m.put("TWN", new Profile(15.6, 4.6, 0.31, 0.18));
    m.put("IND", new Profile(39.0, 13.5, 0.03, 0.05));
    m.put("IDN", new Profile(8.7, 8.0, 0.11, 0.08));
    m.put("THA", new Profile(27.0, 7.2, 0.27, 0.06));
    m.put("ROW", new Profile(15.0, 6.9, 0.20, 0.15));
    return m;
  }

}
