#!/usr/bin/env python3
"""Resolve a person file with Splink (DuckDB backend) for the entity-resolution benchmark.

Reads the `counternet resolve` input contract (id, given_name, family_name, full_name, date_of_birth, sex,
nationality, phone, id_number, address, locality, postcode) and writes `id,cluster_id` like counternet does.

The model is a sensible standard Splink model, as its documentation teaches, with the cleaning a user would
write for this data: lower-cased names without punctuation and common titles, the name split out of full_name
where the parts are missing, dates in ISO form (day-first and Buddhist-era years converted), phones reduced to
their national number, ID numbers to letters and digits. No transliteration: Splink has none.

Comparisons: given and family name (Jaro-Winkler levels), date of birth, ID number and phone (exact and one
edit), address (Jaro-Winkler), postcode, sex. u by random sampling, m by EM on two blocking rules, then predict
and connected-component clustering at a match probability threshold.
"""

import argparse
import sys
import time

import duckdb
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

CLEAN_SQL = r"""
CREATE TABLE persons_clean AS
WITH raw AS (
    SELECT * FROM read_csv(?, header = true, all_varchar = true, quote = '"', escape = '"')
),
names AS (
    SELECT *,
        -- lower case, the nickname in brackets and the usual Latin titles removed
        trim(regexp_replace(regexp_replace(lower(coalesce(given_name, '')), '\(.*\)', '', 'g'),
            '^(mr|mrs|ms|miss|nai|nangsao|nang|thao|daw|ma|ko|maung|mg|u)\.?\s+', '')) AS g0,
        trim(lower(coalesce(family_name, ''))) AS f0,
        trim(regexp_replace(regexp_replace(lower(coalesce(full_name, '')), '\(.*\)', '', 'g'),
            '^(mr|mrs|ms|miss|nai|nangsao|nang|thao|daw|ma|ko|maung|mg|u)\.?\s+', '')) AS n0,
        trim(coalesce(date_of_birth, '')) AS d0
    FROM raw
),
split AS (
    SELECT *,
        CASE WHEN g0 = '' AND f0 = '' THEN string_split(n0, ' ')[1] ELSE g0 END AS g1,
        CASE WHEN g0 = '' AND f0 = '' AND len(string_split(n0, ' ')) > 1
             THEN string_split(n0, ' ')[-1] ELSE f0 END AS f1,
        CASE
            WHEN regexp_full_match(d0, '\d{4}-\d{2}-\d{2}') THEN try_strptime(d0, '%Y-%m-%d')
            WHEN regexp_full_match(d0, '\d{1,2}[/-]\d{1,2}[/-]\d{4}') THEN try_strptime(replace(d0, '-', '/'), '%d/%m/%Y')
        END AS d1
    FROM names
)
SELECT
    id,
    nullif(regexp_replace(g1, '[^\p{L}\p{M}]', '', 'g'), '') AS given_name,
    nullif(regexp_replace(f1, '[^\p{L}\p{M}]', '', 'g'), '') AS family_name,
    CASE WHEN d1 IS NULL THEN NULL
         WHEN year(d1) > 2400 THEN strftime(d1 - INTERVAL 543 YEAR, '%Y-%m-%d')
         ELSE strftime(d1, '%Y-%m-%d') END AS dob,
    CASE WHEN lower(coalesce(sex, '')) IN ('f', 'female', 'หญิง', 'ญ') THEN 'f'
         WHEN lower(coalesce(sex, '')) IN ('m', 'male', 'ชาย', 'ช') THEN 'm' END AS sex,
    nullif(right(regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g'), 9), '') AS phone,
    nullif(upper(regexp_replace(coalesce(id_number, ''), '[^0-9A-Za-z]', '', 'g')), '') AS id_number,
    nullif(lower(regexp_replace(coalesce(address, ''), '[[:punct:]]', ' ', 'g')), '') AS address,
    nullif(regexp_replace(coalesce(postcode, ''), '[^0-9]', '', 'g'), '') AS postcode
FROM split
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--threshold", type=float, default=0.9, help="match probability to cluster at")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    started = time.monotonic()

    con = duckdb.connect()
    con.execute(CLEAN_SQL, [args.input]).fetchall()
    rows = con.execute("SELECT count(*) FROM persons_clean").fetchall()[0][0]
    db_api = DuckDBAPI(connection=con)
    persons = db_api.register("persons_clean")

    settings = SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="id",
        blocking_rules_to_generate_predictions=[
            block_on("id_number"),
            block_on("phone"),
            block_on("given_name", "family_name", "substr(dob, 1, 4)"),
            block_on("family_name", "dob"),
            block_on("given_name", "dob"),
            block_on("postcode", "dob"),
        ],
        comparisons=[
            cl.NameComparison("given_name"),
            cl.NameComparison("family_name"),
            cl.DateOfBirthComparison("dob", input_is_string=True),
            cl.LevenshteinAtThresholds("id_number", 1),
            cl.LevenshteinAtThresholds("phone", 1),
            cl.JaroWinklerAtThresholds("address", [0.9, 0.7]),
            cl.ExactMatch("postcode"),
            cl.ExactMatch("sex"),
        ],
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )
    linker = Linker(persons, settings, log_level="WARNING")
    linker.training.estimate_probability_two_random_records_match(
        [block_on("id_number"), block_on("phone", "dob")], recall=0.6
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=args.seed)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"), max_pairs=2e6)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("given_name", "family_name"), max_pairs=2e6
    )
    predictions = linker.inference.predict(threshold_match_probability=min(0.5, args.threshold))
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=args.threshold
    )
    con.execute(
        f"COPY (SELECT id, cluster_id FROM {clusters.physical_name} ORDER BY id) TO '{args.output}' (HEADER)"
    ).fetchall()
    print(
        f"splink: {rows} records resolved in {time.monotonic() - started:.1f} s -> {args.output}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
