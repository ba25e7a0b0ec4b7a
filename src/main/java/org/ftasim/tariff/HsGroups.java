package org.ftasim.tariff;

import java.util.Set;

/**
 * Product groups the WTO and WITS report tariffs by.
 *
 * <p>Agricultural products (AG) follow Annex 1 of the WTO Agreement on Agriculture: HS chapters 1–24 less fish and
 * fish products (chapter 3, 0508, 0511.91, 1504.10–20, 1603 fish extracts are kept as in the WTO's tariff profiles,
 * 1604, 1605, 2301.20), plus 2905.43–44, 33.01, 35.01–35.05, 3809.10, 3823.60, 41.01–41.03, 43.01, 50.01–50.03,
 * 51.01–51.03, 52.01–52.03, 53.01 and 53.02. Everything else is non-agricultural (NAMA).
 */
public final class HsGroups {
  private static final Set<String> FISH = Set.of("0508", "051191", "150410", "150420", "1604", "1605", "230120");
  private static final Set<String> AG_SIX = Set.of("290543", "290544", "380910", "382360");
  private static final Set<String> AG_FOUR = Set.of("3301", "3501", "3502", "3503", "3504", "3505", "4101", "4102",
      "4103", "4301", "5001", "5002", "5003", "5101", "5102", "5103", "5201", "5202", "5203", "5301", "5302");
  private static final String[] SECTIONS = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
      "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX", "XXI"};
  /** First chapter of each section. */
  private static final int[] SECTION_START = {1, 6, 15, 16, 25, 28, 39, 41, 44, 47, 50, 64, 68, 71, 72, 84, 86, 90,
      93, 94, 97};

  private HsGroups() {}

  public static boolean isAgricultural(String hs6) {
    int chapter = Integer.parseInt(hs6.substring(0, 2));
    if (chapter >= 1 && chapter <= 24) {
      return chapter != 3 && !FISH.contains(hs6.substring(0, 4)) && !FISH.contains(hs6);
    }
    return AG_SIX.contains(hs6) || AG_FOUR.contains(hs6.substring(0, 4));
  }

  /** 'AG' or 'NAMA'. */
  public static String wtoGroup(String hs6) {
    return isAgricultural(hs6) ? "AG" : "NAMA";
  }

  /** The HS section (I–XXI) of a chapter. */
  public static String section(int chapter) {
    if (chapter < 1 || chapter > 99) {
      throw new IllegalArgumentException("HS chapter " + chapter + " is outside 01-99");
    }
    int s = SECTIONS.length - 1;
    while (SECTION_START[s] > chapter) {
      s--;
    }
    return SECTIONS[s];
  }
}
