using System.Security.Cryptography;
using Conformance.Harness.Layout;
using Conformance.Harness.Profiles;
using Conformance.Harness.Targets;

namespace Conformance.Runner;

/// <summary>
/// What the command line settles before anything starts: the profile as loaded (with the command line's
/// overrides), the run's ID and output folder, and the options that shape the run. Every usage error
/// surfaces here, before a target is started.
/// </summary>
public sealed record RunSetup
{
    public required DateTimeOffset Started { get; init; }
    public required string RunId { get; init; }
    public required string ProfilePath { get; init; }
    public required TargetProfile Profile { get; init; }
    public required string OutDir { get; init; }
    /// <summary>The <c>--only</c> filter as given; null for a full run.</summary>
    public string? Only { get; init; }
    public required TimeSpan SuiteTimeout { get; init; }
    public bool Keep { get; init; }
    public bool UpdateBaseline { get; init; }
    public bool Html { get; init; } = true;

    public static RunSetup From(RepositoryLayout layout, CommandLine args)
    {
        var started = DateTimeOffset.UtcNow;
        var profilePath = ResolveProfilePath(layout, args);
        var profile = ProfileLoader.Load(profilePath, new ProfileOverrides
        {
            TargetUrl = args.Value("target-url"),
            SharedSecret = args.Value("shared-secret"),
            AppserviceToken = args.Value("as-token") ?? Environment.GetEnvironmentVariable("CONFORMANCE_AS_TOKEN"),
            Defects = args.Values("reference-defect"),
            Strict = args.Flag("no-strict") ? false : null,
            TrustProfile = args.Flag("trust-profile"),
        });
        if (args.Value("baseline") is { } baseline)
        {
            // A homeserver's CI keeps its baseline in its own repository, not in this checkout.
            if (!File.Exists(baseline)) throw new UsageException($"--baseline {baseline}: no such file.");
            profile.Baseline = Path.GetFullPath(baseline);
        }
        var timeout = Durations.TryParse(args.Value("timeout") ?? "10m", out var t) ? t : throw new UsageException($"--timeout '{args.Value("timeout")}' is not a duration such as 90s or 10m.");
        var keep = args.Flag("keep");
        if (keep && TargetKinds.Of(profile) != TargetKind.Container) throw new UsageException("--keep only applies to container targets.");
        var updateBaseline = args.Flag("update-baseline");
        if (updateBaseline && profile.Baseline is null) throw new UsageException($"--update-baseline: profile '{profile.Name}' names no baseline file.");
        if (updateBaseline && args.Value("only") is not null) throw new UsageException("--update-baseline needs a full run (no --only).");

        var outDir = Path.GetFullPath(args.Value("out") ?? Path.Combine(layout.ReportsFolder, $"{started:yyyyMMdd-HHmmss}-{profile.Name}"));
        Directory.CreateDirectory(outDir);
        return new RunSetup
        {
            Started = started,
            RunId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3)),
            ProfilePath = profilePath,
            Profile = profile,
            OutDir = outDir,
            Only = args.Value("only"),
            SuiteTimeout = timeout,
            Keep = keep,
            UpdateBaseline = updateBaseline,
            Html = !args.Flag("no-html"),
        };
    }

    private static string ResolveProfilePath(RepositoryLayout layout, CommandLine args)
    {
        var named = args.Value("target");
        if (named is not null && args.Value("profile") is not null) throw new UsageException("Give --target NAME or --profile FILE, not both.");
        if (named is null) return Path.GetFullPath(args.Value("profile") ?? layout.DefaultProfile);
        var file = Path.Combine(layout.ProfilesFolder, named + ".yaml");
        return File.Exists(file) ? file
            : throw new UsageException($"--target {named}: there is no fixtures/profiles/{named}.yaml (targets: {string.Join(", ", Directory.GetFiles(layout.ProfilesFolder, "*.yaml").Select(Path.GetFileNameWithoutExtension).Order())}).");
    }
}
