package org.ftasim.tariff;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.ftasim.sector.SectorMap;

/**
 * A trade agreement: its members with their entry into force and cut date, the share of eligible trade that uses
 * the preference (1 = all), the category lines not in a schedule take (null: only scheduled lines get
 * preferences), its own staging categories, and what scenarios add: staging rules by HS range, WTO group or
 * sector (the first match wins over the schedule), the base the cuts of unscheduled lines start from, and an
 * acceding member.
 *
 * @param base {@code mfn}: unscheduled lines are cut from the MFN rate; {@code applied}: from the rate the pair
 *     applied the day before the agreement entered into force (a Korea–Japan FTA starts from RCEP's staged rates)
 * @param accession null, or the member the agreement is an accession of: it then covers only pairs with that
 *     member on one side (Korea joining CPTPP leaves the other members' schedules among themselves unchanged)
 */
public record Agreement(String id, String name, Map<String, CutCalendar> members, double utilisation,
    String defaultStaging, Map<String, StagingCategory> categories, List<StagingRule> rules, String base,
    String accession) implements Serializable {

  public static final String BASE_MFN = "mfn";
  public static final String BASE_APPLIED = "applied";

  public Agreement(String id, String name, Map<String, CutCalendar> members, double utilisation,
      String defaultStaging, Map<String, StagingCategory> categories) {
    this(id, name, members, utilisation, defaultStaging, categories, List.of(), BASE_MFN, null);
  }

  /** Whether importer and exporter are both members and the agreement is in force for both on some day of year. */
  public boolean covers(String importer, String exporter, int year) {
    CutCalendar a = members.get(importer);
    CutCalendar b = members.get(exporter);
    return a != null && b != null && !importer.equals(exporter) && inForceBy(a, b, year)
        && (accession == null || accession.equals(importer) || accession.equals(exporter));
  }

  /** Whether the agreement covers the pair in some year: both are members (and one is the acceding member). */
  public boolean pairs(String importer, String exporter) {
    return members.containsKey(importer) && members.containsKey(exporter) && !importer.equals(exporter)
        && (accession == null || accession.equals(importer) || accession.equals(exporter));
  }

  /** The staging category a rule gives an HS6 product, or null when no rule matches. */
  public String ruleCategory(String hs6, SectorMap sectors) {
    for (StagingRule r : rules) {
      if (r.matches(hs6, sectors)) {
        return r.category();
      }
    }
    return null;
  }

  private static boolean inForceBy(CutCalendar a, CutCalendar b, int year) {
    LocalDate end = LocalDate.of(year, 12, 31);
    return !a.entryIntoForce().isAfter(end) && !b.entryIntoForce().isAfter(end);
  }

  /**
   * The calendar that governs the importer's preferences toward the exporter: the importer's cut dates, counted
   * from the later of the two entries into force (a preference needs both parties in force).
   */
  public CutCalendar calendar(String importer, String exporter) {
    CutCalendar a = members.get(importer);
    CutCalendar b = members.get(exporter);
    LocalDate eif = a.entryIntoForce().isAfter(b.entryIntoForce()) ? a.entryIntoForce() : b.entryIntoForce();
    return new CutCalendar(eif, a.cutDate());
  }

  public StagingCategory category(String code) {
    StagingCategory c = categories.get(code);
    if (c == null) {
      throw new IllegalArgumentException("agreement " + id + " has no staging category '" + code + "'; it defines "
          + categories.keySet());
    }
    return c;
  }

  /**
   * The year's applied rate under this agreement, in percent: the day-weighted average of the rate in force each
   * day, where the rate is min(MFN, base × factor(cuts)) blended with MFN by the utilisation rate, and MFN before
   * entry into force or for an excluded line.
   */
  public double annualRate(double mfn, double base, StagingCategory category, CutCalendar calendar, int year) {
    return annualRate(mfn, base, category, calendar.segments(year));
  }

  /** As above, with the year's {@link CutCalendar#segments} computed once for many lines. */
  public double annualRate(double mfn, double base, StagingCategory category, int[][] segments) {
    double days = 0;
    double sum = 0;
    for (int[] s : segments) {
      double factor = category.factor(s[0]);
      double rate = mfn;
      if (s[0] > 0 && !Double.isNaN(factor)) {
        double pref = Math.min(mfn, base * factor);
        rate = utilisation * pref + (1 - utilisation) * mfn;
      }
      sum += rate * s[1];
      days += s[1];
    }
    return sum / days;
  }
}
