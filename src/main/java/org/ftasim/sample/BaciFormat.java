package org.ftasim.sample;

/**
 * Writes the sample's flows exactly as CEPII's BACI CSV files are laid out: header {@code t,i,j,k,v,q}; t the
 * year; i and j BACI's numeric country codes; k the HS6 code as six characters; v the value in thousand USD with
 * three decimals; q the quantity in tonnes with three decimals, or {@code NA} padded with spaces when not reported.
 * Numbers are formatted from integers, so the bytes never depend on the JVM's locale or float printing.
 */
public final class BaciFormat {
  public static final String HEADER = "t,i,j,k,v,q";
  /** BACI's missing quantity: right-aligned NA in a fixed-width field. */
  public static final String NA = "             NA";

  private BaciFormat() {}

  /**
   * Appends one line (with its newline) or nothing when the value rounds to zero thousand USD at three decimals.
   *
   * @param stripLeadingZero write k without its leading zero, as a spreadsheet that re-saved the file would
   * @return whether a line was written
   */
  public static boolean append(StringBuilder sb, int year, int exporter, int importer, String k, double usd,
      double tonnes, boolean stripLeadingZero) {
    long dollars = Math.round(usd);
    if (dollars <= 0) {
      return false;
    }
    sb.append(year).append(',').append(exporter).append(',').append(importer).append(',');
    sb.append(stripLeadingZero && k.charAt(0) == '0' ? k.substring(1) : k).append(',');
    fixed3(sb, dollars);
    sb.append(',');
    if (Double.isNaN(tonnes)) {
      sb.append(NA);
    } else {
      fixed3(sb, Math.max(1, Math.round(tonnes * 1000)));
    }
    sb.append('\n');
    return true;
  }

  /** {@code thousandths} / 1000 with exactly three decimals. */
  static void fixed3(StringBuilder sb, long thousandths) {
    sb.append(thousandths / 1000).append('.');
    long frac = thousandths % 1000;
    if (frac < 100) {
      sb.append('0');
    }
    if (frac < 10) {
      sb.append('0');
    }
    sb.append(frac);
  }
}
