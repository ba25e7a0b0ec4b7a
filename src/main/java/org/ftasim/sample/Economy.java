package org.ftasim.sample;

import java.io.Serializable;
import java.util.Map;

/**
 * One economy of the sample world.
 *
 * @param code BACI's numeric country code (842 for the USA, 490 for Taiwan as "Other Asia, nes")
 * @param iso3 the ISO3 code as BACI's country file writes it (S19 for code 490)
 * @param gdpBn GDP in 2022, USD bn
 * @param exportsBn goods exports in 2022, USD bn
 * @param goodsVaShare share of goods sectors in value added (the rest is services)
 * @param exportBoost chapter → multiplier on the world share of that chapter in what the economy sells
 * @param importBoost chapter → multiplier on what it buys
 * @param synthetic true for the economies added at full scale (their numeric codes are the sample's own)
 */
public record Economy(int code, String name, String iso2, String iso3, double gdpBn, double exportsBn, double lat,
    double lon, double goodsVaShare, Map<Integer, Double> exportBoost, Map<Integer, Double> importBoost,
    boolean synthetic) implements Serializable {

  /** ISO3 as the rest of ftasim uses it: BACI's S19 ("Other Asia, nes") is Taiwan. */
  public String isoCode() {
    return iso3.equals("S19") ? "TWN" : iso3;
  }
}
