package org.ftasim.tariff;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.ftasim.sector.SectorMap;

/**
 * The rate that applies to each (importer, exporter, HS6, year) in a scenario.
 *
 * <p>Per national tariff line and day, the applied rate is the lower of MFN and the best preference of any
 * agreement in force for the pair that day:
 * <pre>
 *   r_line(d) = min( m, min_a [ u_a · min(m, b_a · f_a(c_a(d))) + (1 − u_a) · m ] )
 * </pre>
 * with m the MFN rate, b_a the base rate of the line in agreement a (its schedule's base rate; for an unscheduled
 * line the MFN rate, or with {@code base: applied} the pair's baseline rate the day before a's entry into force),
 * f_a the staging category's share of the base left after c_a(d) cuts and u_a the preference utilisation. The
 * year's rate is the day-weighted mean of r_line(d) (so Japan's 1 April cuts weigh three quarters in their year),
 * and the HS6 rate the simple mean of its national lines, as WITS computes it. Excluded lines take no preference
 * from that agreement.
 *
 * <p>Rows: the baseline emits the MFN rate of every HS6 (exporter {@code MFN}) and the rate toward every partner an
 * agreement covers that year; another scenario emits only the pairs an agreement it adds or changes covers — every
 * other pair keeps its baseline rows (see {@code TariffLookup}).
 */
public final class TariffEngine implements Serializable {
  /** Exporter code of the MFN rows. */
  public static final String MFN = "MFN";

  private final Scenario scenario;
  private final Scenario baseline;
  private final SectorMap sectors;
  /** Contexts by importer, agreement, partner key and MFN year: they do not change from year to year. */
  private transient Map<String, Ctx> cache;

  public TariffEngine(Scenario scenario, Scenario baseline, SectorMap sectors) {
    this.scenario = scenario;
    this.baseline = baseline;
    this.sectors = sectors;
  }

  /** Receives one HS6 rate: percent, the mean MFN rate of its lines, what gave the rate on 31 December. */
  public interface Sink {
    void rate(int year, String exporter, String hs6, double rate, double mfn, String source, int lines);
  }

  /** An agreement applied to one pair and one year's lines. */
  private record Ctx(Agreement agreement, CutCalendar calendar, StagingCategory[] category, double[] base) {}

  public void run(ImporterSchedule s, int firstYear, int lastYear, Sink sink) {
    if (!s.hasMfn()) {
      return;
    }
    String imp = s.importer();
    TreeSet<String> partners = new TreeSet<>();
    for (Agreement a : scenario.book().agreements().values()) {
      if (scenario.touched().contains(a.id())) {
        for (String m : a.members().keySet()) {
          if (a.pairs(imp, m)) {
            partners.add(m);
          }
        }
      }
    }
    if (scenario.isBaseline()) {
      partners.addAll(s.observedPartners());
    }
    if (cache == null) {
      cache = new HashMap<>();
    }
    for (int year = firstYear; year <= lastYear; year++) {
      ImporterSchedule.MfnLine[] lines = s.mfnLines(year);
      int mfnYear = s.mfnYear(year);
      if (scenario.isBaseline()) {
        emit(year, MFN, lines, null, null, sink);
      }
      for (String e : partners) {
        List<Ctx> ctxs = new ArrayList<>();
        boolean touched = false;
        for (Agreement a : scenario.book().agreements().values()) {
          if (a.covers(imp, e, year)) {
            touched |= scenario.touched().contains(a.id());
            // partners sharing the ALL rows share a context only if their pair enters into force on the same day
            String key = imp + "|" + a.id() + "|" + (s.hasOwnRows(a.id(), e) || a.base().equals(Agreement.BASE_APPLIED) ? e
                : "ALL@" + a.calendar(imp, e).entryIntoForce()) + "|" + mfnYear;
            int y = year;
            ctxs.add(cache.computeIfAbsent(key, k -> context(s, a, e, y, lines)));
          }
        }
        Map<String, Double> observed = s.observed(e, year);
        if (!touched && !(scenario.isBaseline() && observed != null)) {
          continue;
        }
        double[] annual = new double[lines.length];
        String[] source = new String[lines.length];
        annual(lines, ctxs, year, observed, annual, source);
        emit(year, e, lines, annual, source, sink);
      }
    }
  }

  /**
   * Day-weighted annual rates of each line under the given agreements, and under the preferential rates published
   * as applied ({@code observed}, HS6 → rate, or null), which hold all year.
   */
  private static void annual(ImporterSchedule.MfnLine[] lines, List<Ctx> ctxs, int year,
      Map<String, Double> observed, double[] out, String[] source) {
    double[] applied = observedRates(lines, observed);
    LocalDate start = LocalDate.of(year, 1, 1);
    LocalDate end = LocalDate.of(year + 1, 1, 1);
    TreeSet<LocalDate> points = new TreeSet<>(List.of(start, end));
    for (Ctx c : ctxs) {
      for (LocalDate d : new LocalDate[] {c.calendar().entryIntoForce(), c.calendar().cutDate().atYear(year)}) {
        if (d.isAfter(start) && d.isBefore(end)) {
          points.add(d);
        }
      }
    }
    LocalDate[] p = points.toArray(new LocalDate[0]);
    double total = end.toEpochDay() - start.toEpochDay();
    int[] cuts = new int[ctxs.size()];
    for (int seg = 0; seg + 1 < p.length; seg++) {
      double w = (p[seg + 1].toEpochDay() - p[seg].toEpochDay()) / total;
      for (int g = 0; g < ctxs.size(); g++) {
        cuts[g] = ctxs.get(g).calendar().cutsInForce(p[seg]);
      }
      boolean last = seg + 2 == p.length;
      for (int q = 0; q < lines.length; q++) {
        double m = lines[q].rate();
        double best = m;
        String src = MFN;
        if (applied[q] < best) {
          best = applied[q];
          src = TariffFiles.PRF;
        }
        for (int g = 0; g < ctxs.size(); g++) {
          double r = preferential(ctxs.get(g), q, cuts[g], m);
          if (r < best) {
            best = r;
            src = ctxs.get(g).agreement().id();
          }
        }
        out[q] += w * best;
        if (last) {
          source[q] = src;
        }
      }
    }
  }

  /** Each line's applied preferential rate by its HS6 (+∞ where none is published). */
  private static double[] observedRates(ImporterSchedule.MfnLine[] lines, Map<String, Double> observed) {
    double[] out = new double[lines.length];
    for (int q = 0; q < lines.length; q++) {
      Double r = observed == null ? null : observed.get(lines[q].code().substring(0, 6));
      out[q] = r == null ? Double.POSITIVE_INFINITY : r;
    }
    return out;
  }

  /** The line's rate under one agreement with {@code cuts} in force, blended by utilisation; MFN if none. */
  private static double preferential(Ctx c, int q, int cuts, double mfn) {
    StagingCategory cat = c.category()[q];
    if (cat == null || cuts <= 0) {
      return mfn;
    }
    double f = cat.factor(cuts);
    if (Double.isNaN(f)) {
      return mfn;
    }
    double u = c.agreement().utilisation();
    return u * Math.min(mfn, c.base()[q] * f) + (1 - u) * mfn;
  }

  /** Category and base rate of each line of the importer's schedule toward {@code exporter} in one agreement. */
  private Ctx context(ImporterSchedule s, Agreement a, String exporter, int year, ImporterSchedule.MfnLine[] lines) {
    CutCalendar cal = a.calendar(s.importer(), exporter);
    StagingCategory[] cat = new StagingCategory[lines.length];
    double[] base = new double[lines.length];
    ImporterSchedule.PrefIndex[] rows = s.prefFor(a.id(), exporter);
    double[] applied = a.base().equals(Agreement.BASE_APPLIED)
        ? baselineOn(s, exporter, cal.entryIntoForce().minusDays(1), lines) : null;
    for (int q = 0; q < lines.length; q++) {
      String code = lines[q].code();
      String hs6 = code.substring(0, 6);
      String c = a.ruleCategory(hs6, sectors);
      int row = -1;
      ImporterSchedule.PrefIndex in = null;
      for (ImporterSchedule.PrefIndex idx : rows) {
        row = idx.find(code);
        if (row >= 0) {
          in = idx;
          break;
        }
      }
      if (c == null) {
        c = in != null ? in.staging(row) : a.defaultStaging();
      }
      cat[q] = c == null ? null : a.category(c);
      base[q] = in != null ? in.base(row) : applied != null ? applied[q] : lines[q].rate();
    }
    return new Ctx(a, cal, cat, base);
  }

  /** The baseline's rate of each line toward {@code exporter} on one day (the MFN of that day's year). */
  private double[] baselineOn(ImporterSchedule s, String exporter, LocalDate day, ImporterSchedule.MfnLine[] lines) {
    int year = day.getYear();
    ImporterSchedule.MfnLine[] then = new ImporterSchedule.MfnLine[lines.length];
    for (int q = 0; q < lines.length; q++) {
      double m = s.mfnRate(year, lines[q].code());
      then[q] = new ImporterSchedule.MfnLine(lines[q].code(), Double.isNaN(m) ? lines[q].rate() : m,
          lines[q].lines());
    }
    TariffEngine base = new TariffEngine(baseline, baseline, sectors);
    List<Ctx> ctxs = new ArrayList<>();
    for (Agreement a : baseline.book().agreements().values()) {
      if (a.covers(s.importer(), exporter, year)) {
        ctxs.add(base.context(s, a, exporter, year, then));
      }
    }
    double[] out = new double[lines.length];
    double[] applied = observedRates(then, s.observed(exporter, year));
    for (int q = 0; q < lines.length; q++) {
      double best = Math.min(then[q].rate(), applied[q]);
      for (Ctx c : ctxs) {
        best = Math.min(best, preferential(c, q, c.calendar().cutsInForce(day), then[q].rate()));
      }
      out[q] = best;
    }
    return out;
  }

  private static void emit(int year, String exporter, ImporterSchedule.MfnLine[] lines, double[] rate,
      String[] source, Sink sink) {
    int q = 0;
    while (q < lines.length) {
      String hs6 = lines[q].code().substring(0, 6);
      double sum = 0;
      double mfn = 0;
      int n = 0;
      int national = 0;
      String src = source == null ? MFN : source[q];
      for (; q < lines.length && lines[q].code().startsWith(hs6); q++, n++) {
        national += lines[q].lines();
        mfn += lines[q].rate();
        sum += rate == null ? lines[q].rate() : rate[q];
        if (source != null && !source[q].equals(MFN)) {
          src = source[q];
        }
      }
      sink.rate(year, exporter, hs6, sum / n, mfn / n, src, national);
    }
  }

  /**
   * The last year whose rates still change under any agreement of the scenario: the year its longest staging
   * category used (by schedules, default staging or rules) makes its last cut, plus one when that cut falls after
   * 1 January (the year's average reaches the final rate only the next year).
   *
   * @param scheduled the staging categories each agreement's schedule lines use
   */
  public static int phaseInEnd(Scenario scenario, Map<String, ? extends java.util.Collection<String>> scheduled) {
    int end = Integer.MIN_VALUE;
    for (Agreement a : scenario.book().agreements().values()) {
      TreeSet<String> used = new TreeSet<>();
      if (scheduled.containsKey(a.id())) {
        used.addAll(scheduled.get(a.id()));
      }
      if (a.defaultStaging() != null) {
        used.add(a.defaultStaging());
      }
      a.rules().forEach(r -> used.add(r.category()));
      int cuts = 0;
      for (String c : used) {
        if (a.categories().containsKey(c)) {
          cuts = Math.max(cuts, a.category(c).lastCut());
        }
      }
      LocalDate eif = a.members().values().stream().map(CutCalendar::entryIntoForce).max(LocalDate::compareTo)
          .orElseThrow();
      for (CutCalendar m : a.members().values()) {
        CutCalendar cal = new CutCalendar(eif, m.cutDate());
        int y = eif.getYear();
        while (cal.cutsInForce(LocalDate.of(y, 12, 31)) < cuts) {
          y++;
        }
        end = Math.max(end, cal.cutsInForce(LocalDate.of(y, 1, 1)) < Math.max(cuts, 1) ? y + 1 : y);
      }
    }
    return end;
  }
}
