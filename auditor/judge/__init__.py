"""The judge stage: Evidence in, a scored verdict out.

`check` is the contract every check is written against (and the plugin API of third-party packs), `registry`
loads the packs, `evaluate` runs the checks in isolation, `waivers` applies accepted exceptions, `scoring` weighs
categories into the score and the verdict, `baseline` compares with a previous report, `fingerprint` gives each
finding a stable identity, and `assertions` decides when a run fails.
"""
