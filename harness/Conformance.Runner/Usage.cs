namespace Conformance.Runner;

public static class Usage
{
    public const string Text = """
        Matrix account conformance suite: account locking, the admin lock API, OAuth 2.0 account management.

        Usage: ./run.sh [run] [options]            run the checks (default: the embedded reference server)
               ./run.sh reference [options]        start the reference homeserver on a port and wait
               ./run.sh catalogue [--spec DIR]     regenerate fixtures/catalogue/endpoints.json from the spec
               ./run.sh checks                     list the checks
               ./run.sh matrix RESULTS… [options]  one HTML page comparing runs (results.json files or folders)
               ./run.sh diff OLD NEW [options]     what changed per check and case between two runs

        run options:
          --target NAME           the profile fixtures/profiles/NAME.yaml, e.g. --target synapse
          --profile FILE          target profile (default fixtures/profiles/reference.yaml; docs/profiles.md)
          --target-url URL        test the server at URL (sets target.kind: url)
          --shared-secret S       registration shared secret; wins over CONFORMANCE_SHARED_SECRET, then
                                  the profile's users.shared_secret
          --as-token T            application service token, for the appservice check; wins over
                                  CONFORMANCE_AS_TOKEN, then the profile's appservice.token
          --out DIR               output folder (default reports/<time>-<target>)
          --only IDS              comma-separated check IDs or areas, e.g. locking,admin-lock-api (./run.sh checks lists them)
          --reference-defect D    switch on a reference-server defect (repeatable; embedded only)
          --no-strict             report a locked token accepted by optional-auth endpoints as info, not fail
          --timeout DURATION      give up on a suite after this long (default 10m)
          --keep                  container targets: leave the container running and print its URL
          --baseline FILE         compare with this baseline instead of the profile's (e.g. one kept in your repository)
          --update-baseline       rewrite the baseline file from this run (docs/targets.md)
          --no-html               write every report but the HTML one (saves about 3 s)
          --trust-profile         let the profile name files outside its folder and the checkout
                                  (a build script, files copied into a container, a baseline to rewrite)

        reference options:
          --port N                port on 127.0.0.1 (default 8008)
          --shared-secret S       registration shared secret (or CONFORMANCE_SHARED_SECRET; required)
          --defect D              switch on a defect (repeatable)
          --appservice-token T    application service token (default reference-appservice-token)

        matrix options:
          --out FILE              where the page goes (default reports/matrix.html); links to each run's
                                  results.json and HTML report are relative to it
          --title TEXT            the page's title

        diff options:
          --markdown FILE         also write the diff as Markdown (for a pull-request comment)

        Exit codes: 0 conformant (diff: nothing regressed); 1 a MUST failed (diff: a case newly fails or no
                    longer passes); 2 usage; 3 bad profile; 4 target unavailable; 5 some checks ended in
                    error; 6 a results file cannot be read; 130 interrupted.
        Documentation: README.md and docs/ (profiles, targets, checks, verdict rules, reports, comparing runs, CI).
        """;
}
