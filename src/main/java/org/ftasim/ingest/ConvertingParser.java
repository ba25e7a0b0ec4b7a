package org.ftasim.ingest;

/**
 * A parser whose accepted lines are then moved to another HS version: a code the concordance does not map becomes an
 * UNMAPPED_HS reject; the ingest splits the others over their target codes ({@link HsConcordance}).
 */
public final class ConvertingParser implements FlowParser {
  private final FlowParser inner;
  private final HsConcordance concordance;
  private final String file;

  public ConvertingParser(FlowParser inner, HsConcordance concordance, String concordanceFile) {
    this.inner = inner;
    this.concordance = concordance;
    this.file = concordanceFile;
  }

  public HsConcordance concordance() {
    return concordance;
  }

  @Override
  public ParsedLine parse(String line, ParsedLine out) {
    inner.parse(line, out);
    if (out.reason == null && out.filtered == null) {
      out.converted = concordance.relationship(out.hs6);
      if (out.converted == null) {
        return BaciParser.reject(out, Reject.UNMAPPED_HS, "product " + out.hs6 + " (" + concordance.from()
            + ") has no " + concordance.to() + " code in " + file);
      }
    }
    return out;
  }
}
