package org.ftasim.sample;

import java.io.Serializable;

/**
 * What to generate.
 *
 * @param seed every number of the sample is a pure function of this seed
 * @param countries number of economies (24 at small scale)
 * @param products about this many HS6 products (HS 2017 has 5,387)
 * @param firstYear first year of trade data (inclusive)
 * @param lastYear last year (inclusive)
 * @param versionTag BACI release tag in file names, e.g. 202401
 * @param flowScaleUsd scale of the zero-flow process: a flow expected to be worth x USD is present with probability
 *     1 − exp(−x / flowScaleUsd), so small expected flows are mostly zero, as in real data
 */
public record SampleSpec(long seed, int countries, int products, int firstYear, int lastYear, String versionTag,
    double flowScaleUsd) implements Serializable {

  public static final long DEFAULT_SEED = 20261127L;

  public SampleSpec {
    if (firstYear > lastYear) {
      throw new IllegalArgumentException("first year " + firstYear + " is after last year " + lastYear);
    }
    if (products < 100) {
      throw new IllegalArgumentException("the sample needs at least 100 products, got " + products);
    }
  }

  /** The demo's world: 24 economies, the whole HS, 2019–2023, about half a million flows a year. */
  public static SampleSpec small(long seed, int firstYear, int lastYear) {
    return new SampleSpec(seed, Economies.SMALL, 5000, firstYear, lastYear, "202401", 1.0e6);
  }

  /** BACI's size: about 200 economies and 5,000 products, about 10 million flows a year. */
  public static SampleSpec full(long seed, int firstYear, int lastYear) {
    return new SampleSpec(seed, 200, 5000, firstYear, lastYear, "202401", 3.2e5);
  }

  public SampleSpec withCounts(Integer countries, Integer products) {
    return new SampleSpec(seed, countries == null ? this.countries : countries,
        products == null ? this.products : products, firstYear, lastYear, versionTag, flowScaleUsd);
  }

  /** The year the model data describe: 2022 when generated, else the last year. */
  public int referenceYear() {
    return 2022 >= firstYear && 2022 <= lastYear ? 2022 : lastYear;
  }
}
