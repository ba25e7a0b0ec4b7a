package org.ftasim.tariff;

import java.util.List;
import java.util.Set;
import org.ftasim.config.UserException;

/**
 * Every user error of the agreements file and of scenarios (members, staging, trade costs), in one place (as Delta
 * Kernel's {@code DeltaErrors}): each names the file and key, the bad value, and the fix.
 */
final class TariffErrors {
  private TariffErrors() {}

  static UserException noSuchAgreement(String id, Set<String> listed) {
    return new UserException("agreement '" + id + "' is not in the agreements file; it lists " + listed
        + "; fix: name one of those, or add it to the agreements file");
  }

  static UserException notAnAgreementsFile(String source) {
    return new UserException(source
        + " must be a YAML mapping with keys staging and agreements; fix: see conf/agreements.yaml");
  }

  static UserException noAgreements(String source) {
    return new UserException(source
        + ": key 'agreements' must be a non-empty list; fix: list the agreements, each with id and members");
  }

  static UserException appliedBaseInBaseline(String source, String id) {
    return new UserException(source + ": agreement " + id
        + ".base: 'applied' is for scenarios (it starts cuts from the baseline's own rates); fix: start an agreement"
        + " of the baseline from mfn or its schedule");
  }

  static UserException agreementIdTwice(String source, String id) {
    return new UserException(source + ": agreement " + id + ": the id is used twice; fix: give each agreement"
        + " its own id");
  }

  static UserException badMembers(String where) {
    return new UserException(where
        + ": 'members' must map ISO3 codes to {entry_into_force: YYYY-MM-DD}; fix: e.g. members: {KOR:"
        + " {entry_into_force: 2027-01-01}}");
  }

  static UserException notAnIso3Member(String key, String member) {
    return new UserException(key + ": '" + member + "' is not an ISO3 code (three capital letters); fix: e.g. KOR");
  }

  static UserException badUtilisation(String where, String value) {
    return new UserException(where + ".utilisation: " + value
        + " must be between 0 and 1; fix: give the share of trade that claims the preference, e.g. 0.7");
  }

  static UserException unknownDefaultStaging(String where, String def, Set<String> defined) {
    return new UserException(where + ".default_staging: '" + def + "' is not a staging category; defined: " + defined
        + "; fix: name one of those");
  }

  static UserException badBase(String where, String base) {
    return new UserException(where + ".base: '" + base
        + "' must be mfn (cuts start from the MFN rate) or applied (from the rate applied the day before entry into"
        + " force); fix: give one of the two");
  }

  static UserException accessionNotMember(String where, String accession, Set<String> members) {
    return new UserException(where + ".accession: '" + accession + "' is not among the members " + members
        + "; fix: add it to members, or name one of them");
  }

  static UserException badExclude(String where) {
    return new UserException(where + ".exclude: must be a list; fix: list AG, NAMA or HS ranges such as \"8703\"");
  }

  static UserException badStagingRules(String where) {
    return new UserException(where
        + ".staging_rules: must be a list; fix: give entries of {hs|group|sector: …, category: …}");
  }

  static UserException unknownCategory(String key, String category, Set<String> defined) {
    return new UserException(key + ".category: '" + category + "' is not a staging category; defined: " + defined
        + "; fix: name one of those");
  }

  static UserException noProducts(String key) {
    return new UserException(key
        + ": the rule names no products; fix: name them with hs (e.g. \"28-38\"), group (AG or NAMA) or sector (a"
        + " sector of the sector map)");
  }

  static UserException badRule(String key, String problem) {
    return new UserException(key + ": " + problem + "; fix: see README, Agreements");
  }

  static UserException badCategories(String source, String where) {
    return new UserException(source + ": '" + where + "' must map category codes to {type: …}; fix: e.g. " + where
        + ": {A: {type: immediate}}");
  }

  static UserException badStagingType(String key, String type) {
    return new UserException(key + ".type: '" + type
        + "' is not a staging type; fix: use immediate, linear, partial or excluded");
  }

  static UserException badCategory(String key, String problem) {
    return new UserException(key + ": " + problem + "; fix: see README, Agreements");
  }

  static UserException missingField(String where, String field) {
    return new UserException(where + ": '" + field + "' is missing; fix: give " + field);
  }

  static UserException notADate(String key, String text) {
    return new UserException(key + ": '" + text + "' is not a date; fix: write YYYY-MM-DD");
  }

  static UserException notACutDate(String key, String text) {
    return new UserException(key + ": '" + text + "' is not a cut date; fix: write MM-DD, e.g. 04-01 for 1 April");
  }

  static UserException tradeCostsNotAList(String source) {
    return new UserException(source
        + ": 'trade_costs' must be a list of measures; fix: give each measure as a '- id: …' entry");
  }

  static UserException tradeCostIdTwice(String source, int i, String id) {
    return new UserException(source + ": trade_costs[" + i + "]: id '" + id
        + "' appears twice; fix: give each measure its own id");
  }

  static UserException tradeCostNotAMapping(String where) {
    return new UserException(where + " must be a mapping; fix: give id, members or pairs, a size and entry_into_force");
  }

  static UserException unknownTradeCostKey(String where, String key, Set<String> keys) {
    return new UserException(where + ": unknown key '" + key + "'; a trade-cost measure has " + keys
        + "; fix: spell the key as listed, or remove it");
  }

  static UserException badTradeCostId(String where, String id) {
    return new UserException(where + ": id '" + id + "' is not allowed; fix: use letters, digits, '.', '_' or '-'");
  }

  static UserException unknownKind(String where, String kind) {
    return new UserException(where + ": kind '" + kind + "' is not one ftasim models; fix: iceberg (a pure cost"
        + " that raises no revenue, Caliendo–Parro's d̂; the default) or rent (a wedge whose rents stay with the"
        + " importer)");
  }

  static UserException rentNeedsAve(String where) {
    return new UserException(where
        + ": kind rent needs ave_cut_pp with ave_base_pct: a rent is a wedge of the price, and the model needs its"
        + " level before the cut; fix: give both");
  }

  static UserException membersOrPairs(String where, String got) {
    return new UserException(where + ": give either members (every pair among them) or pairs (EXP:IMP), not " + got
        + "; fix: keep one of the two");
  }

  static UserException tooFewMembers(String where, List<String> members) {
    return new UserException(where + ".members needs at least two countries, got " + members
        + "; fix: list two or more, or give pairs");
  }

  static UserException notAPair(String where, String p) {
    return new UserException(where + ".pairs: '" + p + "' is not EXP:IMP of two ISO3 codes; fix: e.g. KOR:JPN");
  }

  static UserException oneSize(String where, String got) {
    return new UserException(where
        + ": give the size of the cut once, as one of ave_cut_pp (with ave_base_pct), iceberg, rta_effect or"
        + " from_estimate; got "
        + got + "; fix: keep one");
  }

  static UserException aveNeedsBase(String where) {
    return new UserException(where
        + ": ave_cut_pp needs ave_base_pct, the measures' ad-valorem equivalent before the cut (percent); fix: give"
        + " ave_base_pct");
  }

  static UserException badAveCut(String where, double cut, double base) {
    return new UserException(where + ": ave_cut_pp " + cut + " must be > 0 and at most ave_base_pct " + base
        + "; fix: give a cut within the base");
  }

  static UserException badIceberg(String where, double d) {
    return new UserException(where + ": iceberg " + d
        + " must be a factor in (0, 2]; fix: e.g. 0.97 (trade costs 3% lower)");
  }

  static UserException badEstimateRef(String where, String ref) {
    return new UserException(where + ": from_estimate '" + ref
        + "' is not RUN_ID/term; fix: name an estimate-gravity run and one of its covariates, e.g. yotov-rta/RTA");
  }

  static UserException unknownStaging(String where, String staging, Set<String> defined) {
    return new UserException(where + ": staging '" + staging + "' is not a staging category of the agreements file "
        + defined + "; fix: name one of those");
  }

  static UserException badEntryYear(String where) {
    return new UserException(where + ": entry_into_force must be a year; fix: e.g. entry_into_force: 2027");
  }

  static UserException notANumber(String where, String key, String text) {
    return new UserException(where + ": " + key + " '" + text + "' is not a number; fix: give a number");
  }

  static UserException notACountryList(String where) {
    return new UserException(where + " must be a list; fix: e.g. [KOR, JPN]");
  }

  static UserException notAnIso3(String where, String c) {
    return new UserException(where + ": '" + c + "' is not an ISO3 code (or EXP:IMP); fix: e.g. KOR, or KOR:JPN");
  }

  static UserException noBundledScenario(String id, List<String> shipped) {
    return new UserException("there is no bundled scenario '" + id + "'; the jar ships " + shipped
        + "; fix: name one of those, or give the scenario's file");
  }

  static UserException notAScenario(String source) {
    return new UserException(source
        + " must be a YAML mapping with keys id, description and agreements; fix: see conf/scenarios");
  }

  static UserException unknownScenarioKey(String source, String key) {
    return new UserException(source + ": unknown key '" + key
        + "'; a scenario has id, description, agreements and trade_costs; fix: spell the key as listed, or remove it");
  }

  static UserException badScenarioId(String source, String id) {
    return new UserException(source + ": id '" + id
        + "' is not allowed (it names the scenario in every result table); fix: use lower-case letters, digits, -"
        + " and _");
  }

  static UserException baselineIdReserved(String source) {
    return new UserException(source + ": id 'baseline' is reserved for the agreements file as it is; fix: give"
        + " the scenario its own id");
  }

  static UserException noScenarioAgreements(String source) {
    return new UserException(source
        + ": 'agreements' must be a non-empty list of agreements to add or change; fix: list them (or give"
        + " trade_costs)");
  }

  static UserException noAgreementId(String where, Set<String> baseline) {
    return new UserException(where + ": 'id' is missing; fix: name a baseline agreement to change it (" + baseline
        + ") or a new id to add one");
  }

  static UserException agreementTwice(String where, String aid) {
    return new UserException(where + ": agreement " + aid + " appears twice; fix: merge the entries");
  }
}
