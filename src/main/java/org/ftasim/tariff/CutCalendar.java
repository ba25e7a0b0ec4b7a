package org.ftasim.tariff;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.MonthDay;

/**
 * When a member's cuts take effect: the first at entry into force, then one on each cut date (1 January for most
 * parties; 1 April, the start of its fiscal year, for Japan). Annual rates are the day-weighted average over the
 * calendar year of the rate in force each day, so a year with an April cut is one quarter the old rate and three
 * quarters the new.
 */
public record CutCalendar(LocalDate entryIntoForce, MonthDay cutDate) implements Serializable {

  /** Cuts in force on {@code day}: 0 before entry into force. */
  public int cutsInForce(LocalDate day) {
    if (day.isBefore(entryIntoForce)) {
      return 0;
    }
    int cuts = 1;
    for (int y = entryIntoForce.getYear(); y <= day.getYear(); y++) {
      LocalDate d = cutDate.atYear(y);
      if (d.isAfter(entryIntoForce) && !d.isAfter(day)) {
        cuts++;
      }
    }
    return cuts;
  }

  /**
   * The calendar year as segments of constant cuts: {@code [cuts, days]} pairs, in order; days sum to the year's
   * length. Cuts are 0 before entry into force.
   */
  public int[][] segments(int year) {
    LocalDate start = LocalDate.of(year, 1, 1);
    LocalDate end = LocalDate.of(year + 1, 1, 1);
    LocalDate[] bounds = {start, entryIntoForce, cutDate.atYear(year), end};
    java.util.TreeSet<LocalDate> points = new java.util.TreeSet<>();
    for (LocalDate b : bounds) {
      if (!b.isBefore(start) && !b.isAfter(end)) {
        points.add(b);
      }
    }
    LocalDate[] p = points.toArray(new LocalDate[0]);
    int[][] out = new int[p.length - 1][];
    for (int s = 0; s + 1 < p.length; s++) {
      out[s] = new int[] {cutsInForce(p[s]), (int) (p[s + 1].toEpochDay() - p[s].toEpochDay())};
    }
    return out;
  }
}
