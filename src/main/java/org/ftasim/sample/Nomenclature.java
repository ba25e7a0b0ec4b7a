package org.ftasim.sample;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sample's HS 2017 product list: the real chapters (01–97 without 77) with their real titles, headings
 * numbered as in the nomenclature, and six-digit subheadings spread over them in proportion to HS 2017's counts.
 * Subheading numbers follow the nomenclature's habits (…10, …20, …90 for "other"; two-level …11, …19 when a heading
 * has more than nine), and the lines trade policy talks about most exist with their real codes and descriptions
 * (rice 1006.30, passenger cars 8703.23, memories 8542.32, the WTO Annex 1 agricultural lines outside chapters
 * 1–24, …). Other descriptions are the chapter title with the code.
 */
public final class Nomenclature implements Serializable {
  /** A chapter: number, HS section (roman), title, world trade share (%), typical unit value (USD/kg). */
  public record Chapter(int number, String section, String title, double tradePct, double usdPerKg)
      implements Serializable {}

  /** A six-digit product. */
  public record Product(String code, int chapter, String description) implements Serializable {}

  static final Map<String, String> ANCHORS = anchors();

  private final List<Chapter> chapters;
  private final List<Product> products;
  private final int[] chapterIndex;

  private Nomenclature(List<Chapter> chapters, List<Product> products) {
    this.chapters = chapters;
    this.products = products;
    this.chapterIndex = new int[products.size()];
    Map<Integer, Integer> idx = new TreeMap<>();
    for (int c = 0; c < chapters.size(); c++) {
      idx.put(chapters.get(c).number(), c);
    }
    for (int k = 0; k < products.size(); k++) {
      chapterIndex[k] = idx.get(products.get(k).chapter());
    }
  }

  /** About {@code target} products (HS 2017 has 5,387); the anchors are always there. */
  public static Nomenclature generate(int target) {
    List<String[]> rows = Economies.Resources.csv("hs_chapters.csv");
    double total = rows.stream().mapToInt(r -> Integer.parseInt(r[4])).sum();
    List<Chapter> chapters = new ArrayList<>();
    TreeMap<String, String> codes = new TreeMap<>();
    for (String[] r : rows) {
      int ch = Integer.parseInt(r[0]);
      Chapter chapter = new Chapter(ch, r[1], r[2], Double.parseDouble(r[5]), Double.parseDouble(r[6]));
      chapters.add(chapter);
      int subs = Math.max(1, (int) Math.round(Integer.parseInt(r[4]) * target / total));
      int headings = Math.min(Integer.parseInt(r[3]), subs);
      for (int h = 0; h < headings; h++) {
        int m = subs / headings + (h < subs % headings ? 1 : 0);
        String heading = String.format("%02d%02d", ch, h + 1);
        for (String sub : subheadings(m)) {
          String code = heading + sub;
          codes.put(code, chapter.title() + ": subheading " + heading + "." + sub);
        }
      }
    }
    codes.putAll(ANCHORS);
    List<Product> products = new ArrayList<>();
    codes.forEach((code, description) -> products.add(new Product(code, Integer.parseInt(code.substring(0, 2)),
        description)));
    return new Nomenclature(chapters, products);
  }

  /** Subheading numbers for a heading with {@code m} of them. */
  static List<String> subheadings(int m) {
    List<String> out = new ArrayList<>();
    if (m == 1) {
      out.add("00");
    } else if (m <= 9) {
      for (int i = 1; i < m; i++) {
        out.add(i + "0");
      }
      out.add("90");
    } else {
      for (int i = 0; i < m; i++) {
        int first = 1 + i / 9;
        int second = 1 + i % 9;
        out.add(first + "" + second);
      }
    }
    return out;
  }

  public List<Chapter> chapters() {
    return chapters;
  }

  public List<Product> products() {
    return products;
  }

  public int size() {
    return products.size();
  }

  /** Index into {@link #chapters()} of product {@code k}. */
  public int chapterIndex(int k) {
    return chapterIndex[k];
  }

  private static Map<String, String> anchors() {
    Map<String, String> m = new TreeMap<>();
    m.put("020130", "Meat of bovine animals, fresh or chilled, boneless");
    m.put("020329", "Meat of swine, frozen, other");
    m.put("030389", "Fish, frozen, other");
    m.put("040120", "Milk and cream, not concentrated, fat content 1% to 6%");
    m.put("040690", "Cheese, other");
    m.put("100199", "Wheat and meslin, other than durum, other");
    m.put("100630", "Rice, semi-milled or wholly milled");
    m.put("150410", "Fish-liver oils and their fractions");
    m.put("160414", "Tunas, skipjack and bonito, prepared or preserved");
    m.put("170199", "Cane or beet sugar, solid, other");
    m.put("270900", "Petroleum oils and oils obtained from bituminous minerals, crude");
    m.put("271012", "Light petroleum oils and preparations");
    m.put("271111", "Natural gas, liquefied");
    m.put("290543", "Mannitol");
    m.put("290544", "D-glucitol (sorbitol)");
    m.put("330112", "Essential oils of orange");
    m.put("350110", "Casein");
    m.put("380910", "Finishing agents with a basis of amylaceous substances");
    m.put("382360", "Sorbitol other than that of subheading 2905.44");
    m.put("390110", "Polyethylene having a specific gravity of less than 0.94, in primary forms");
    m.put("390760", "Poly(ethylene terephthalate), in primary forms");
    m.put("410120", "Whole raw hides and skins of bovine animals, unsplit");
    m.put("430110", "Raw furskins of mink, whole");
    m.put("500100", "Silk-worm cocoons suitable for reeling");
    m.put("510111", "Greasy shorn wool, not carded or combed");
    m.put("520100", "Cotton, not carded or combed");
    m.put("530110", "Flax, raw or retted");
    m.put("530210", "True hemp, raw or retted");
    m.put("720839", "Flat-rolled iron or non-alloy steel, hot-rolled, in coils, thickness less than 3 mm");
    m.put("721049", "Flat-rolled iron or non-alloy steel, plated or coated with zinc, other");
    m.put("847130", "Portable automatic data processing machines, weighing not more than 10 kg");
    m.put("848620", "Machines and apparatus for the manufacture of semiconductor devices or electronic integrated"
        + " circuits");
    m.put("851712", "Telephones for cellular networks or for other wireless networks");
    m.put("854231", "Electronic integrated circuits: processors and controllers");
    m.put("854232", "Electronic integrated circuits: memories");
    m.put("870323", "Motor cars with spark-ignition engine of a cylinder capacity over 1,500 cc but not over 3,000 cc");
    m.put("870421", "Motor vehicles for the transport of goods, diesel, g.v.w. not exceeding 5 tonnes");
    m.put("870899", "Parts and accessories of motor vehicles, other");
    m.put("901380", "Optical devices, appliances and instruments, other");
    return m;
  }
}
