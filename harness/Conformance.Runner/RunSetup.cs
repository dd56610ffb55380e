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

    public static RunSetup From(RepositoryLayout layout, RunArguments args)
    {
        var started = DateTimeOffset.UtcNow;
        // Checked here, so a bad value is blamed on the command line, not on the profile it overrides.
        if (args.TargetUrl is { } url && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            throw new UsageException($"--target-url '{url}' is not an http(s) URL such as http://127.0.0.1:8008.");
        var profilePath = ResolveProfilePath(layout, args);
        var profile = ProfileLoader.Load(profilePath, new ProfileOverrides
        {
            TargetUrl = args.TargetUrl,
            SharedSecret = args.SharedSecret,
            AppserviceToken = args.AsToken ?? Environment.GetEnvironmentVariable("CONFORMANCE_AS_TOKEN"),
            Defects = args.ReferenceDefects,
            Strict = args.NoStrict ? false : null,
            TrustProfile = args.TrustProfile,
            ComplementImage = args.ComplementImage,
        });
        if (args.Baseline is { } baseline)
        {
            // A homeserver's CI keeps its baseline in its own repository, not in this checkout.
            if (!File.Exists(baseline)) throw new UsageException($"--baseline {baseline}: no such file.");
            profile.Baseline = Path.GetFullPath(baseline);
        }
        var timeout = Durations.TryParse(args.Timeout ?? "10m", out var t) && t > TimeSpan.Zero ? t
            : throw new UsageException($"--timeout '{args.Timeout}' is not a positive duration such as 90s or 10m (at most 1440m).");
        var keep = args.Keep;
        if (keep && !TargetKinds.Of(profile).StartsContainer()) throw new UsageException("--keep only applies to container targets.");
        var updateBaseline = args.UpdateBaseline;
        if (updateBaseline && profile.Baseline is null) throw new UsageException($"--update-baseline: profile '{profile.Name}' names no baseline file.");
        if (updateBaseline && args.Only is not null) throw new UsageException("--update-baseline needs a full run (no --only).");

        var outDir = OutputFolder(args.Out ?? Path.Combine(layout.ReportsFolder, $"{started:yyyyMMdd-HHmmss}-{profile.Name}"), args.Out is not null);
        return new RunSetup
        {
            Started = started,
            RunId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3)),
            ProfilePath = profilePath,
            Profile = profile,
            OutDir = outDir,
            Only = args.Only,
            SuiteTimeout = timeout,
            Keep = keep,
            UpdateBaseline = updateBaseline,
            Html = !args.NoHtml,
        };
    }

    /// <summary>The run's output folder, made if needed; a path that cannot be a folder is a usage error.</summary>
    private static string OutputFolder(string path, bool given)
    {
        var option = given ? "--out" : "the default output folder";
        var full = Path.GetFullPath(path);
        if (File.Exists(full)) throw new UsageException($"{option} '{path}' is a file, not a folder.");
        try
        {
            Directory.CreateDirectory(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{option} '{path}' cannot be made: {e.Message}");
        }
        return full;
    }

    private static string ResolveProfilePath(RepositoryLayout layout, RunArguments args)
    {
        var named = args.Target;
        if (named is not null && args.Profile is not null) throw new UsageException("Give --target NAME or --profile FILE, not both.");
        // An image alone needs no profile: the Complement contract's defaults are data beside the others.
        if (named is null && args.ComplementImage is not null && args.Profile is null) named = "complement";
        if (named is null) return Path.GetFullPath(args.Profile ?? layout.DefaultProfile);
        var file = Path.Combine(layout.ProfilesFolder, named + ".yaml");
        return File.Exists(file) ? file
            : throw new UsageException($"--target {named}: there is no fixtures/profiles/{named}.yaml (targets: {string.Join(", ", Directory.GetFiles(layout.ProfilesFolder, "*.yaml").Select(Path.GetFileNameWithoutExtension).Order())}).");
    }
}
